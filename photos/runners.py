"""How a job runs: one `execute()`, and the runner that decides where it runs.

Every way of running a job — the synchronous request, a background thread for
`Prefer: respond-async`, a Celery worker — ends up in `execute`, which records
the outcome through `photos.lifecycle` (so the refund and the `job_finished`
signal happen in one place). The runner is chosen once from CELERY_BROKER_URL
(`get_runner()`, like `get_engine()`):
- `InProcessRunner`: the web process runs the job; the embedded engine's CPU
  work goes to a pool of killable worker processes (photos.workers), engines
  that only wait on a provider run in a thread.
- `CeleryRunner`: the web process stores the original and queues the job; a
  Celery worker runs `execute` and the web process waits on the job row."""

from __future__ import annotations

import functools
import logging
import threading
import time
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout

from django.conf import settings
from django.db import connection
from django.utils import timezone

from painty.errors import DomainError, status_for
from painty.middleware import request_id_var

from . import imaging, inputs, lifecycle, rendering, storage, testmode
from .engines import EngineError, EngineTimeout, EngineUnavailable
from .models import Job
from .workers import WorkerCancelled, WorkerCrashed, WorkerTimeout, get_pool

log = logging.getLogger(__name__)

TIMEOUTS = (WorkerTimeout, WorkerCancelled, FutureTimeout, EngineTimeout)


# --- Errors ------------------------------------------------------------------


def timeout_error() -> DomainError:
    return DomainError("timeout",
        f"Processing took longer than {settings.PAINTY_JOB_TIMEOUT:g} seconds. Your credits were refunded.",
    )


def engine_error(exc: EngineError) -> DomainError:
    """An engine's domain error as the API's answer; the status comes from the error catalogue."""
    if isinstance(exc, EngineTimeout):
        return timeout_error()
    if isinstance(exc, EngineUnavailable):
        headers = {"Retry-After": exc.retry_after} if getattr(exc, "retry_after", None) else {}
        return DomainError(exc.code, f"The editing engine is unavailable: {exc}", headers=headers)
    status = status_for(exc.code)
    if status == 422:
        return DomainError(exc.code, str(exc), "prompt")
    return DomainError("engine_error", f"The editing engine failed: {exc}")


def error_for(job: Job, exc: BaseException, timeouts: tuple = ()) -> DomainError:
    """The API's answer for an exception raised while running `job`."""
    if isinstance(exc, DomainError):
        return exc
    if isinstance(exc, (*TIMEOUTS, *timeouts)):
        return timeout_error()
    if isinstance(exc, EngineError):
        return engine_error(exc)
    if isinstance(exc, WorkerCrashed):
        log.error("Job %s: %s", job.pk, exc)
        return DomainError("engine_unavailable", "The editing engine stopped unexpectedly — retry later.")
    if isinstance(exc, storage.StorageUnavailable):
        log.error("Storage failed for job %s: %s", job.pk, exc)
        return DomainError("storage_unavailable", "File storage is unavailable — retry later.")
    log.error("Job %s failed unexpectedly", job.pk, exc_info=exc)
    return DomainError("internal_error", "Processing failed unexpectedly. Your credits were refunded.")


def recorded_error(job: Job) -> DomainError | None:
    """None for a succeeded job; the error a finished job ended with, as the API answers it."""
    if job.status == Job.Status.SUCCEEDED:
        return None
    if job.status == Job.Status.FAILED:
        return DomainError(job.error_code, job.error_message)
    return DomainError("internal_error", "The job ended before its result could be saved.")


def fail(job: Job, error: DomainError) -> DomainError:
    lifecycle.fail(job, error.code, error.message, refund=True)
    return error


# --- The one way through a job ------------------------------------------------


def deadline_of(job: Job) -> float:
    """The job's deadline on this process's monotonic clock: PAINTY_JOB_TIMEOUT after it
    was accepted — or, for a batch's image, which waits its turn, after it starts."""
    if job.batch_id:
        return fresh_deadline()
    left = (job.created_at - timezone.now()).total_seconds() + settings.PAINTY_JOB_TIMEOUT
    return time.monotonic() + left


def fresh_deadline() -> float:
    return time.monotonic() + settings.PAINTY_JOB_TIMEOUT


def execute(
    job: Job,
    picture: imaging.Picture | None = None,
    upload: bytes | None = None,
    *,
    deadline: float | None = None,
    inline: bool = False,
    timeouts: tuple = (),
) -> DomainError | None:
    """Run `job` to its end and record the outcome; returns None on success, else
    the error the job failed with (already recorded and refunded).

    `picture`/`upload` are the decoded and raw upload when the caller has them;
    without them the stored original is read. `inline=True` runs the engine in
    this thread (a Celery worker process, which its own time limit can kill)."""
    deadline = deadline_of(job) if deadline is None else deadline
    if not job.is_finished and time.monotonic() >= deadline:
        return fail(job, timeout_error())
    if job.is_finished:
        return recorded_error(job)
    lifecycle.start(job)  # False when redelivered to another worker after a crash: run it again
    try:
        if upload is None:
            upload = storage.read(job.original_name)
        work = _start_engine(job, picture, upload, deadline, inline)
        # The original is stored from this thread while the engine works.
        original_name = job.original_name or store_original(job.token, picture or imaging.decode(upload), upload)
        if picture is not None and getattr(work, "in_worker_process", False):
            picture.frames.clear()  # the worker decodes its own copy: don't hold ours while it works
        result = work.result(timeout=max(0.0, deadline - time.monotonic()))
        names = [
            storage.save(storage.job_path(job.token, f"result-{number}.{result.extension}"), data)
            for number, data in enumerate(result.outputs, start=1)
        ]
    except BaseException as exc:
        if not isinstance(exc, Exception) and not isinstance(exc, timeouts):
            raise
        _cancel(locals().get("work"))
        return fail(job, error_for(job, exc, timeouts))
    if not lifecycle.succeed(job, original_name, names, result.edits or job.edits, result.notes):
        job.refresh_from_db()  # another path (the waiter's deadline, an expiry sweep) ended it first
        return recorded_error(job) or DomainError("internal_error", "The job ended before its result was saved.")
    return None


def _start_engine(job: Job, picture, upload: bytes, deadline: float, inline: bool) -> Future:
    """The engine's work for `job`, started: a future for its `Rendering`."""
    slow = job.test_mode and testmode.is_slow(job.prompt)
    cancelled = threading.Event()
    if inline:
        future: Future = Future()
        future.set_result(_render(picture, upload, job, slow, cancelled))
        return future
    if not slow and rendering.runs_on_cpu(job.engine, job.prompt):
        max_side = settings.PAINTY_TEST_MAX_SIDE if job.test_mode else 0
        call = functools.partial(rendering.render_bytes, **render_options(job))
        args = (call, (upload, job.prompt, job.engine, job.test_mode, max_side))
        future = in_thread(lambda: get_pool().run(*args, timeout=deadline - time.monotonic(), cancelled=cancelled))
        future.in_worker_process = True
    else:
        future = in_thread(_render, picture, upload, job, slow, cancelled)
    future.cancelled_event = cancelled
    return future


def _render(picture, upload: bytes, job: Job, slow: bool, cancelled: threading.Event) -> rendering.Rendering:
    if slow:
        cancelled.wait(testmode.SLOW_SECONDS)  # test keys' `simulate:slow`
    if cancelled.is_set():
        raise WorkerCancelled()
    picture = picture or imaging.decode(upload)
    return rendering.render(picture, job.prompt, job.engine, job.test_mode, **render_options(job))


def render_options(job: Job) -> dict:
    """The job's result options and extra images, as `rendering.render` takes them."""
    options = job.options or {}
    return {
        "output_format": job.output_format,
        "extras": inputs.load(job),
        "channels": options.get("channels", "rgba"),
        "n": int(options.get("n", 1)),
    }


def _cancel(work) -> None:
    """Tell a timed-out engine to stop: a worker process is killed, a thread skips its output."""
    event = getattr(work, "cancelled_event", None)
    if event is not None:
        event.set()


def in_thread(fn, *args) -> Future:
    """Run fn in a daemon thread; the caller waits on the future with its own deadline."""
    future: Future = Future()

    def runner():
        future.set_running_or_notify_cancel()
        try:
            future.set_result(fn(*args))
        except BaseException as exc:  # delivered to the waiting thread
            future.set_exception(exc)

    threading.Thread(target=runner, daemon=True, name="painty-job").start()
    return future


def store_original(token: str, picture: imaging.Picture, upload: bytes | None = None) -> str:
    """The original as stored: orientation applied, sRGB, every piece of metadata gone."""
    data = imaging.stripped_original(upload, picture) if upload else None
    if data is None:
        data = imaging.encode(picture.frames, picture.format, picture.durations, picture.loop)
    return storage.save(storage.job_path(token, f"original.{picture.extension}"), data)


# --- Runners ------------------------------------------------------------------


class InProcessRunner:
    """Jobs run in the web process (the engine's CPU work in killable worker processes)."""

    starts_running = True  # a synchronous job is created `running`: this request runs it at once

    def run(self, job: Job, picture: imaging.Picture, upload: bytes) -> None:
        deadline = time.monotonic() + settings.PAINTY_JOB_TIMEOUT
        error = execute(job, picture, upload, deadline=deadline)
        if error is not None:
            raise error

    def start(self, job: Job, picture: imaging.Picture, upload: bytes, wait: float) -> None:
        deadline = time.monotonic() + settings.PAINTY_JOB_TIMEOUT
        background = in_thread(self._execute_in_thread, job.pk, picture, upload, deadline)
        try:
            background.result(timeout=max(0.0, min(wait, settings.PAINTY_JOB_TIMEOUT)))
        except FutureTimeout:
            pass
        job.refresh_from_db()

    @staticmethod
    def _execute_in_thread(job_id: int, picture, upload: bytes, deadline: float) -> None:
        try:
            execute(Job.objects.get(pk=job_id), picture, upload, deadline=deadline)
        finally:
            connection.close()


class CeleryRunner:
    """Jobs run on Celery workers; the web process waits on the Job row.

    The Job row is the one source of truth, so no result backend is needed and
    a worker that dies mid-job changes nothing here: the job is either retried
    by another worker in time, or failed and refunded at the deadline."""

    starts_running = False

    def run(self, job: Job, picture: imaging.Picture, upload: bytes) -> None:
        deadline = time.monotonic() + settings.PAINTY_JOB_TIMEOUT
        self.enqueue(job, picture, upload)
        if not self.wait_until(job, deadline):
            error = timeout_error()
            if lifecycle.fail(job, error.code, error.message):
                raise error
            # else the worker ended the job just now: report what it recorded
        job.refresh_from_db()
        error = recorded_error(job)
        if error is not None:
            raise error

    def start(self, job: Job, picture: imaging.Picture, upload: bytes, wait: float) -> None:
        deadline = time.monotonic() + min(max(wait, 0), settings.PAINTY_JOB_TIMEOUT)
        self.enqueue(job, picture, upload)
        self.wait_until(job, deadline)
        job.refresh_from_db()

    @staticmethod
    def enqueue(job: Job, picture: imaging.Picture, upload: bytes) -> None:
        """Store the original where workers can read it and put the job on the queue."""
        try:
            original_name = store_original(job.token, picture, upload)
        except storage.StorageUnavailable as exc:
            raise fail(job, error_for(job, exc)) from None
        Job.objects.filter(pk=job.pk).update(original_name=original_name)
        job.original_name = original_name
        CeleryRunner.queue(job)

    @staticmethod
    def queue(job: Job) -> None:
        """Put a job whose original is stored on the queue (a failure fails and refunds it)."""
        from painty.celery import task

        try:
            task("photos.run_job").delay(job.pk, request_id=request_id_var.get())
        except Exception as exc:  # kombu's OperationalError and friends: the broker is down
            log.error("Could not enqueue job %s: %s", job.pk, exc)
            raise fail(job, DomainError("queue_unavailable", "The job queue is unavailable — retry later.")) from None

    @staticmethod
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


def get_runner() -> InProcessRunner | CeleryRunner:
    """The runner for this deployment: Celery when CELERY_BROKER_URL is set (the one place that asks)."""
    return CeleryRunner() if settings.CELERY_BROKER_URL else InProcessRunner()


def uses_celery() -> bool:
    return isinstance(get_runner(), CeleryRunner)


def warm_up() -> None:
    """At start-up: the embedded engine's worker processes load the model; other engines warm here."""
    from .engines import get_engine

    if not uses_celery() and settings.PAINTY_ENGINE in ("local", "auto"):
        get_pool().start()
    else:
        get_engine().warm_up()
