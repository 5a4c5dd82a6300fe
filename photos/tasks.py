"""Celery tasks (CELERY_BROKER_URL mode): the worker side of a photo job, and the purge.

`run_job` may see the same job more than once (at-least-once delivery, see
painty.celery); it runs a job only while the job is open and within its time
limit, so a redelivered message after a crashed worker either finishes the job
or fails and refunds it — never both, never twice."""

from __future__ import annotations

import base64
import logging

from celery.exceptions import SoftTimeLimitExceeded

from painty.celery import app
from painty.middleware import request_id_var

from . import retention, runners, webhooks
from .models import Job

log = logging.getLogger(__name__)


@app.task(name="photos.run_job")
def run_job(job_id: int, request_id: str = "-", upload: str | None = None) -> str:
    """Run the job (photos.runners.execute) and return its status: from the upload the
    message carries (base64, a small one: photos.runners.CeleryRunner.queue), else from the
    stored original."""
    # The worker's log lines carry the id of the API request that enqueued the job.
    request_id_var.set(request_id)
    job = Job.objects.filter(pk=job_id).first()
    if job is None:
        log.warning("run_job: job %s does not exist", job_id)
        return "missing"
    if job.status == Job.Status.RUNNING:
        log.info("run_job: job %s is running again (redelivered after a lost worker)", job.pk)
    # The embedded engine runs inline: this prefork worker process is the killable unit
    # (Celery's hard time limit). A hosted call waits in a thread of its own with the
    # job's deadline, so a threads-pool worker (the `io` queue) holds many at once.
    runners.execute(job, upload=base64.b64decode(upload) if upload else None,
                    inline=runners.in_worker_process(job), timeouts=(SoftTimeLimitExceeded,))
    if not job.is_finished:  # another path ended it first: the row says how
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
