"""The ASGI application that gunicorn's uvicorn workers (painty/gunicorn.conf.py) and
`manage.py rundemo` serve. The settings module is named before anything from Django is
imported, so no import can read settings before it is known.

`GET /healthz` ("the process is up and serving") is answered here, on the event loop,
before Django: a load balancer's probe then measures whether the loop turns, and a burst
of a thousand photo requests queued in Django can't make the machine look dead."""

import json
import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "painty.settings")

from django.core.asgi import get_asgi_application  # noqa: E402

django_application = get_asgi_application()

HEALTHY = json.dumps({"status": "ok"}).encode()


async def application(scope, receive, send):
    if scope["type"] == "http" and scope["path"] == "/healthz" and scope["method"] in ("GET", "HEAD"):
        await send({"type": "http.response.start", "status": 200, "headers": [
            (b"content-type", b"application/json"), (b"content-length", str(len(HEALTHY)).encode()),
            (b"cache-control", b"no-store"),
        ]})
        await send({"type": "http.response.body", "body": HEALTHY if scope["method"] == "GET" else b""})
        return
    await django_application(scope, receive, send)
