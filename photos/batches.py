"""Batches: one prompt, up to PAINTY_MAX_BATCH_ITEMS images, one answer to poll.

Each image goes through the same checks and charge as a photo request
(`services.prepare` / `services.accept`): an image that fails them (unreadable,
too large, out of credits) is listed in `rejected` and costs nothing; the rest
become jobs, charged one by one and refunded one by one if they fail. Accepted
images are stored at once, then run like any job — in this process a few at a
time (at most PAINTY_ENGINE_WORKERS at once, so one batch can't take every
engine worker from other users), on the stack as Celery tasks. The batch ends
with its last job (the `job_finished` receiver below), which sends one
`batch.finished` webhook."""

from __future__ import annotations

import io
import logging
import threading
import uuid
import zipfile
from concurrent.futures import ThreadPoolExecutor

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import close_old_connections, transaction
from django.utils import timezone

from painty.errors import DomainError

from . import remote, runners, services, storage
from .models import Batch, Job, WebhookDelivery
from .options import Options

log = logging.getLogger(__name__)


def check_open(user) -> None:
    """An account runs at most PAINTY_MAX_OPEN_BATCHES batches at once (each holds engine workers)."""
    limit = settings.PAINTY_MAX_OPEN_BATCHES
    if Batch.objects.filter(user=user, status=Batch.Status.RUNNING).count() >= limit:
        raise DomainError(
            "too_many_batches",
            f"This account already has {limit} batch{'es' if limit != 1 else ''} running, the most it may run at once. "
            "Send this one when one has finished.",
            headers={"Retry-After": 10},
        )


def submit(user, api_key, prompt: str, uploads: list, webhook_url: str, chosen: Options) -> Batch:
    """Check and charge each image, store the accepted ones, start them; returns the batch."""
    check_open(user)
    batch = Batch.objects.create(user=user, api_key=api_key, prompt=prompt, webhook_url=webhook_url, size=len(uploads))
    rejected, accepted = [], []
    for index, upload in enumerate(uploads):
        try:
            accepted.append(_accept(batch, index, upload, chosen))
        except DomainError as exc:
            name = upload if isinstance(upload, str) else getattr(upload, "name", "") or f"image {index + 1}"
            rejected.append({"index": index, "name": name, "error": exc.detail()})
    batch.rejected = rejected
    Batch.objects.filter(pk=batch.pk).update(rejected=rejected)
    transaction.on_commit(lambda: start(batch.pk, accepted))
    return batch


def _accept(batch: Batch, index: int, upload, chosen: Options) -> int:
    """One image (an upload, or a URL to fetch): checked, charged, its original stored.
    A storage failure after the charge fails (and refunds) the job, which stays in
    the batch as a failed item."""
    if isinstance(upload, str):
        upload = SimpleUploadedFile(upload.rsplit("/", 1)[-1][:100] or "image", remote.fetch_image(upload, "image_urls"))
    picture, engine_name, edits = services.prepare(batch.api_key, batch.prompt, upload, chosen)
    job = services.accept(batch.user, batch.api_key, batch.prompt, picture, engine_name, edits, chosen=chosen)
    Job.objects.filter(pk=job.pk).update(batch=batch, batch_index=index)
    try:
        upload.seek(0)
        name = runners.store_original(job.token, picture, upload.read())
        Job.objects.filter(pk=job.pk).update(original_name=name)
    except storage.StorageUnavailable as exc:
        runners.fail(job, runners.error_for(job, exc))
    return job.pk


def start(batch_id: int, job_ids: list[int]) -> None:
    """Run the accepted jobs: queued on Celery, or a few at a time in this process."""
    if not job_ids:
        finish(batch_id)
        return
    if runners.uses_celery():
        for job in Job.objects.filter(pk__in=job_ids, status=Job.Status.QUEUED):
            try:
                runners.CeleryRunner.queue(job)
            except DomainError:
                pass  # the broker is down: that job is failed and refunded, the others still try
        return
    workers = max(1, min(settings.PAINTY_ENGINE_WORKERS, len(job_ids)))
    threading.Thread(target=_run_here, args=(job_ids, workers), daemon=True, name=f"painty-batch-{batch_id}").start()


def _run_here(job_ids: list[int], workers: int) -> None:
    def run(job_id: int) -> None:
        try:
            job = Job.objects.get(pk=job_id)
            if not job.is_finished:
                # An item's time limit starts when it starts, not when the batch was sent.
                runners.execute(job, deadline=runners.fresh_deadline())
        except Exception:  # noqa: BLE001 — execute records job failures itself; this is a last resort
            log.exception("Batch job %s could not run", job_id)
        finally:
            close_old_connections()

    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="painty-batch") as pool:
        list(pool.map(run, job_ids))


def on_job_finished(sender, job: Job, **kwargs) -> None:
    """`job_finished` receiver: the batch ends with its last job."""
    if job.batch_id:
        finish(job.batch_id)


def finish(batch_id: int) -> None:
    batch = Batch.objects.get(pk=batch_id)
    if batch.finish() and batch.webhook_url:
        notify(batch)


def notify(batch: Batch) -> None:
    """The `batch.finished` completion webhook (signed and retried like a job's)."""
    from . import webhooks
    from .serializers import batch_detail

    batch.refresh_from_db()
    delivery = WebhookDelivery.objects.create(
        batch=batch,
        user=batch.user,
        url=batch.webhook_url,
        event="batch.finished",
        message_id=f"msg_{uuid.uuid4().hex}",
        payload={"type": "batch.finished", "timestamp": timezone.now().isoformat(), "data": batch_detail(batch)},
        next_attempt_at=timezone.now(),
    )
    webhooks.schedule(delivery.pk, 0)


def zip_of(batch: Batch) -> bytes:
    """Every result of the batch in one zip: `<index>-<name>-<n>.<ext>`, in the batch's order."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as archive:  # images are compressed already
        for job in batch.items.filter(status=Job.Status.SUCCEEDED).order_by("batch_index"):
            for number, name in enumerate(job.result_names, start=1):
                extension = name.rsplit(".", 1)[-1]
                archive.writestr(f"{job.batch_index + 1:02d}-result-{number}.{extension}", storage.read(name))
    return out.getvalue()
