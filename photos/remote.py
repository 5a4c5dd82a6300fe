"""Images given by URL (`image_url`, `background_url`), fetched through the one SSRF guard.

photos.outbound decides where Painty may connect (public addresses only, the
name resolved once and the connection pinned to it, https unless loopback is
allowed in development), follows at most three redirects (each checked again)
and bounds time and size. What comes back is judged by its bytes, like an
upload: a 200 with an HTML page is a 415 later, not an image."""

from __future__ import annotations

from django.conf import settings

from painty.errors import DomainError

from . import outbound, uploads

MAX_REDIRECTS = 3


def fetch_image(url: str, param: str) -> bytes:
    """The body at `url`, or a 400 `invalid_image_url` / 413 naming `param`; nothing is charged yet."""
    url = url.strip()
    if not url:
        raise DomainError("invalid_image_url", f"'{param}' is empty.", param)
    if len(url) > outbound.MAX_URL_LENGTH:
        raise DomainError("invalid_image_url", f"'{param}' is longer than {outbound.MAX_URL_LENGTH} characters.", param)
    limit = uploads.max_upload_bytes()
    try:
        response = outbound.get(
            url, max_bytes=limit, timeout=settings.PAINTY_IMAGE_URL_TIMEOUT, max_redirects=MAX_REDIRECTS,
            headers={"Accept": "image/*", "User-Agent": "Painty-image-fetch/1"},
        )
    except outbound.UnsafeURL as exc:
        raise DomainError("invalid_image_url", f"'{param}' {exc}.", param) from None
    except outbound.TooLarge:
        raise DomainError(
            "file_too_large", f"The image at '{param}' is larger than the {settings.PAINTY_MAX_UPLOAD_MB} MB limit.", param
        ) from None
    except outbound.OutboundError as exc:
        raise DomainError("invalid_image_url", f"The image at '{param}' could not be fetched: {exc}.", param) from None
    if response.status in outbound.REDIRECT_STATUSES:
        raise DomainError("invalid_image_url", f"'{param}' redirects more than {MAX_REDIRECTS} times.", param)
    if response.status != 200:
        raise DomainError("invalid_image_url", f"'{param}' answered HTTP {response.status}, not an image.", param)
    if not response.body:
        raise DomainError("invalid_image_url", f"'{param}' answered with an empty body.", param)
    return response.body
