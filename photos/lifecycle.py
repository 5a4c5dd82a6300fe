"""The one service that moves a job through its life: start, succeed, fail, expire.

The model only knows how to make a conditional update (so a timeout and a late
result can't both win); this module adds what goes with each transition in the
same transaction — the refund of a failed job — and, after the commit, the
`job_finished` signal that completion webhooks and waiters listen to."""

from __future__ import annotations

from django.db import transaction

from billing import ledger

from .models import Job
from .signals import job_finished, job_started


def start(job: Job) -> bool:
    """queued → running. False when the job was running already (a redelivered task) or has ended."""
    started = job.mark_running()
    if started:
        transaction.on_commit(lambda: job_started.send(sender=Job, job=job))
    return started


def succeed(job: Job, original_name: str, result_names: list[str], edits: list[dict], notes: list[str]) -> bool:
    with transaction.atomic():
        done = job.mark_succeeded(original_name, result_names, edits, notes)
        if done:
            _announce(job)
    return done


def fail(job: Job, code: str, message: str, refund: bool = True) -> bool:
    """Fail an open job and, unless the failure was the caller's fault, refund its
    cost in the same transaction. False if the job had already ended."""
    with transaction.atomic():
        failed = job.mark_failed(code, message)
        if failed and refund:
            ledger.refund_job(job, reason=f"{code}: {message}"[:500])
        if failed:
            _announce(job)
    return failed


def expire(job: Job) -> bool:
    return job.mark_expired()


def _announce(job: Job) -> None:
    # After commit: a receiver may read the job (or the caller may GET it) at once.
    transaction.on_commit(lambda: job_finished.send(sender=Job, job=job))
