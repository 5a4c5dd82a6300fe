"""Accept, charge, run, store: the photo request as plain functions.

The view hands over a validated prompt and the uploaded file; this module
returns a finished `Job` or raises `ApiError`. Credits move only through
`billing.ledger` and job state only through `Job.mark_*`."""

from __future__ import annotations

import logging
import threading
import time
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from billing import ledger
from painty.errors import ApiError
from painty.middleware import request_id_var

from . import budget, imaging, storage, testmode
from .engines import (
    EditResult,
    EngineError,
    EngineTimeout,
    EngineUnavailable,
    PromptRejected,
    UnsupportedPrompt,
    get_engine,
)
from .models import Job

log = logging.getLogger(__name__)


def validate_prompt(prompt) -> str:
    if prompt is None:
        raise ApiError(400, "missing_parameter", "The 'prompt' field is required.", "prompt")
    prompt = str(prompt).strip()
    if not prompt:
        raise ApiError(400, "missing_parameter", "The 'prompt' field must not be blank.", "prompt")
    if len(prompt) > settings.PAINTY_MAX_PROMPT_CHARS:
        raise ApiError(
            400,
            "prompt_too_long",
            f"The prompt is {len(prompt)} characters; the limit is {settings.PAINTY_MAX_PROMPT_CHARS}.",
            "prompt",
        )
    return prompt


def engine_error(exc: EngineError) -> ApiError:
    """Translate an engine's domain error into the API's answer."""
    if isinstance(exc, UnsupportedPrompt):
        return ApiError(422, "unsupported_prompt", str(exc), "prompt")
    if isinstance(exc, PromptRejected):
        return ApiError(422, "prompt_rejected", str(exc), "prompt")
    if isinstance(exc, EngineUnavailable):
        headers = {"Retry-After": exc.retry_after} if exc.retry_after else {}
        return ApiError(503, "engine_unavailable", f"The editing engine is unavailable: {exc}", headers=headers)
    if isinstance(exc, EngineTimeout):
        return timeout_error()
    return ApiError(500, "engine_error", f"The editing engine failed: {exc}")


def simulate(api_key, prompt: str) -> None:
    """Test keys' magic prompts answer with the error they name, before anything else."""
    if api_key is not None and api_key.test_mode:
        error = testmode.simulated_error(prompt)
        if error:
            raise error


def timeout_error() -> ApiError:
    return ApiError(
        504,
        "timeout",
        f"Processing took longer than {settings.PAINTY_JOB_TIMEOUT:g} seconds. Your credits were refunded.",
    )


def plan(prompt: str, api_key=None) -> tuple[str, list[dict]]:
    """Ask the engine whether it can do `prompt` before anything is charged."""
    if api_key is not None and api_key.test_mode and testmode.is_slow(prompt):
        return "echo", [{"op": "simulate_slow", "seconds": testmode.SLOW_SECONDS}]
    engine = get_engine()
    try:
        return engine.name, engine.plan(prompt)
    except EngineError as exc:
        raise engine_error(exc) from None


def price_for(api_key) -> int:
    """What one request costs on this key: test keys are free."""
    if api_key is not None and api_key.test_mode:
        return 0
    return settings.PAINTY_CREDITS_PER_IMAGE


def check_monthly_cap(api_key, cost: int) -> None:
    if api_key is None or api_key.monthly_credit_cap is None or not cost:
        return
    spent = api_key.credits_spent_this_month()
    if spent + cost > api_key.monthly_credit_cap:
        raise ApiError(
            402,
            "key_cap_reached",
            f"This API key has spent {spent} of its {api_key.monthly_credit_cap}-credit monthly cap. "
            "Raise the cap in the dashboard or use another key.",
        )


def accept(
    user,
    api_key,
    prompt: str,
    picture: imaging.Picture,
    engine: str,
    edits: list[dict],
    webhook_url: str = "",
    running: bool = False,
) -> Job:
    """Create the job and hold its cost, atomically: no job without a charge, no charge without a job.

    `running=True` creates it already running (this request runs it right away),
    which saves the request a write."""
    cost = price_for(api_key)
    status = {"status": Job.Status.RUNNING, "started_at": timezone.now()} if running else {}
    width, height = picture.size
    try:
        with transaction.atomic():
            if api_key is not None and api_key.monthly_credit_cap is not None:
                # Lock the key so two concurrent requests can't both squeeze under the cap.
                type(api_key).objects.select_for_update().filter(pk=api_key.pk).first()
                check_monthly_cap(api_key, cost)
            job = Job.objects.create(
                user=user,
                api_key=api_key,
                prompt=prompt,
                engine=engine,
                cost=cost,
                test_mode=bool(api_key and api_key.test_mode),
                webhook_url=webhook_url,
                edits=edits,
                token=storage.new_token(),
                input_format=picture.format,
                width=width,
                height=height,
                expires_at=Job.retention_deadline(),
                **status,
            )
            if cost:
                ledger.debit(user, cost, job=job, reason=f"Job {job.pk}")
    except ledger.InsufficientCredits as exc:
        raise ApiError(
            402,
            "insufficient_credits",
            f"This request costs {exc.needed} credit{'s' if exc.needed != 1 else ''} "
            f"and your balance is {exc.balance}. Buy credits in your dashboard.",
        ) from None
    return job


def prepare(api_key, prompt: str, upload) -> tuple[imaging.Picture, str, list[dict]]:
    """The checks before any charge: magic prompts, the image's bytes, the engine's plan."""
    simulate(api_key, prompt)
    picture = imaging.decode(upload)
    engine_name, edits = plan(prompt, api_key)
    try:
        budget.check(*picture.size, len(picture.frames), edits)
    except budget.WorkTooLarge as exc:
        raise imaging.too_much_work(exc) from None
    return picture, engine_name, edits


def quote(user, api_key, prompt: str, upload) -> dict:
    """`?dry_run=1`: everything `submit` checks, nothing it charges or runs."""
    picture, engine_name, edits = prepare(api_key, prompt, upload)
    price = price_for(api_key)
    check_monthly_cap(api_key, price)
    balance = ledger.balance_of(user)
    width, height = picture.size
    return {
        "dryRun": True,
        "engine": engine_name,
        "edits": edits,
        "price": price,
        "creditsRemaining": balance,
        "sufficientCredits": balance >= price,
        "image": {"format": picture.format, "width": width, "height": height, "frames": len(picture.frames)},
    }


def submit(user, api_key, prompt: str, upload, webhook_url: str = "", wait: float | None = None) -> Job:
    """Decode, plan, charge, run.

    With `wait=None` (the seed's synchronous API) it returns a succeeded job or
    raises the job's error. With `wait=N` the job runs in the background and
    this returns after at most N seconds, with the job finished or still open."""
    picture, engine_name, edits = prepare(api_key, prompt, upload)
    in_this_request = wait is None and not settings.CELERY_BROKER_URL
    job = accept(user, api_key, prompt, picture, engine_name, edits, webhook_url, running=in_this_request)
    upload.seek(0)
    if wait is None:
        run(job, picture, upload.read())
    else:
        start(job, picture, upload.read(), wait)
    return job


def start(job: Job, picture: imaging.Picture, upload: bytes, wait: float) -> None:
    """Run `job` in the background (a Celery worker, or a thread of this process)
    and wait up to `wait` seconds for it to end. The job records its own outcome."""
    deadline = time.monotonic() + min(max(wait, 0), settings.PAINTY_JOB_TIMEOUT)
    if settings.CELERY_BROKER_URL:
        enqueue(job, picture, upload)
        wait_until(job, deadline)
    else:
        background = in_thread(run_in_background, job.pk, picture, upload)
        try:
            background.result(timeout=max(0.0, deadline - time.monotonic()))
        except FutureTimeout:
            pass
    job.refresh_from_db()


def run_in_background(job_id: int, picture: imaging.Picture, upload: bytes) -> None:
    """The in-process async runner: `run` in a thread of its own; its outcome is on the Job row."""
    try:
        run(Job.objects.get(pk=job_id), picture, upload)
    except ApiError:
        pass  # already recorded: the job is failed and refunded
    finally:
        connection.close()


def run(job: Job, picture: imaging.Picture, upload: bytes | None = None) -> None:
    """Run `job` in this process (or on a Celery worker when CELERY_BROKER_URL
    is set), bounded by PAINTY_JOB_TIMEOUT.

    The engine works in a helper thread that never touches the database,
    while this thread stores the original and then records the outcome. On any failure that is not the caller's
    fault the job is failed and refunded, and the matching ApiError raised."""
    if settings.CELERY_BROKER_URL:
        return run_on_worker(job, picture, upload)
    deadline = time.monotonic() + settings.PAINTY_JOB_TIMEOUT
    if job.status == Job.Status.QUEUED:
        job.mark_running()
    cancelled = threading.Event()
    work = in_thread(process, job.token, picture, job.prompt, job.engine, job.test_mode, cancelled)
    try:
        # The original is stored from this thread while the engine works in its own.
        original_name = store_original(job.token, picture, upload)
        result_names, result = work.result(timeout=max(0.0, deadline - time.monotonic()))
    except FutureTimeout:
        cancelled.set()
        fail(job, timeout_error())
    except Exception as exc:
        fail(job, failure(job, exc))
    else:
        if not job.mark_succeeded(original_name, result_names, result.edits or job.edits, result.notes):
            # Another path (e.g. an expiry sweep) ended the job first.
            raise ApiError(500, "internal_error", "The job ended before its result could be saved.")


def failure(job: Job, exc: Exception) -> ApiError:
    """The API's answer for an exception raised while running `job`."""
    if isinstance(exc, ApiError):
        return exc
    if isinstance(exc, EngineError):
        return engine_error(exc)
    if isinstance(exc, storage.StorageUnavailable):
        log.error("Storage failed for job %s: %s", job.pk, exc)
        return ApiError(503, "storage_unavailable", "File storage is unavailable — retry later.")
    log.error("Job %s failed unexpectedly", job.pk, exc_info=exc)
    return ApiError(500, "internal_error", "Processing failed unexpectedly. Your credits were refunded.")


def fail(job: Job, error: ApiError) -> None:
    job.mark_failed(error.code, error.message, refund=True)
    raise error


# HTTP status for the error code a worker recorded on a failed job.
STATUS_FOR_ERROR = {
    "unsupported_prompt": 422,
    "prompt_rejected": 422,
    "engine_unavailable": 503,
    "storage_unavailable": 503,
    "queue_unavailable": 503,
    "timeout": 504,
}


def run_on_worker(job: Job, picture: imaging.Picture, upload: bytes | None = None) -> None:
    """Celery mode: store the original here, let a worker (photos.tasks.run_job)
    do the rest, and wait for the job row to end, up to PAINTY_JOB_TIMEOUT.

    The Job row is the one source of truth, so no result backend is needed and
    a worker that dies mid-job changes nothing here: the job is either retried
    by another worker in time, or failed and refunded at the deadline."""
    deadline = time.monotonic() + settings.PAINTY_JOB_TIMEOUT
    enqueue(job, picture, upload)
    wait_for(job, deadline)


def enqueue(job: Job, picture: imaging.Picture, upload: bytes | None = None) -> None:
    """Store the original where workers can read it and put the job on the queue."""
    from .tasks import run_job

    try:
        original_name = store_original(job.token, picture, upload)
    except storage.StorageUnavailable as exc:
        fail(job, failure(job, exc))
    Job.objects.filter(pk=job.pk).update(original_name=original_name)
    job.original_name = original_name
    try:
        run_job.delay(job.pk, request_id=request_id_var.get())
    except Exception as exc:  # kombu's OperationalError and friends: the broker is down
        log.error("Could not enqueue job %s: %s", job.pk, exc)
        fail(job, ApiError(503, "queue_unavailable", "The job queue is unavailable — retry later."))


def wait_for(job: Job, deadline: float) -> None:
    """Poll the job row until a worker ends it; fail and refund it at `deadline`.

    A worker finishing after the deadline cannot flip the job back: every
    transition is conditional on the job still being open."""
    if not wait_until(job, deadline):
        error = timeout_error()
        if job.mark_failed(error.code, error.message, refund=True):
            raise error
        # else the worker ended the job just now: report what it recorded
    job.refresh_from_db()
    raise_for_outcome(job)


def wait_until(job: Job, deadline: float) -> bool:
    """Poll the job row until it ends (True) or `deadline` passes (False)."""
    pause = 0.005
    while Job.objects.filter(pk=job.pk, status__in=Job.OPEN).exists():
        left = deadline - time.monotonic()
        if left <= 0:
            return False
        time.sleep(min(pause, left))
        pause = min(pause * 1.5, 0.05)
    return True


def raise_for_outcome(job: Job) -> None:
    """Nothing for a succeeded job; the ApiError a failed job ended with."""
    if job.status == Job.Status.SUCCEEDED:
        return
    if job.status == Job.Status.FAILED:
        raise ApiError(STATUS_FOR_ERROR.get(job.error_code, 500), job.error_code, job.error_message)
    raise ApiError(500, "internal_error", "The job ended before its result could be saved.")


def in_thread(fn, *args) -> Future:
    """Run fn in a daemon thread; a timed-out engine cannot block the request."""
    future: Future = Future()

    def runner():
        future.set_running_or_notify_cancel()
        try:
            future.set_result(fn(*args))
        except BaseException as exc:  # delivered to the waiting request thread
            future.set_exception(exc)

    threading.Thread(target=runner, daemon=True, name="painty-job").start()
    return future


def store_original(token: str, picture: imaging.Picture, upload: bytes | None = None) -> str:
    """The original as stored: orientation applied, sRGB, every piece of metadata gone."""
    data = imaging.stripped_original(upload, picture) if upload else None
    if data is None:
        data = imaging.encode(picture.frames, picture.format, picture.durations, picture.loop)
    return storage.save(storage.job_path(token, f"original.{picture.extension}"), data)


def process(token, picture: imaging.Picture, prompt: str, engine: str, test_mode: bool, cancelled: threading.Event):
    """Engine + encode + store results. Pure work: no database."""
    if test_mode and testmode.is_slow(prompt):
        cancelled.wait(testmode.SLOW_SECONDS)
    result = edit(picture, prompt, engine)
    if cancelled.is_set():
        return [], result  # the request already timed out; don't leave files behind
    if test_mode:
        result.images = [testmode.watermark(image) for image in result.images]
    names = []
    if picture.animated:
        outputs = [imaging.encode(result.images, picture.format, picture.durations, picture.loop)]
    else:
        outputs = [imaging.encode([image], picture.format) for image in result.images]
    for number, data in enumerate(outputs, start=1):
        names.append(storage.save(storage.job_path(token, f"result-{number}.{picture.extension}"), data))
    return names, result


def edit(picture: imaging.Picture, prompt: str, engine_name: str | None = None) -> EditResult:
    engine = get_engine(engine_name)
    if picture.animated:
        result = engine.edit_frames(picture.frames, prompt)
    else:
        result = engine.edit(picture.frames[0], prompt)
    if not result.images:
        raise EngineUnavailable("the engine returned no image")
    return result


def job_data(job: Job, request=None) -> dict:
    """The seed's `data` object, plus a few extra keys callers find useful."""
    def url(name):
        return storage.public_url(name, job.expires_at, request)

    return {
        "jobId": job.pk,
        "originalUrl": url(job.original_name) if job.original_name else None,
        "resultUrls": [url(name) for name in job.result_names],
        "status": job.status,
        "edits": job.edits,
        "creditsCharged": job.cost,
        "expiresAt": iso(job.expires_at),
    }


def iso(moment) -> str | None:
    return moment.isoformat().replace("+00:00", "Z") if moment else None


def job_detail(job: Job, request=None) -> dict:
    """`GET /api/v1/jobs/{id}`: the seed's keys plus status, timings, cost and error."""
    data = job_data(job, request)  # an expired job has no file names left, so no URLs
    data.update(
        {
            "prompt": job.prompt,
            "engine": job.engine,
            "testMode": job.test_mode,
            "createdAt": iso(job.created_at),
            "startedAt": iso(job.started_at),
            "finishedAt": iso(job.finished_at),
            "durationMs": job.duration_ms,
            "error": {"code": job.error_code, "message": job.error_message} if job.error_code else None,
        }
    )
    return data


def delete_job_files(job: Job) -> Job:
    """`DELETE /api/v1/jobs/{id}`: retention on demand. Running jobs can't be deleted yet."""
    from .retention import delete_files

    if not job.is_finished:
        raise ApiError(409, "job_running", "The job is still running; delete it once it has finished.")
    delete_files(job)
    job.mark_expired()
    return job
