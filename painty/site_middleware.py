"""Django's own middleware, made cheap for waiting requests on the async chain.

Kept apart from painty.middleware, which the logging configuration imports before
Django's apps are ready."""

from __future__ import annotations

from django.contrib.auth import middleware as auth
from django.contrib.messages import middleware as messages
from django.contrib.sessions import middleware as sessions
from django.middleware import common

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
