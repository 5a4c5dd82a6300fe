"""gunicorn settings: `gunicorn -c painty/gunicorn.conf.py painty.asgi:application`.

gunicorn manages the processes (WEB_CONCURRENCY of them, restarts, graceful
reloads); each one runs uvicorn's event loop on the ASGI application. A photo
request mostly waits — on the engine, on a Celery worker, on storage — and a
synchronous photo call whose job takes 10–60 s, or an event stream open for
minutes, then costs a coroutine on the loop rather than a thread out of a
fixed pool, so slow requests can no longer take every thread and leave
/healthz and other customers queueing. CPU work stays off the loop: the
engine runs in its own worker processes (or on Celery), and the views hand
decoding and other blocking work to threads explicitly.

With an event loop, `timeout` no longer bounds a request: the worker tells
gunicorn it is alive from the loop, so gunicorn restarts only a process whose
loop stopped turning. It stays above PAINTY_JOB_TIMEOUT anyway, so a loop busy
for a long while is not mistaken for a dead one sooner than a job could end;
each request's own deadline is the job runner's clean 504."""

import os


def _env(name: str, default: str) -> str:
    return os.environ.get(name) or default


wsgi_app = "painty.asgi:application"  # the default; an app named on the command line wins
worker_class = "uvicorn_worker.UvicornWorker"
bind = _env("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(_env("WEB_CONCURRENCY", "2"))
os.environ["WEB_CONCURRENCY"] = str(workers)  # the app shares the engine's cores among the workers
timeout = int(float(_env("PAINTY_JOB_TIMEOUT", "240"))) + 30
# On a restart or deploy, requests in flight get this long to finish before their process is killed.
graceful_timeout = timeout
keepalive = 5
# Recycle workers now and then, so a slow leak in an engine or SDK cannot grow forever.
max_requests = int(_env("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = max_requests // 10
# Reverse proxies on the same host (or in the same pod) may set X-Forwarded-*.
forwarded_allow_ips = _env("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
# uvicorn writes the access log, in its own format, through the handlers gunicorn sets up
# here (gunicorn's access_log_format does not apply to it); post_worker_init adds the request id.
accesslog = _env("GUNICORN_ACCESS_LOG", "-")
errorlog = "-"
loglevel = _env("LOG_LEVEL", "info").lower()


def post_worker_init(worker):
    """Each web process: start the engine's worker processes and, without Celery,
    the sweep that refunds jobs a previous process left running; end each access
    log line with the request's X-Request-Id, as the app's own log lines carry it;
    then leave everything loaded out of the garbage collector's full collections."""
    import logging

    from painty.middleware import RequestIdFilter
    from photos import housekeeping, runners

    for handler in logging.getLogger("uvicorn.access").handlers:
        handler.addFilter(RequestIdFilter())
        handler.setFormatter(logging.Formatter("%(message)s rid=%(request_id)s"))

    housekeeping.start_sweeper()
    runners.warm_up()
    from painty import gc_tuning

    gc_tuning.settle()
