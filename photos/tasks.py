"""Celery tasks (CELERY_BROKER_URL mode): the worker side of a photo job, and the purge.

`run_job` may see the same job more than once (at-least-once delivery, see
painty.celery); it runs a job only while the job is open and within its time
limit, so a redelivered message after a crashed worker either finishes the job
or fails and refunds it — never both, never twice."""

from __future__ import annotations

import logging
import threading
from datetime import timedelta

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.utils import timezone

from painty.celery import app
from painty.middleware import request_id_var

from . import imaging, retention, services, storage, webhooks
from .models import Job

log = logging.getLogger(__name__)


@app.task(name="photos.run_job")
def run_job(job_id: int, request_id: str = "-") -> str:
    """Load the stored original, run the engine, store the results, record the outcome."""
    # The worker's log lines carry the id of the API request that enqueued the job.
    request_id_var.set(request_id)
    job = Job.objects.filter(pk=job_id).first()
    if job is None:
        log.warning("run_job: job %s does not exist", job_id)
        return "missing"
    if job.status not in Job.OPEN:
        return job.status  # ended already: the API timed it out, or another delivery finished it
    if timezone.now() >= job.created_at + timedelta(seconds=settings.PAINTY_JOB_TIMEOUT):
        return finish_failed(job, services.timeout_error())
    if not job.mark_running():
        log.info("run_job: job %s is running again (redelivered after a lost worker)", job.pk)
    try:
        picture = imaging.decode(storage.read(job.original_name))
        names, result = services.process(job.token, picture, job.prompt, job.engine, job.test_mode, threading.Event())
    except SoftTimeLimitExceeded:
        return finish_failed(job, services.timeout_error())
    except Exception as exc:
        return finish_failed(job, services.failure(job, exc))
    if not job.mark_succeeded(job.original_name, names, result.edits or job.edits, result.notes):
        job.refresh_from_db()
    return job.status


def finish_failed(job: Job, error) -> str:
    job.mark_failed(error.code, error.message, refund=True)
    job.refresh_from_db()
    return job.status


@app.task(name="photos.purge_expired")
def purge_expired() -> dict:
    """Celery beat runs this every 15 minutes (painty.celery.PURGE_EVERY_SECONDS);
    it also re-attempts webhook deliveries whose retry is overdue."""
    counts = retention.purge_expired()
    counts["webhooks_retried"] = webhooks.retry_due()
    return counts


@app.task(name="photos.deliver_webhook")
def deliver_webhook(delivery_id: int) -> str:
    """One completion-webhook attempt; a failed attempt schedules the next with a countdown."""
    return webhooks.attempt(delivery_id).status
