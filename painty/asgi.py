"""The ASGI application that gunicorn's uvicorn workers (painty/gunicorn.conf.py) and
`manage.py rundemo` serve. The settings module is named before anything from Django is
imported, so no import can read settings before it is known.

`GET /healthz` ("the process is up and serving") is answered here, on the event loop,
before Django: a load balancer's probe then measures whether the loop turns, and a burst
of a thousand photo requests queued in Django can't make the machine look dead."""

import json
import os
from concurrent.futures import ThreadPoolExecutor

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "painty.settings")

from asgiref.sync import ThreadSensitiveContext  # noqa: E402
from django.core.asgi import get_asgi_application  # noqa: E402
from django.urls import get_resolver  # noqa: E402

from painty import gc_tuning  # noqa: E402

django_application = get_asgi_application()

# Import the URLconf, and through it every view module, the engines' vocabulary and
# allauth's flows, now: otherwise the first request pays for it (about a second of CPU),
# and with it every request of a burst that arrives while the process is new.
get_resolver().url_patterns


gc_tuning.settle()  # what is loaded now lives as long as the process

# Django gives every request a thread of its own for its "thread-sensitive" calls (the
# request signals' receivers, the hooks of its security, CSRF and X-Frame-Options
# middleware, closing the response), started with the request and idle while it waits.
# An API request's views run in photos.waiting's step pool instead, so those few
# microsecond calls are all that is left: they share one thread per process, and a
# thousand waiting requests start no thread at all.
api_request_calls = ThreadPoolExecutor(max_workers=1, thread_name_prefix="painty-api-calls")

HEALTHY = json.dumps({"status": "ok"}).encode()


async def application(scope, receive, send):
    if scope["type"] == "http" and scope["path"] == "/healthz" and scope["method"] in ("GET", "HEAD"):
        await send({"type": "http.response.start", "status": 200, "headers": [
            (b"content-type", b"application/json"), (b"content-length", str(len(HEALTHY)).encode()),
            (b"cache-control", b"no-store"),
        ]})
        await send({"type": "http.response.body", "body": HEALTHY if scope["method"] == "GET" else b""})
        return
    if scope["type"] == "http" and scope["path"].startswith("/api/"):
        async with ThreadSensitiveContext(executor=api_request_calls):
            await django_application(scope, receive, send)
        return
    await django_application(scope, receive, send)
