"""Signals about jobs. `job_finished` is sent once, after the commit that ended a job.

Receivers live with the feature that cares (completion webhooks today; waiters
and event streams can subscribe too) and are connected in `PhotosConfig.ready()`,
so the job's life cycle never imports them."""

from django.dispatch import Signal

# sender=Job, job=<Job>: the job just succeeded or failed (not sent for expiry).
job_finished = Signal()
