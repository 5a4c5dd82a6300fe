"""The Content-Security-Policy of Painty's HTML pages.

Our pages load scripts and styles only from /static/ (no inline <script>, no
on* attributes, no style attributes), so the policy can forbid everything
inline: an injected script would not run. Images also come from data: and
blob: URLs (the docs page previews the chosen photo from a blob) and, when
files live on S3, from the storage endpoint that presigned result links point
at, or the CDN's domain when one is in front of the bucket (the dashboard
thumbnails and the docs page's "Try it" result)."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings


def origin(url: str | None) -> str | None:
    parts = urlsplit(url or "")
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else None


def storage_origins() -> list[str]:
    """Where presigned file links point when PAINTY_STORAGE=s3 (path-style addressing),
    or the CDN in front of the bucket."""
    if settings.PAINTY_STORAGE != "s3":
        return []
    from photos import cdn

    if cdn.enabled():
        return [cdn.origin()]
    endpoint = origin(getattr(settings, "AWS_S3_ENDPOINT_URL", None))
    if endpoint:
        return [endpoint]
    region = getattr(settings, "AWS_S3_REGION_NAME", None) or "us-east-1"
    return ["https://s3.amazonaws.com", f"https://s3.{region}.amazonaws.com"]


def policy(*, inline_styles: bool = False) -> str:
    """The header value. `inline_styles` allows style attributes and <style>
    elements, for third-party pages that write them (Swagger UI); scripts stay
    external-only everywhere."""
    public = [o for o in [origin(settings.PAINTY_PUBLIC_URL)] if o]
    directives = {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"] + (["'unsafe-inline'"] if inline_styles else []),
        "img-src": ["'self'", "data:", "blob:"] + public + storage_origins(),
        # The docs page calls the API from the browser; PAINTY_PUBLIC_URL may be another origin.
        "connect-src": ["'self'"] + public,
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'none'"],
        # No form-action: buying credits posts to /billing/ and is redirected to
        # Polar's checkout, and browsers apply form-action to that redirect too.
    }
    return "; ".join(f"{name} {' '.join(dict.fromkeys(sources))}" for name, sources in directives.items())
