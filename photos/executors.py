"""The thread pools a web process waits in, each bounded and sized for what it waits on.

- `cpu()`: one thread per embedded-engine worker process (PAINTY_ENGINE_WORKERS).
  Each hands a job to a worker process and waits for its answer; jobs beyond that
  queue in the pool's queue, holding no thread, and their deadline counts from the
  moment they were accepted (photos.workers.Pool.run gets what is left of it).
- `io()`: threads for hosted engines' blocking HTTP calls (PAINTY_IO_THREADS): a
  provider's 30 s answer costs an idle thread here, never a CPU worker's slot. Steps that
  mostly wait on the network (storing an original in S3 and queueing its job, on Celery)
  run here too (photos.waiting.pooled_io).

- `steps()`: the short sync steps of waiting requests and in-process jobs (reading and
  writing rows, storing files), PAINTY_STEP_THREADS of them (photos.waiting.pooled)."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

from django.conf import settings

_pools: dict[str, ThreadPoolExecutor] = {}
_lock = threading.Lock()


def _pool(name: str, size: int) -> ThreadPoolExecutor:
    with _lock:
        if name not in _pools:
            _pools[name] = ThreadPoolExecutor(max_workers=max(1, size), thread_name_prefix=f"painty-{name}")
        return _pools[name]


def cpu() -> ThreadPoolExecutor:
    return _pool("cpu", settings.PAINTY_ENGINE_WORKERS)


def io() -> ThreadPoolExecutor:
    return _pool("io", settings.PAINTY_IO_THREADS)


def steps() -> ThreadPoolExecutor:
    return _pool("step", settings.PAINTY_STEP_THREADS)
