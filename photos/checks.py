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
from django.core.checks import Error, Tags, Warning, register
from django.core.checks.security import base as security, csrf
from django.test.utils import override_settings


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


# Django's deploy checks that look for its Security, X-Frame-Options and CSRF middleware by
# dotted path. Painty names its subclasses (painty.site_middleware) instead, so for Django
# these checks would find no middleware: three warnings that are false (silenced in
# settings: security.W001, W002, W003) and the rest skipped — HSTS, the https redirect,
# nosniff, the referrer and opener policies, DENY, the secure CSRF cookie.
MIDDLEWARE_CHECKS = (
    security.check_security_middleware, security.check_xframe_options_middleware, security.check_sts,
    security.check_sts_include_subdomains, security.check_sts_preload, security.check_content_type_nosniff,
    security.check_ssl_redirect, security.check_xframe_deny, security.check_referrer_policy,
    security.check_cross_origin_opener_policy, csrf.check_csrf_middleware, csrf.check_csrf_cookie_secure,
)
SILENCED_HERE = {"security.W001": "painty.W001", "security.W002": "painty.W002", "security.W003": "painty.W003"}


@register(Tags.security, deploy=True)
def djangos_middleware_checks(app_configs, **kwargs):
    """Django's middleware checks, run as if each painty subclass were the Django class it
    stands in for. A middleware missing altogether still warns, under painty's id."""
    from painty.site_middleware import STANDS_IN_FOR

    with override_settings(MIDDLEWARE=[STANDS_IN_FOR.get(path, path) for path in settings.MIDDLEWARE]):
        messages = [message for check in MIDDLEWARE_CHECKS for message in check(app_configs)]
    return [
        Warning(message.msg, hint=message.hint, obj=message.obj, id=SILENCED_HERE[message.id])
        if message.id in SILENCED_HERE else message
        for message in messages
    ]
