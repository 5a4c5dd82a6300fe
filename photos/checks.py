"""System checks for settings that only matter in production.

Completion webhooks are built on a worker or a timer thread, with no request
to learn this server's address from, so their result links are only absolute
when PAINTY_PUBLIC_URL says where clients reach us. `manage.py check --deploy`
(the production readiness check) therefore requires it when DEBUG is off.

A deploy check rather than a start-up error: the local stack, the benchmarks and
the test settings run with DEBUG=0 on loopback, where links relative to the
request are fine and no receiver is outside."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Error, register


@register(deploy=True)
def public_url_is_set(app_configs, **kwargs):
    if settings.DEBUG:
        return []
    public_url = settings.PAINTY_PUBLIC_URL
    if not public_url:
        return [
            Error(
                "PAINTY_PUBLIC_URL is not set.",
                hint="Set it to the address clients use, e.g. https://api.example.com: completion webhooks are "
                "sent without a request to take the host from, so their links would be relative.",
                id="painty.E001",
            )
        ]
    parts = urlsplit(public_url)
    if parts.scheme not in ("https", "http") or not parts.netloc:
        return [
            Error(
                f"PAINTY_PUBLIC_URL must be an absolute http(s) URL, not {public_url!r}.",
                hint="e.g. https://api.example.com (no trailing path is needed).",
                id="painty.E002",
            )
        ]
    return []
