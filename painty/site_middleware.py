"""Django's own middleware, made cheap for waiting requests on the async chain.

Django's MiddlewareMixin runs every hook of a middleware through sync_to_async: a trip
to a thread and back for a few attribute reads. Security, CSRF and X-Frame-Options
alone made six such trips per API request, and under a burst of a thousand requests
those trips were a real share of each request's cost and kept /healthz waiting for the
loop. Here their hooks run inline; only CSRF's check of a form's token, which may parse
the body, still goes to a thread. Django's deploy checks look for its middleware by
dotted path: photos.checks runs them again with these subclasses named as Django's.

Kept apart from painty.middleware, which the logging configuration imports before
Django's apps are ready."""

from __future__ import annotations

from asgiref.sync import iscoroutinefunction, sync_to_async
from django.contrib.auth import middleware as auth
from django.contrib.messages import middleware as messages
from django.contrib.sessions import middleware as sessions
from django.middleware import clickjacking, common, csrf, security

from .middleware import HooksInline, is_api_path


PROBES = ("/healthz", "/readyz")


def is_page(request) -> bool:
    """Not an /api/ request (authenticated by its key, sending no cookies) nor a health probe."""
    return not is_api_path(request) and request.path not in PROBES


class PagesOnly:
    """For middleware only the site's pages need (sessions, login, messages): API requests
    and health probes go straight past it, on either chain, and never wait for a thread on
    its account — so /healthz stays fast while a thousand requests wait."""

    def __call__(self, request):
        if not is_page(request):
            return self.get_response(request)
        return super().__call__(request)


class CommonMiddleware(HooksInline, common.CommonMiddleware):
    pass


class SessionMiddleware(PagesOnly, sessions.SessionMiddleware):
    pass


class AuthenticationMiddleware(PagesOnly, auth.AuthenticationMiddleware):
    pass


class MessageMiddleware(PagesOnly, messages.MessageMiddleware):
    pass


class SecurityMiddleware(HooksInline, security.SecurityMiddleware):
    pass


class XFrameOptionsMiddleware(HooksInline, clickjacking.XFrameOptionsMiddleware):
    pass


class CsrfViewMiddleware(HooksInline, csrf.CsrfViewMiddleware):
    """Reading and setting the cookie run inline. On the async chain `process_view` is a
    coroutine: it decides inline when no token needs checking (an exempt view — every API
    view — or a safe method), and otherwise checks in a thread, since that may parse the form."""

    def __init__(self, get_response):
        super().__init__(get_response)
        if iscoroutinefunction(get_response):
            self.process_view = self._process_view_async

    async def _process_view_async(self, request, callback, callback_args, callback_kwargs):
        check = super().process_view
        if (getattr(request, "csrf_processing_done", False) or getattr(callback, "csrf_exempt", False)
                or request.method in ("GET", "HEAD", "OPTIONS", "TRACE")):
            return check(request, callback, callback_args, callback_kwargs)
        return await sync_to_async(check, thread_sensitive=True)(request, callback, callback_args, callback_kwargs)


# The Django middleware each subclass here stands in for, by the dotted path its deploy checks look for.
STANDS_IN_FOR = {
    f"{__name__}.{ours.__name__}": f"{django.__module__}.{django.__name__}"
    for ours, django in (
        (SecurityMiddleware, security.SecurityMiddleware),
        (XFrameOptionsMiddleware, clickjacking.XFrameOptionsMiddleware),
        (CsrfViewMiddleware, csrf.CsrfViewMiddleware),
    )
}
