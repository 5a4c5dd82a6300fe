"""The Celery app: `celery -A painty worker` runs jobs, `celery -A painty beat` runs the purge.

Used only when CELERY_BROKER_URL is set; the in-process default never imports it.
Delivery is at-least-once: a task is acknowledged after it ran (`acks_late`),
and a task whose worker process died is put back on the queue
(`task_reject_on_worker_lost`). `photos.tasks.run_job` is written for that: a
job that already ended is left alone, and a job past its time limit is failed
and refunded instead of run, so a redelivered message can neither double-charge
nor leave a job stuck "running"."""

from __future__ import annotations

import importlib
import os

from celery import Celery
from celery.signals import worker_process_init, worker_ready

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "painty.settings")

from django.conf import settings  # noqa: E402

# Every PAINTY_RETENTION_HOURS-sensitive file is purged within this many seconds.
PURGE_EVERY_SECONDS = 15 * 60

app = Celery("painty")


def configure(app: Celery) -> None:
    timeout = settings.PAINTY_JOB_TIMEOUT
    app.conf.update(
        broker_url=settings.CELERY_BROKER_URL,
        broker_connection_retry_on_startup=True,
        broker_transport_options={"visibility_timeout": settings.CELERY_VISIBILITY_TIMEOUT},
        # The API waits on the Job row, not on a result backend.
        task_ignore_result=True,
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        task_always_eager=settings.CELERY_TASK_ALWAYS_EAGER,
        task_eager_propagates=True,
        # A worker process takes one job at a time, so a slow job never holds others back.
        worker_prefetch_multiplier=1,
        task_soft_time_limit=timeout,
        task_time_limit=timeout + 30,  # prefork: the hard limit kills the worker process, so the work really stops
        task_serializer="json",
        accept_content=["json"],
        timezone="UTC",
        # Log through Django's LOGGING (LOG_FORMAT, request ids) instead of Celery's own set-up.
        worker_hijack_root_logger=False,
        beat_schedule={
            "purge-expired": {"task": "photos.purge_expired", "schedule": PURGE_EVERY_SECONDS},
        },
    )


configure(app)
app.autodiscover_tasks(["photos"])


@worker_process_init.connect
def forget_inherited_connections(**kwargs) -> None:
    """A forked pool process must not use (or close) its parent's database sockets or
    connection pool: it opens its own on first use."""
    from django.db import connections

    for conn in connections.all(initialized_only=True):
        conn.connection = None
        pools = getattr(type(conn), "_connection_pools", None)
        if pools is not None:
            pools.clear()


@worker_process_init.connect
@worker_ready.connect
def warm_up_and_settle(**kwargs) -> None:
    """Once loaded: in each prefork child, and in the main process, where a threads-pool
    worker (the `io` queue's) runs its tasks. The storage client is built now, once: the
    first burst's threads would otherwise each build their own (photos.storage.warm_up);
    then the garbage collector is tuned for what is loaded."""
    from painty import gc_tuning
    from photos import storage

    storage.warm_up()
    gc_tuning.settle()


def task(name: str):
    """A registered task by name, so enqueuing code needn't import the module that
    defines it (photos.tasks imports the code that enqueues)."""
    # What autodiscovery imports in a worker: "<app>.<task>" lives in <app>/tasks.py.
    importlib.import_module(f"{name.partition('.')[0]}.tasks")
    return app.tasks[name]


def ping_broker(url: str | None = None, timeout: float = 3) -> None:
    """Raise if the broker cannot be reached (used by /readyz)."""
    with app.connection_for_write(url or settings.CELERY_BROKER_URL) as conn:
        conn.ensure_connection(max_retries=1, timeout=timeout)
