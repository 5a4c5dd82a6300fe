"""gunicorn settings: `gunicorn -c painty/gunicorn.conf.py painty.wsgi`.

Threaded workers, because a photo request mostly waits (on the engine, on a
Celery worker, on storage): each process holds GUNICORN_THREADS requests in
flight. The worker timeout sits above PAINTY_JOB_TIMEOUT, so gunicorn never
kills a request that the job runner would still answer with a clean 504."""

import os


def _env(name: str, default: str) -> str:
    return os.environ.get(name) or default


bind = _env("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(_env("WEB_CONCURRENCY", "2"))
os.environ["WEB_CONCURRENCY"] = str(workers)  # the app shares the engine's cores among the workers
worker_class = "gthread"
threads = int(_env("GUNICORN_THREADS", "8"))
# A process accepts only as many connections as it has threads: a burst of slow
# requests then waits in the listen queue for whichever process frees a thread
# first, instead of piling up behind the busy threads of the process that
# happened to accept them.
worker_connections = int(_env("GUNICORN_WORKER_CONNECTIONS", str(threads)))
timeout = int(float(_env("PAINTY_JOB_TIMEOUT", "240"))) + 30
graceful_timeout = timeout
keepalive = 5
# Recycle workers now and then, so a slow leak in an engine or SDK cannot grow forever.
max_requests = int(_env("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = max_requests // 10
# Reverse proxies on the same host (or in the same pod) may set X-Forwarded-*.
forwarded_allow_ips = _env("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
accesslog = _env("GUNICORN_ACCESS_LOG", "-")
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms rid=%({x-request-id}o)s'
errorlog = "-"
loglevel = _env("LOG_LEVEL", "info").lower()


def post_worker_init(worker):
    """Each web process: start the engine's worker processes and, without Celery,
    the sweep that refunds jobs a previous process left running."""
    from photos import housekeeping, runners

    housekeeping.start_sweeper()
    runners.warm_up()
