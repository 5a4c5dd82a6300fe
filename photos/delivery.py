"""Serving job files from local storage behind signed, expiring links (`/files/…`).

What a CDN would otherwise add, done here so browsers and download tools can be
efficient without anyone else caching a private file:
- `Cache-Control: private, max-age=N` with N no longer than the link has left to
  live, so no cache keeps a file past its link;
- a strong `ETag` (the file's size and modification time: stored files are
  written once under a fresh name) and `304 Not Modified` for `If-None-Match`;
- one byte range (`Range: bytes=…`, `If-Range`) as `206 Partial Content`, and
  `416` with `Content-Range: bytes */size` when it starts past the end. Ranges
  that can't be parsed, and several ranges at once, are ignored: the answer is
  the whole file (RFC 9110 allows a server to ignore Range).

The signature is checked before anything else, so an invalid or expired link
learns nothing about the file, not even whether it changed."""

from __future__ import annotations

import mimetypes
import os
import re
import time

from django.core.files.storage import default_storage
from django.http import FileResponse, HttpResponse, StreamingHttpResponse
from django.utils.http import parse_etags
from django.views.decorators.http import require_safe

from painty.errors import error_response

from . import storage
from .imaging import EXTENSIONS

_PATH = re.compile(r"^jobs/[A-Za-z0-9_-]{16,64}/[a-z0-9_-]{1,40}\.(" + "|".join(EXTENSIONS.values()) + r")$")
# At most 18 digits: a longer number is no real offset (and Python refuses to parse huge ones).
_RANGE = re.compile(r"^bytes=([0-9]{0,18})-([0-9]{0,18})$")
CHUNK = 64 * 1024


def gone():
    return error_response(410, "expired", "This file has expired or was deleted.")


@require_safe
def serve_file(request, path: str):
    if not _PATH.match(path) or storage.is_s3():
        return error_response(404, "not_found", "No such file.")
    verdict = storage.verify(path, request.GET.get("expires"), request.GET.get("sig"))
    if verdict == "bad":
        return error_response(403, "invalid_signature", "This link is invalid.")
    if verdict == "expired":
        return gone()
    try:
        handle = default_storage.open(path, "rb")
    except FileNotFoundError:  # purged, deleted with its job, or with its account
        return gone()
    try:
        return answer(request, handle, path)
    except BaseException:
        handle.close()
        raise


def answer(request, handle, path: str):
    """The response for a valid link to an open file (which the response closes)."""
    stat = os.fstat(handle.fileno())
    size = stat.st_size
    etag = f'"{stat.st_mtime_ns:x}-{size:x}"'
    headers = {
        "ETag": etag,
        "Cache-Control": f"private, max-age={max(0, int(request.GET['expires']) - int(time.time()))}",
        "Accept-Ranges": "bytes",
        "X-Content-Type-Options": "nosniff",
        "Content-Disposition": "inline",
    }
    if matches(request.headers.get("If-None-Match"), etag):
        handle.close()
        return with_headers(HttpResponse(status=304), headers)
    content_type = mimetypes.guess_type(path)[0]
    byte_range = requested_range(request, etag, size)
    if byte_range == "unsatisfiable":
        handle.close()
        message = f"The requested range is outside the file's {size} bytes."
        response = error_response(416, "range_not_satisfiable", message)
        return with_headers(response, {**headers, "Content-Range": f"bytes */{size}"})
    status, length = 200, size
    if byte_range is not None:
        first, last = byte_range
        status, length = 206, last - first + 1
        headers["Content-Range"] = f"bytes {first}-{last}/{size}"
    if request.method == "HEAD":
        handle.close()
        response = HttpResponse(status=status, content_type=content_type)
    elif byte_range is None:
        response = FileResponse(handle, content_type=content_type)
    else:
        response = StreamingHttpResponse(read_range(handle, first, last), status=206, content_type=content_type)
    return with_headers(response, {**headers, "Content-Length": str(length)})


def with_headers(response, headers: dict):
    for name, value in headers.items():
        response[name] = value
    return response


def matches(if_none_match: str | None, etag: str) -> bool:
    """`If-None-Match` uses the weak comparison: W/"x" matches "x"."""
    if not if_none_match:
        return False
    tags = parse_etags(if_none_match)
    return "*" in tags or any(tag.removeprefix("W/") == etag for tag in tags)


def requested_range(request, etag: str, size: int):
    """(first, last) for one satisfiable byte range; "unsatisfiable"; or None for the whole file."""
    header = request.headers.get("Range", "").replace(" ", "")
    if not header:
        return None
    if_range = request.headers.get("If-Range")
    if if_range is not None and if_range.strip() != etag:
        return None  # the client's partial copy is of another version (or dated): send it all
    match = _RANGE.match(header)
    if not match or match.groups() == ("", ""):
        return None  # malformed, another unit, or several ranges
    first, last = (int(value) if value else None for value in match.groups())
    if first is None:  # "bytes=-N": the last N bytes
        return (max(0, size - last), size - 1) if last and size else "unsatisfiable"
    if last is not None and last < first:
        return None  # "bytes=5-2" is not a valid range: ignore it
    if first >= size:
        return "unsatisfiable"
    return first, size - 1 if last is None else min(last, size - 1)


def read_range(handle, first: int, last: int):
    try:
        handle.seek(first)
        left = last - first + 1
        while left > 0:
            chunk = handle.read(min(CHUNK, left))
            if not chunk:
                break
            left -= len(chunk)
            yield chunk
    finally:
        handle.close()
