"""Deleting files past retention (run by `manage.py purge_expired`, cron or Celery beat)."""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from . import lifecycle, storage
from .models import Job

log = logging.getLogger(__name__)


def purge_expired(now=None) -> dict:
    """Delete originals and results of jobs past retention and mark them expired.

    Jobs stuck open far past the time limit (a crashed process) are failed
    and refunded first, so no credit is lost with them. A job whose files the
    store refuses to delete is logged and left as it is, so the next run tries
    it again; one bad file must not keep every later job's files around."""
    now = now or timezone.now()
    stuck = fail_overdue(now, grace=settings.PAINTY_JOB_TIMEOUT + 60)
    expired = files = failed = 0
    for job in Job.objects.filter(expires_at__lte=now).exclude(status__in=[*Job.OPEN, Job.Status.EXPIRED]):
        try:
            files += delete_files(job)
        except storage.StorageUnavailable as exc:
            log.error("purge_expired: could not delete the files of job %s, will retry next run: %s", job.pk, exc)
            failed += 1
            continue
        if lifecycle.expire(job):
            expired += 1
    if stuck or expired or failed:
        log.info(
            "purge_expired: %s jobs expired, %s files deleted, %s stuck jobs refunded, %s jobs left for the next run",
            expired,
            files,
            stuck,
            failed,
        )
    return {"expired": expired, "files": files, "stuck": stuck, "failed": failed}


def fail_overdue(now=None, grace: float = 60) -> int:
    """Fail and refund jobs still open `grace` seconds past their time limit.

    Every runner ends its job by the deadline, so such a job lost its process
    (a crash, a restart): without this its credit would stay held."""
    now = now or timezone.now()
    overdue_before = now - timedelta(seconds=settings.PAINTY_JOB_TIMEOUT + grace)
    # A batch's images wait their turn: each is timed from its start, and one that
    # never started is given up with the batch (PAINTY_BATCH_TIMEOUT).
    overdue = (
        Q(batch__isnull=True, created_at__lt=overdue_before)
        | Q(batch__isnull=False, started_at__lt=overdue_before)
        | Q(batch__isnull=False, status=Job.Status.QUEUED,
            created_at__lt=now - timedelta(seconds=settings.PAINTY_BATCH_TIMEOUT + grace))
    )
    failed = 0
    for job in Job.objects.filter(overdue, status__in=Job.OPEN):
        if lifecycle.fail(job, "timeout", "The job did not finish in time. Your credits were refunded."):
            failed += 1
    return failed


def delete_files(job: Job) -> int:
    """Delete every file of `job`; raises storage.StorageUnavailable if the store refuses one."""
    names = set(job.file_names) | {storage.job_path(job.token, name) for name in storage.listdir(f"jobs/{job.token}")}
    for name in names:
        storage.delete(name)
    return len(names)
