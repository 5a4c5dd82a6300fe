"""Site-wide pages and probes."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import FileResponse, JsonResponse
from django.views.decorators.http import require_GET

from painty.errors import error_response
from photos import storage

log = logging.getLogger(__name__)


FAVICON = settings.BASE_DIR / "static" / "favicon.ico"


@require_GET
def favicon(request):
    """/favicon.ico: browsers ask for it on pages without an icon link (the admin, error pages)."""
    response = FileResponse(FAVICON.open("rb"), content_type="image/vnd.microsoft.icon")
    response["Cache-Control"] = "public, max-age=86400"
    return response


async def healthz(request):
    """The process is up and serving requests. Async, so it answers on the event loop without
    waiting for a thread while the process is busy with slow requests."""
    return JsonResponse({"status": "ok"})


def readyz(request):
    """Every dependency a request needs is reachable: database, cache, broker, storage."""
    checks = {}
    for name, probe in READINESS_PROBES.items():
        try:
            probe()
            checks[name] = "ok"
        except Exception as exc:  # each failure is reported, not raised
            log.warning("readiness check %s failed: %s", name, exc)
            checks[name] = f"error: {exc.__class__.__name__}"
    if all(value == "ok" for value in checks.values()):
        return JsonResponse({"status": "ok", "checks": checks})
    response = error_response(503, "not_ready", "A dependency is unavailable.")
    response.content = JsonResponse({"status": "error", "checks": checks}).content
    return response


def _database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")


def _cache():
    cache.set("painty:readyz", "1", 10)
    if cache.get("painty:readyz") != "1":
        raise RuntimeError("cache did not return the value just written")


def _storage():
    # A write and a delete, like every job: a read-only or full disk (or a bucket we
    # may only read) still answers `exists`, while every photo request gets 503.
    storage.probe()


def _broker():
    if not settings.CELERY_BROKER_URL:
        return  # jobs run in-process: there is no broker to reach
    from painty.celery import ping_broker

    ping_broker(settings.CELERY_BROKER_URL)


READINESS_PROBES = {"database": _database, "cache": _cache, "storage": _storage, "broker": _broker}
