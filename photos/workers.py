"""A small pool of worker processes for CPU work that must be killable.

Python can't stop a thread, so an engine that runs past the job's deadline in a
thread keeps burning a core and holding its memory until it returns. Here each
task runs in a process of its own: at the deadline (or when the caller gives up)
the process is killed and replaced, and its memory goes back to the OS. A worker
whose memory grew past PAINTY_WORKER_MAX_RSS_MB after a task is replaced too,
so one huge image doesn't leave a gigabyte held for the next hours.

Processes are started with `spawn` (never `fork`: the web process has threads
and open database connections) and lazily, on first use, up to the pool's size.
A task is a module-level function and picklable arguments, sent once the
worker has set Django up; it must not touch the database."""

from __future__ import annotations

import logging
import multiprocessing
import os
import queue
import threading
import time
from multiprocessing.connection import Connection

log = logging.getLogger(__name__)


class WorkerTimeout(Exception):
    """The task did not finish before its deadline; its process was killed."""


class WorkerCancelled(Exception):
    """The caller gave up on the task; its process was killed."""


class WorkerCrashed(Exception):
    """The worker process died while running the task (killed by the OS, a crash)."""


def _rss_mb() -> float:
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, ValueError, IndexError):
        return 0.0


def _serve(conn: Connection, warm_up: str | None) -> None:
    """The worker's loop: one task at a time, answered with (ok, value, rss_mb)."""
    import django
    from django.utils.module_loading import import_string

    django.setup()  # before anything imports a model
    if warm_up:
        try:
            import_string(warm_up)()
        except Exception:  # a missing model shows up as the task's own error later
            log.exception("Engine worker warm-up failed")
    while True:
        try:
            fn, args = conn.recv()
        except (EOFError, OSError):
            return  # the pool closed its end: the web process is gone
        try:
            answer = (True, fn(*args))
        except BaseException as exc:  # sent back to the caller, who re-raises it
            answer = (False, exc)
        try:
            conn.send((*answer, _rss_mb()))
        except Exception as exc:  # e.g. an exception that can't be pickled
            conn.send((False, RuntimeError(f"{answer[1]!r}"[:500] or repr(exc)), _rss_mb()))


class _Worker:
    def __init__(self, context, warm_up):
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_serve, args=(child, warm_up), daemon=True, name="painty-engine")
        self.process.start()
        child.close()

    @property
    def pid(self) -> int | None:
        return self.process.pid

    def kill(self) -> None:
        self.process.kill()
        self.process.join(5)
        self.conn.close()


class Pool:
    def __init__(self, size: int, max_rss_mb: float, warm_up: str | None = None):
        """`warm_up`: the dotted path of a function each new worker calls once, after Django is set up."""
        self.size = max(1, size)
        self.max_rss_mb = max_rss_mb
        self.warm_up = warm_up
        self._context = multiprocessing.get_context("spawn")
        self._idle: queue.LifoQueue[_Worker] = queue.LifoQueue()
        self._lock = threading.Lock()
        self._started = 0
        self._busy: dict[int, _Worker] = {}

    def pids(self) -> list[int]:
        """The processes the pool holds now, busy or idle (for tests and /readyz)."""
        with self._lock:
            return [w.pid for w in [*self._busy.values(), *list(self._idle.queue)] if w.pid]

    def run(self, fn, args: tuple, timeout: float, cancelled: threading.Event | None = None):
        """`fn(*args)` in a worker process; its return value, or its exception re-raised.

        Waiting for a free worker counts against `timeout`: a queued task is
        as late for its caller as a slow one."""
        deadline = time.monotonic() + timeout
        worker = self._acquire(deadline, cancelled)
        healthy = False
        try:
            worker.conn.send((fn, args))
            while not worker.conn.poll(min(0.1, max(0.0, deadline - time.monotonic()))):
                if time.monotonic() >= deadline:
                    raise WorkerTimeout()
                if cancelled is not None and cancelled.is_set():
                    raise WorkerCancelled()
            ok, value, rss_mb = worker.conn.recv()
            healthy = rss_mb <= self.max_rss_mb
            if not healthy:
                log.info("Engine worker %s holds %.0f MB after a task; replacing it", worker.pid, rss_mb)
        except (EOFError, OSError, ConnectionError):
            raise WorkerCrashed(f"the engine worker process {worker.pid} died") from None
        finally:
            self._release(worker, healthy)
        if not ok:
            raise value
        return value

    def _acquire(self, deadline: float, cancelled: threading.Event | None) -> _Worker:
        while True:
            try:
                worker = self._idle.get_nowait()
            except queue.Empty:
                worker = self._start_one()
            if worker is None:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise WorkerTimeout()
                if cancelled is not None and cancelled.is_set():
                    raise WorkerCancelled()
                try:
                    worker = self._idle.get(timeout=min(left, 0.1))
                except queue.Empty:
                    continue
            if worker.process.is_alive():
                with self._lock:
                    self._busy[id(worker)] = worker
                return worker
            self._forget(worker)

    def _start_one(self) -> _Worker | None:
        with self._lock:
            if self._started >= self.size:
                return None
            self._started += 1
        try:
            return _Worker(self._context, self.warm_up)
        except Exception:
            with self._lock:
                self._started -= 1
            raise

    def _release(self, worker: _Worker, healthy: bool) -> None:
        with self._lock:
            self._busy.pop(id(worker), None)
        if healthy:
            self._idle.put(worker)
        else:
            worker.kill()
            self._forget(worker)

    def _forget(self, worker: _Worker) -> None:
        with self._lock:
            self._started -= 1

    def start(self) -> None:
        """Start every worker now (they load the model) instead of on the first jobs."""
        while (worker := self._start_one()) is not None:
            self._idle.put(worker)

    def close(self) -> None:
        while True:
            try:
                self._idle.get_nowait().kill()
            except queue.Empty:
                break


_pool: Pool | None = None
_pool_lock = threading.Lock()


def get_pool() -> Pool:
    """The process's engine pool, sized by PAINTY_ENGINE_WORKERS."""
    global _pool
    from django.conf import settings

    with _pool_lock:
        if _pool is None:
            _pool = Pool(settings.PAINTY_ENGINE_WORKERS, settings.PAINTY_WORKER_MAX_RSS_MB, "photos.rendering.warm_up")
        return _pool
