"""Absolute URLs, built one way everywhere: PAINTY_PUBLIC_URL when it is set (the
address clients use, behind any proxy), else the host of the request at hand."""

from __future__ import annotations

from django.conf import settings


def absolute_url(path: str, request=None) -> str:
    """`path` (starting with /) as an absolute URL; relative when neither a public URL nor a request is known."""
    if settings.PAINTY_PUBLIC_URL:
        return settings.PAINTY_PUBLIC_URL + path
    if request is not None:
        return request.build_absolute_uri(path)
    return path
