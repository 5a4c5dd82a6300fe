"""How a job runs: one `execute()`, and the runner that decides where it runs.

Every way of running a job — the synchronous request, a background thread for
`Prefer: respond-async`, a Celery worker — ends up in `execute`, which records
the outcome through `photos.lifecycle` (so the refund and the `job_finished`
signal happen in one place). The runner is chosen once from CELERY_BROKER_URL
(`get_runner()`, like `get_engine()`):
- `InProcessRunner`: the web process runs the job; the embedded engine's CPU
  work goes to a pool of killable worker processes (photos.workers), engines
  that only wait on a provider run in a thread.
- `CeleryRunner`: the web process queues the job (a small upload in the task's
  message, a big one stored first); a Celery worker runs `execute` and the web
  process waits for the job's end."""

from __future__ import annotations

import asyncio
import base64
import contextvars
import functools
import logging
import threading
import time
from concurrent.futures import Future
from dataclasses import dataclass, field
from concurrent.futures import TimeoutError as FutureTimeout

from django.conf import settings
from django.db import connection
from django.utils import timezone

from painty.errors import DomainError, status_for
from painty.middleware import request_id_var

from . import executors, imaging, inputs, lifecycle, rendering, storage, testmode, waiting
from .engines import EngineError, EngineTimeout, EngineUnavailable, get_engine
from .models import Job
from .workers import WorkerCancelled, WorkerCrashed, WorkerTimeout, get_pool

log = logging.getLogger(__name__)

TIMEOUTS = (WorkerTimeout, WorkerCancelled, FutureTimeout, EngineTimeout)
TASK_UPLOAD_BYTES = 256 * 1024  # an upload up to this size goes to a Celery worker in the task's message


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


def _begin(job: Job, deadline: float) -> tuple[bool, DomainError | None]:
    """(True, outcome) when the job is over before it starts (ended already, or out of
    time); else (False, None) with the job marked running."""
    if not job.is_finished and time.monotonic() >= deadline:
        return True, fail(job, timeout_error())
    if job.is_finished:
        return True, recorded_error(job)
    lifecycle.start(job)  # False when redelivered to another worker after a crash: run it again
    return False, None


def _finish(job: Job, original_name: str, result: rendering.Rendering) -> DomainError | None:
    """Store the results and record the success (None), or what ended the job first."""
    names = [
        storage.save(storage.job_path(job.token, f"result-{number}.{result.extension}"), data)
        for number, data in enumerate(result.outputs, start=1)
    ]
    if not lifecycle.succeed(job, original_name, names, result.edits or job.edits, result.notes):
        job.refresh_from_db()  # another path (the waiter's deadline, an expiry sweep) ended it first
        return recorded_error(job) or DomainError("internal_error", "The job ended before its result was saved.")
    return None


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
    the error the job failed with (already recorded and refunded). The blocking form,
    for Celery workers and batches; requests use `execute_async`.

    `picture`/`upload` are the decoded and raw upload when the caller has them;
    without them the stored original is read. `inline=True` runs the engine in
    this thread (a Celery worker process, which its own time limit can kill)."""
    deadline = deadline_of(job) if deadline is None else deadline
    over, outcome = _begin(job, deadline)
    if over:
        return outcome
    try:
        if upload is None:
            upload = storage.read(job.original_name)
        work = _start_engine(job, picture, upload, deadline, inline)
        if not inline and not connection.in_atomic_block:
            connection.close()  # waiting on a provider or a worker process: don't hold a connection
        # The original is stored from this thread while the engine works.
        original_name = job.original_name or store_original(job.token, picture or imaging.decode(upload), upload)
        if picture is not None and getattr(work, "in_worker_process", False):
            picture.frames.clear()  # the worker decodes its own copy: don't hold ours while it works
        result = work.result(timeout=max(0.0, deadline - time.monotonic()))
        return _finish(job, original_name, result)
    except BaseException as exc:
        if not isinstance(exc, Exception) and not isinstance(exc, timeouts):
            raise
        _cancel(locals().get("work"))
        return fail(job, error_for(job, exc, timeouts))


async def execute_async(
    job: Job, picture: imaging.Picture | None, upload: bytes | None, *, deadline: float, step, begun: bool = False
) -> DomainError | None:
    """`execute` on an event loop: the same steps and outcome, but waiting for the engine
    holds no thread — a hosted call or a simulated latency is awaited, the embedded
    engine's CPU work runs in a worker process. `step` runs each short sync step
    (photos.waiting.pooled, or the request's own thread). `begun`: the caller created the
    job running a moment ago, so the engine starts at once, without a step first."""
    if not begun:
        over, outcome = await step(_begin, job, deadline)
        if over:
            return outcome
    cancelled = threading.Event()
    engine = None
    try:
        if upload is None:
            upload = await step(storage.read, job.original_name)
        engine = asyncio.ensure_future(_engine_async(job, picture, upload, deadline, cancelled, step))
        original_name = job.original_name or await step(
            store_original, job.token, picture or imaging.decode(upload), upload
        )
        if picture is not None and in_worker_process(job):
            picture.frames.clear()  # the worker decodes its own copy
        result = await asyncio.wait_for(engine, timeout=max(0.0, deadline - time.monotonic()))
        return await step(_finish, job, original_name, result)
    except Exception as exc:
        cancelled.set()  # a worker process is killed, a provider's thread drops its answer
        return await step(fail, job, error_for(job, exc))
    finally:
        if engine is not None and not engine.done():
            engine.cancel()


def in_worker_process(job: Job, wait: float | None = None) -> bool:
    """Whether the job's engine computes here, in a killable worker process (`wait`: the
    job's `pre_wait`, when the caller has it already)."""
    return not (pre_wait(job) if wait is None else wait) and rendering.runs_on_cpu(job.engine, job.prompt)


def pre_wait(job: Job) -> float:
    """Seconds the job waits before its engine answers: test keys' `simulate:slow`, or
    the engine's simulated provider latency (echo's PAINTY_ECHO_DELAY)."""
    if job.test_mode and testmode.is_slow(job.prompt):
        return testmode.SLOW_SECONDS
    return get_engine(job.engine).latency()


async def _engine_async(job: Job, picture, upload: bytes, deadline: float, cancelled: threading.Event, step):
    wait = pre_wait(job)
    if wait:
        await asyncio.sleep(wait)
    if in_worker_process(job, wait):  # one waiting thread per engine worker; the rest queue without one
        run = functools.partial(_in_worker_process, job, upload, deadline, cancelled)
        return await asyncio.wrap_future(executors.cpu().submit(contextvars.copy_context().run, run))
    render = functools.partial(_render, picture, upload, job, 0.0, cancelled)
    if wait:  # a simulated provider has answered: what is left is a short re-encode, one step
        return await step(render)
    return await asyncio.wrap_future(executors.io().submit(contextvars.copy_context().run, render))


def _start_engine(job: Job, picture, upload: bytes, deadline: float, inline: bool) -> Future:
    """The engine's work for `job`, started: a future for its `Rendering`."""
    wait = pre_wait(job)
    cancelled = threading.Event()
    if inline:
        future: Future = Future()
        future.set_result(_render(picture, upload, job, wait, cancelled))
        return future
    if in_worker_process(job, wait):
        future = in_thread(_in_worker_process, job, upload, deadline, cancelled)
        future.in_worker_process = True
    else:
        future = in_thread(_render, picture, upload, job, wait, cancelled)
    future.cancelled_event = cancelled
    return future


def _in_worker_process(job: Job, upload: bytes, deadline: float, cancelled: threading.Event) -> rendering.Rendering:
    """The embedded engine's work, in a killable worker process, waited for from this thread.
    The deadline counts from now: time spent queued for a worker is already gone."""
    call = functools.partial(rendering.render_bytes, **render_options(job))
    max_side = settings.PAINTY_TEST_MAX_SIDE if job.test_mode else 0
    args = (upload, job.prompt, job.engine, job.test_mode, max_side)
    return get_pool().run(call, args, timeout=deadline - time.monotonic(), cancelled=cancelled)


def _render(picture, upload: bytes, job: Job, wait: float, cancelled: threading.Event) -> rendering.Rendering:
    if wait:
        cancelled.wait(wait)  # a simulated provider's latency, cut short when the job is given up
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
    context = contextvars.copy_context()  # the request id goes along into the engine's log lines

    def runner():
        future.set_running_or_notify_cancel()
        try:
            future.set_result(context.run(fn, *args))
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


def store_or_fail(job: Job, picture: imaging.Picture, upload: bytes) -> str:
    """The original stored before the job runs; storage being down fails (and refunds) the job."""
    try:
        return store_original(job.token, picture, upload)
    except storage.StorageUnavailable as exc:
        raise fail(job, error_for(job, exc)) from None


# --- Runners ------------------------------------------------------------------


@dataclass
class Submitted:
    """An accepted, charged job and what its request still waits for: the result
    (`wait=None`, the seed's synchronous call) or up to `wait` seconds."""

    job: Job
    picture: imaging.Picture
    upload: bytes
    wait: float | None
    deadline: float = field(default_factory=fresh_deadline)
    current: bool = False  # `job` is as its row says: this request ran it, or its wait read it ended
    queued: bool = False  # on Celery: the original is stored and the job is on the queue


def job_ended(job: Job) -> bool:
    """Whether the job has ended (or is gone), reading its row into `job`: the answer
    needs the row of an ended job, so this one read serves both."""
    try:
        job.refresh_from_db()
    except Job.DoesNotExist:
        return True  # its account was erased: nothing is left to wait for
    return job.is_finished


async def until_ended(job: Job, deadline: float, step, first=None) -> bool:
    """True once the job has ended, False at `deadline` (photos.waiting: woken by its end,
    not polling). `first`: what sets the job going, awaited once the wait listens."""
    return await waiting.until_changed(job.pk, deadline, functools.partial(job_ended, job), step,
                                       ends_only=True, first=first)


class InProcessRunner:
    """Jobs run in the web process (the engine's CPU work in killable worker processes).

    A synchronous request runs its own job on its event loop (`execute_async`), so its
    steps happen where the request's do; the job is shielded, so a client that goes
    away doesn't stop a job it paid for. A job that may outlive its request
    (`Prefer: respond-async` / `wait=N`) runs on the process's job loop."""

    starts_running = True  # a synchronous job is created `running`: this request runs it at once

    def begin(self, submitted: Submitted) -> None:
        """A synchronous job starts from `wait`, and stores its original there while the
        engine works: accepting a request then costs the least it can, which is what a burst
        of requests queues behind. The others start on the job loop now."""
        if submitted.wait is not None:
            job = submitted.job
            waiting.in_background(
                execute_async(job, submitted.picture, submitted.upload, deadline=submitted.deadline, step=waiting.pooled)
            )

    async def wait(self, submitted: Submitted, step) -> DomainError | None:
        """Wait as the request asked; the job's error when this request ran it and it failed
        (with its headers, such as a provider's Retry-After)."""
        job = submitted.job
        if submitted.wait is None:
            run = execute_async(
                job, submitted.picture, submitted.upload, deadline=submitted.deadline, step=step, begun=True
            )
            error = await asyncio.shield(waiting.keep(asyncio.ensure_future(run)))
            submitted.current = True
            return error
        # The job loop's steps write to `job` meanwhile: the wait reads the row into a copy.
        await until_ended(Job(pk=job.pk), time.monotonic() + submitted.wait, step)
        return None


class CeleryRunner:
    """Jobs run on Celery workers; the web process waits for the job's "changed" event.

    The Job row is the one source of truth, so no result backend is needed and
    a worker that dies mid-job changes nothing here: the job is either retried
    by another worker in time, or failed and refunded at the deadline."""

    starts_running = False

    def begin(self, submitted: Submitted) -> None:
        """A request answered at once (`respond-async`) queues its job before it answers. One
        that waits queues it from `wait`, in the I/O pool: publishing (and storing a big upload)
        waits on the broker (and S3), and would hold one of the few step threads meanwhile."""
        if submitted.wait == 0:
            self.enqueue(submitted.job, submitted.picture, submitted.upload)
            submitted.queued = True

    async def wait(self, submitted: Submitted, step) -> DomainError | None:
        """Queue the job if `begin` did not (once the wait listens: its end can't be missed
        then, and there is nothing to read first), and wait for its end."""
        job = submitted.job

        async def enqueue():
            await waiting.io_variant(step)(self.enqueue, job, submitted.picture, submitted.upload)
            submitted.queued = True

        synchronous = submitted.wait is None
        deadline = submitted.deadline if synchronous else time.monotonic() + submitted.wait
        try:
            ended = await until_ended(job, deadline, step, first=None if submitted.queued else enqueue)
        except DomainError as error:  # the store or the broker is down: the job failed, refunded
            return error
        submitted.current = ended and job.is_finished
        if not ended and synchronous:
            error = timeout_error()
            # False: the worker ended the job just now, and the caller gets what it recorded.
            if await step(lifecycle.fail, job, error.code, error.message):
                return error
        return None

    @staticmethod
    def enqueue(job: Job, picture: imaging.Picture, upload: bytes) -> None:
        """Put the job on the queue with what the worker needs to run it.

        An upload of at most TASK_UPLOAD_BYTES travels in the task's message, as the
        request's own thread would hand it to the engine, and the worker stores the original
        while its engine works (as an in-process job does): accepting the request then
        costs no write to storage and no second write to the row, and the worker reads
        nothing back. A bigger upload is stored here first, and the worker reads it."""
        if len(upload) <= TASK_UPLOAD_BYTES:
            CeleryRunner.queue(job, upload)
            return
        original_name = store_or_fail(job, picture, upload)
        Job.objects.filter(pk=job.pk).update(original_name=original_name)
        job.original_name = original_name
        CeleryRunner.queue(job)

    @staticmethod
    def queue(job: Job, upload: bytes | None = None) -> None:
        """Put the job on the queue (a failure fails and refunds it): with its `upload`, or
        for the worker to read from its stored original. The embedded engine's CPU work goes
        to the `cpu` queue (prefork workers, one job per core); hosted engines, which mostly
        wait, to the `io` queue (a worker with many threads)."""
        from painty.celery import task

        queue = "cpu" if in_worker_process(job) else "io"
        options = {"request_id": request_id_var.get()}
        if upload is not None:
            options["upload"] = base64.b64encode(upload).decode("ascii")
        try:
            task("photos.run_job").apply_async((job.pk,), options, queue=queue)
        except Exception as exc:  # kombu's OperationalError and friends: the broker is down
            log.error("Could not enqueue job %s: %s", job.pk, exc)
            raise fail(job, DomainError("queue_unavailable", "The job queue is unavailable — retry later.")) from None


def get_runner() -> InProcessRunner | CeleryRunner:
    """The runner for this deployment: Celery when CELERY_BROKER_URL is set (the one place that asks)."""
    return CeleryRunner() if settings.CELERY_BROKER_URL else InProcessRunner()


def uses_celery() -> bool:
    return isinstance(get_runner(), CeleryRunner)


def warm_up() -> None:
    """At start-up: the embedded engine's worker processes load the model; other engines warm here."""
    from .engines import get_engine

    storage.warm_up()
    if not uses_celery() and settings.PAINTY_ENGINE in ("local", "auto"):
        get_pool().start()
    else:
        get_engine().warm_up()
