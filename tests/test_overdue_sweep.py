"""Jobs a lost process left open are failed and refunded without cron or Celery beat."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest

from billing.ledger import balance_of
from photos import housekeeping, services
from photos.models import Job
from tests import images


def running_job(user, age_seconds: float) -> Job:
    job = services.accept(user, None, "brighten", services.imaging.decode(images.jpeg()), "echo", [])
    job.mark_running()
    Job.objects.filter(pk=job.pk).update(created_at=job.created_at - timedelta(seconds=age_seconds))
    return job


@pytest.fixture
def keep_connection(monkeypatch):
    # sweep_once closes its thread's connection; here it runs on the test's own.
    monkeypatch.setattr(housekeeping.connection, "close", lambda: None)


def test_a_job_open_past_its_time_limit_is_failed_and_refunded_by_the_sweep(user, settings, keep_connection):
    settings.PAINTY_JOB_TIMEOUT = 30
    overdue = running_job(user, age_seconds=30 + 61)
    recent = running_job(user, age_seconds=5)
    assert balance_of(user) == 8

    housekeeping.sweep_once()

    overdue.refresh_from_db()
    recent.refresh_from_db()
    assert (overdue.status, overdue.error_code) == (Job.Status.FAILED, "timeout")
    assert recent.status == Job.Status.RUNNING  # still within its time: its runner will end it
    assert balance_of(user) == 9


def test_a_job_within_its_grace_period_is_left_to_its_runner(user, settings, keep_connection):
    settings.PAINTY_JOB_TIMEOUT = 30
    job = running_job(user, age_seconds=30 + 30)
    housekeeping.sweep_once()
    job.refresh_from_db()
    assert job.status == Job.Status.RUNNING


def test_the_sweeper_thread_starts_once_per_process_and_not_with_celery(monkeypatch, settings):
    started = threading.Event()
    monkeypatch.setattr(housekeeping, "_sweeper_started", False)
    monkeypatch.setattr(housekeeping, "_sweep_forever", started.set)
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"
    assert housekeeping.start_sweeper() is False
    settings.CELERY_BROKER_URL = None
    assert housekeeping.start_sweeper() is True
    assert started.wait(5)
    assert housekeeping.start_sweeper() is False


def test_the_sweep_runs_often_enough_for_short_and_long_time_limits(settings):
    settings.PAINTY_JOB_TIMEOUT = 10
    assert housekeeping.sweep_interval() == 30
    settings.PAINTY_JOB_TIMEOUT = 240
    assert housekeeping.sweep_interval() == 120
    settings.PAINTY_JOB_TIMEOUT = 3600
    assert housekeeping.sweep_interval() == 300
