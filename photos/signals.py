"""Signals about jobs, each sent once, after the commit that changed the job.

Receivers live with the feature that cares and are connected in
`PhotosConfig.ready()`, so the job's life cycle never imports them: completion
webhooks and batch endings listen to `job_finished`; photos.waiting listens to
both and wakes the requests and event streams waiting on the job."""

from django.dispatch import Signal

# sender=Job, job=<Job>: the job just succeeded or failed (not sent for expiry).
job_finished = Signal()
# sender=Job, job=<Job>: a queued job just started running on a worker.
job_started = Signal()
