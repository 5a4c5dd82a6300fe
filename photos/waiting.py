"""Waiting for a job without holding a thread or a database connection.

A synchronous photo request, `Prefer: wait=N` and an event stream all wait for the
same thing: a job changed (it started, or it ended). That change is one event,
`announce(job_id, ended)`, sent by photos.lifecycle through the `job_started` and
`job_finished` signals (the completion webhooks and batch endings subscribe to
`job_finished` the same way):

- Every waiter registers with this process's `hub` and sleeps on its own event
  loop (an `asyncio.Event`), holding neither a thread nor a connection.
- `announce` wakes this process's waiters at once and, when REDIS_URL is set,
  publishes the job id on one Redis channel; each web process runs one listener
  thread that wakes its own waiters (a job that ends on a Celery worker, or in
  another web process, reaches every waiter this way).
- A wake-up is only a hint: the waiter re-reads the job's row, the one source of
  truth. A waiter for the result (not a stream) listens for endings only, so a job's
  start costs it no read. A waiter also re-reads it every PAINTY_WAIT_FALLBACK_SECONDS (jittered),
  so a lost message (Redis restarting) costs a delay, never a stuck request.

The sync steps around a wait (reading and writing rows, storage) run through
`step`: in the request's own thread under a synchronous server (and the test
client, whose transaction they must see), else in a small shared pool whose
threads give their database connection back after each step."""

from __future__ import annotations

import asyncio
import contextvars
import functools
import logging
import random
import threading
import time
from collections import defaultdict
from contextlib import contextmanager

from asgiref.sync import sync_to_async
from django.conf import settings
from django.db import close_old_connections

from . import executors

log = logging.getLogger(__name__)

CHANNEL = "painty:job-events"
STARTED = "started"


# --- The hub: this process's waiters --------------------------------------------------


class Waiter:
    """One waiting coroutine: an event on its own loop, set from any thread."""

    __slots__ = ("loop", "event", "ends_only")

    def __init__(self, ends_only: bool = False):
        self.loop = asyncio.get_running_loop()
        self.event = asyncio.Event()
        self.ends_only = ends_only

    def wake(self, ended: bool = True) -> None:
        if self.ends_only and not ended:
            return
        try:
            self.loop.call_soon_threadsafe(self.event.set)
        except RuntimeError:  # its loop has closed: nobody is waiting any more
            pass

    async def wait(self, timeout: float) -> bool:
        """True when woken within `timeout` seconds."""
        try:
            await asyncio.wait_for(self.event.wait(), timeout)
            return True
        except TimeoutError:
            return False
        finally:
            self.event.clear()


class Hub:
    def __init__(self):
        self._lock = threading.Lock()
        self._waiters: dict[int, set[Waiter]] = defaultdict(set)

    @contextmanager
    def listening(self, job_id: int, ends_only: bool = False):
        """A `Waiter` for `job_id`'s changes (`ends_only`: its end) while the block runs
        (it is always unregistered)."""
        listen_to_redis()
        waiter = Waiter(ends_only)
        with self._lock:
            self._waiters[job_id].add(waiter)
        try:
            yield waiter
        finally:
            with self._lock:
                waiters = self._waiters.get(job_id)
                if waiters is not None:
                    waiters.discard(waiter)
                    if not waiters:
                        del self._waiters[job_id]

    def wake(self, job_id: int, ended: bool = True) -> None:
        with self._lock:
            waiters = list(self._waiters.get(job_id, ()))
        for waiter in waiters:
            waiter.wake(ended)

    def wake_all(self) -> None:
        with self._lock:
            waiters = [waiter for group in self._waiters.values() for waiter in group]
        for waiter in waiters:
            waiter.wake()

    def count(self) -> int:
        """Waiters registered now (tests check that nothing leaks)."""
        with self._lock:
            return sum(len(group) for group in self._waiters.values())


hub = Hub()


# --- Announcing: in-process and over Redis ----------------------------------------------


_publisher = None
_publisher_lock = threading.Lock()


def announce(job_id: int, ended: bool = True) -> None:
    """The job ended (or, `ended=False`, started): wake its waiters here and, through
    Redis, in every other process. On the channel an ending is the job's id alone, a
    start is the id and "started"."""
    hub.wake(job_id, ended)
    if not settings.REDIS_URL:
        return
    global _publisher
    try:
        with _publisher_lock:
            if _publisher is None:
                import redis

                _publisher = redis.Redis.from_url(settings.REDIS_URL, socket_timeout=2, socket_connect_timeout=2)
        _publisher.publish(CHANNEL, str(job_id) if ended else f"{job_id} {STARTED}")
    except Exception as exc:  # waiters fall back to reading the row: a late answer, not a lost one
        log.warning("Could not publish the change of job %s: %s", job_id, exc)


def parse(message) -> tuple[int, bool]:
    """(job id, ended) from a message on the channel; ValueError for anything else."""
    job_id, _, kind = (message.decode() if isinstance(message, bytes) else str(message)).partition(" ")
    return int(job_id), kind != STARTED


def on_job_finished(sender, job, **kwargs) -> None:
    """`job_finished` receiver."""
    announce(job.pk)


def on_job_started(sender, job, **kwargs) -> None:
    """`job_started` receiver."""
    announce(job.pk, ended=False)


_listener: threading.Thread | None = None
_listener_lock = threading.Lock()


def listen_to_redis() -> None:
    """Start this process's one subscriber thread (when REDIS_URL is set), once."""
    global _listener
    if not settings.REDIS_URL or (_listener is not None and _listener.is_alive()):
        return
    with _listener_lock:
        if _listener is None or not _listener.is_alive():
            _listener = threading.Thread(target=_listen, args=(settings.REDIS_URL,), daemon=True, name="painty-events")
            _listener.start()


def _listen(url: str) -> None:
    import redis

    pause = 0.5
    while True:
        try:
            client = redis.Redis.from_url(url, socket_connect_timeout=5, health_check_interval=30)
            pubsub = client.pubsub(ignore_subscribe_messages=True)
            pubsub.subscribe(CHANNEL)
            # Whatever ended while we were (re)connecting: every waiter re-reads its job.
            hub.wake_all()
            pause = 0.5
            for message in pubsub.listen():
                try:
                    hub.wake(*parse(message["data"]))
                except (TypeError, ValueError):
                    continue
        except Exception as exc:
            log.warning("Job events: Redis subscription lost (%s); retrying in %.1f s", exc, pause)
            time.sleep(pause)
            pause = min(pause * 2, 10)


# --- Steps and waits ----------------------------------------------------------------------


def _in_pool(fn):
    def run(*args, **kwargs):
        close_old_connections()
        try:
            return fn(*args, **kwargs)
        finally:
            close_old_connections()  # with a connection pool: back to the pool

    return run


def _run_in(executor, fn, *args, **kwargs):
    call = functools.partial(contextvars.copy_context().run, _in_pool(fn), *args, **kwargs)
    return asyncio.get_running_loop().run_in_executor(executor, call)


def pooled(fn, *args, **kwargs):
    """Run a sync step in the shared pool; awaitable. The step sees the caller's context
    variables (the request id); what it sets in them stays in the step. (asgiref's
    sync_to_async would also copy them back afterwards, which costs more than most steps.)"""
    return _run_in(executors.steps(), fn, *args, **kwargs)


def pooled_io(fn, *args, **kwargs):
    """`pooled`, in the large I/O pool: for a step that mostly waits on the network
    (storing a file in S3, the broker), which would otherwise hold one of the few step threads."""
    return _run_in(executors.io(), fn, *args, **kwargs)


def io_variant(step):
    """How a step that mostly waits on the network runs where `step` runs the others."""
    return pooled_io if step is pooled else step


def in_request_thread(fn, *args, **kwargs):
    """Run a sync step in the caller's own thread (a synchronous server, the test client)."""
    return sync_to_async(fn)(*args, **kwargs)


def step_for(request):
    """How `request`'s sync steps run: pooled under an ASGI server, else in its own thread."""
    from django.core.handlers.asgi import ASGIRequest

    return pooled if isinstance(request, ASGIRequest) else in_request_thread


def fallback_seconds() -> float:
    return settings.PAINTY_WAIT_FALLBACK_SECONDS * random.uniform(1.0, 1.25)


async def until_changed(job_id: int, deadline: float, done, step=pooled, *, ends_only: bool = False,
                        first=None) -> bool:
    """Wait until `done()` (a sync check of the job's row, run as a step) is true — True —
    or `deadline` (monotonic) passes — False. Woken by `announce` (`ends_only`: by the
    job's end, not its start); re-checks now and then.

    `first`, when given, is awaited once the waiter listens, in place of the first check:
    it is what sets the job going (queueing it), so whatever the job does after it is
    heard, and there is nothing to read before."""
    with hub.listening(job_id, ends_only) as waiter:
        if first is not None:
            await first()
        elif await step(done):
            return True
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                return False
            await waiter.wait(min(left, fallback_seconds()))
            if await step(done):
                return True


# --- The job loop: in-process jobs that outlive their request --------------------------


_loop: asyncio.AbstractEventLoop | None = None
_loop_lock = threading.Lock()
_running: set = set()


def job_loop() -> asyncio.AbstractEventLoop:
    """This process's loop for in-process jobs that run in the background (`Prefer:
    respond-async` / `wait=N`): they wait on it, their sync steps run in the pool."""
    global _loop
    with _loop_lock:
        if _loop is None:
            _loop = asyncio.new_event_loop()
            threading.Thread(target=_loop.run_forever, daemon=True, name="painty-jobs").start()
        return _loop


def in_background(coroutine):
    """Run `coroutine` on the job loop; a concurrent.futures.Future for its result."""
    return asyncio.run_coroutine_threadsafe(coroutine, job_loop())


def keep(task: asyncio.Task) -> asyncio.Task:
    """Hold a reference to a task that must finish even if its caller goes away."""
    _running.add(task)
    task.add_done_callback(_running.discard)
    return task
