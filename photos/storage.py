"""Where job files go and which URL comes back.

Files live in Django's default storage under `jobs/<token>/…`, with a
192-bit random token. Local storage is served by `photos.delivery.serve_file`
behind an HMAC signature over (path, expiry); S3 storage returns presigned
URLs, or CloudFront-signed ones when a CDN is in front of the bucket
(photos.cdn). Either way a URL stops working when the job's retention ends."""

from __future__ import annotations

import secrets
import time
from datetime import datetime

from django.conf import settings
from django.core import signing
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone

from painty.links import absolute_url

from . import cdn

_signer = signing.Signer(salt="painty.files")


class StorageUnavailable(Exception):
    """The file store could not be written or read (→ 503, refunded)."""


def new_token() -> str:
    return secrets.token_urlsafe(24)


def job_path(token: str, name: str) -> str:
    return f"jobs/{token}/{name}"


def warm_up() -> None:
    """Build the S3 client now, at start-up: otherwise every thread of the first burst that
    finds none yet builds its own, at some 100 ms of CPU each."""
    if is_s3():
        default_storage.client  # noqa: B018  (photos.s3.S3Storage builds it on first use)


def save(path: str, data: bytes) -> str:
    try:
        return default_storage.save(path, ContentFile(data))
    except Exception as exc:  # any backend error (disk full, S3 down) means the same to the caller
        raise StorageUnavailable(str(exc)) from exc


def read(path: str) -> bytes:
    if not path:  # a job whose original was never stored: say so, not "is a directory"
        raise StorageUnavailable("no stored file to read")
    try:
        with default_storage.open(path, "rb") as fh:
            return fh.read()
    except Exception as exc:
        raise StorageUnavailable(str(exc)) from exc


def delete(path: str) -> None:
    """Delete `path`; a file that is already gone is fine, a store that refuses
    (read-only disk, permissions, S3 errors) is StorageUnavailable."""
    try:
        default_storage.delete(path)
    except FileNotFoundError:
        pass
    except Exception as exc:
        raise StorageUnavailable(str(exc) or exc.__class__.__name__) from exc


def listdir(path: str) -> list[str]:
    """The file names directly under `path` ([] when there is no such folder)."""
    try:
        _, names = default_storage.listdir(path)
    except FileNotFoundError:
        return []
    except Exception as exc:
        raise StorageUnavailable(str(exc) or exc.__class__.__name__) from exc
    return names


def probe() -> None:
    """Write and delete a small object, as every job does: a store that can only
    be read (read-only or full disk, a bucket we may not write to) fails here."""
    name = save(f"readyz/{new_token()}.txt", b"ok")
    delete(name)


def exists(path: str) -> bool:
    return default_storage.exists(path)


def is_s3() -> bool:
    return settings.PAINTY_STORAGE == "s3"


def signature(path: str, expires: int) -> str:
    return _signer.signature(f"{path}:{expires}")


def verify(path: str, expires: str, sig: str) -> str:
    """'ok', 'expired' or 'bad' for a local file URL's query string."""
    try:
        expires_at = int(expires)
    except (TypeError, ValueError):
        return "bad"
    if not signing.constant_time_compare(signature(path, expires_at), sig or ""):
        return "bad"
    if expires_at < time.time():
        return "expired"
    return "ok"


def public_url(path: str, expires_at: datetime, request=None) -> str:
    """An absolute URL for `path` that stops working at `expires_at`."""
    if is_s3():
        seconds = (expires_at - timezone.now()).total_seconds()
        if cdn.enabled():
            # django-storages signs `now + expire` as the policy's Expires; fractional
            # seconds make that the deadline itself rather than up to a second before it.
            return default_storage.url(path, expire=max(1.0, seconds))
        return default_storage.url(path, expire=max(1, int(seconds)))
    expires = int(expires_at.timestamp())
    location = reverse("photos:file", kwargs={"path": path}) + f"?expires={expires}&sig={signature(path, expires)}"
    # Without a request or PAINTY_PUBLIC_URL (admin lists, scripts) the link stays site-relative.
    return absolute_url(location, request)
