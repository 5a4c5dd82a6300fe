"""Serving job files from local storage behind signed, expiring URLs."""

from __future__ import annotations

import mimetypes
import re
import time

from django.core.files.storage import default_storage
from django.http import FileResponse
from django.views.decorators.http import require_GET

from painty.errors import error_response

from . import storage

_PATH = re.compile(r"^jobs/[A-Za-z0-9_-]{16,64}/[a-z0-9_-]{1,40}\.(jpg|png|webp|gif)$")


@require_GET
def serve_file(request, path: str):
    if not _PATH.match(path):
        return error_response(404, "not_found", "No such file.")
    verdict = storage.verify(path, request.GET.get("expires"), request.GET.get("sig"))
    if verdict == "bad":
        return error_response(403, "invalid_signature", "This link is invalid.")
    if verdict == "expired" or not storage.exists(path):
        return error_response(410, "expired", "This file has expired and was deleted.")
    response = FileResponse(default_storage.open(path, "rb"), content_type=mimetypes.guess_type(path)[0])
    max_age = max(0, int(request.GET["expires"]) - int(time.time()))
    response["Cache-Control"] = f"private, max-age={max_age}"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Disposition"] = "inline"
    return response
