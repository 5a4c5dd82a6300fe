"""Housekeeping for deployments without Celery beat.

In-process deployments have no beat to run `purge_expired`'s refunds of lost
jobs, so each web process runs a small daemon thread that fails and refunds
overdue jobs (at once — a restart leaves the previous process's jobs behind —
and then every few minutes) and retries due webhooks."""

from __future__ import annotations

import logging
import threading
import time

from django.conf import settings
from django.db import connection

from . import retention, webhooks
from .runners import uses_celery

log = logging.getLogger(__name__)

_sweeper_lock = threading.Lock()
_sweeper_started = False


def start_sweeper() -> bool:
    """In-process deployments have no Celery beat: once per process, a daemon thread
    fails and refunds overdue jobs (at once — a restart leaves jobs of the previous
    process behind — and then every few minutes) and retries due webhooks.
    Returns False when it was already running or Celery does the work."""
    global _sweeper_started
    if uses_celery():
        return False
    with _sweeper_lock:
        if _sweeper_started:
            return False
        _sweeper_started = True
    threading.Thread(target=_sweep_forever, daemon=True, name="painty-sweeper").start()
    return True


def sweep_interval() -> float:
    return min(300.0, max(30.0, settings.PAINTY_JOB_TIMEOUT / 2))


def sweep_once() -> None:
    try:
        failed = retention.fail_overdue()
        if failed:
            log.warning("Failed and refunded %s overdue jobs left by a lost process", failed)
        webhooks.retry_due()
    except Exception:  # the database may be briefly away; the next round tries again
        log.exception("The overdue-job sweep failed")
    finally:
        connection.close()


def _sweep_forever() -> None:
    while True:
        sweep_once()
        time.sleep(sweep_interval())
