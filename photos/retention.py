"""Deleting files past retention (run by `manage.py purge_expired`, cron or Celery beat)."""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from . import lifecycle, storage
from .models import Job

log = logging.getLogger(__name__)


def purge_expired(now=None) -> dict:
    """Delete originals and results of jobs past retention and mark them expired.

    Jobs stuck open far past the time limit (a crashed process) are failed
    and refunded first, so no credit is lost with them."""
    now = now or timezone.now()
    stuck_before = now - timedelta(seconds=settings.PAINTY_JOB_TIMEOUT * 2 + 60)
    stuck = 0
    for job in Job.objects.filter(status__in=Job.OPEN, created_at__lt=stuck_before):
        if lifecycle.fail(job, "timeout", "The job did not finish in time. Your credits were refunded."):
            stuck += 1
    expired = files = 0
    for job in Job.objects.filter(expires_at__lte=now).exclude(status__in=[*Job.OPEN, Job.Status.EXPIRED]):
        files += delete_files(job)
        if lifecycle.expire(job):
            expired += 1
    if stuck or expired:
        log.info("purge_expired: %s jobs expired, %s files deleted, %s stuck jobs refunded", expired, files, stuck)
    return {"expired": expired, "files": files, "stuck": stuck}


def delete_files(job: Job) -> int:
    names = set(job.file_names) | set(_leftovers(job))
    for name in names:
        storage.delete(name)
    return len(names)


def _leftovers(job: Job) -> list[str]:
    """Everything under the job's folder, including files a failed job never recorded."""
    try:
        _, names = storage.default_storage.listdir(f"jobs/{job.token}")
    except (FileNotFoundError, OSError):
        return []
    return [f"jobs/{job.token}/{name}" for name in names]
