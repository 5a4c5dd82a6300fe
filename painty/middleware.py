"""Request ids, the JSON-only guarantee for /api/ paths, and the Content-Security-Policy of HTML pages."""

from __future__ import annotations

import contextvars
import logging
import re
import uuid

from . import csp
from .errors import default_error, error_response

log = logging.getLogger("painty.api")

request_id_var: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")
_VALID_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")


class RequestIdFilter(logging.Filter):
    """Adds `request_id` to every log record, so one request's lines can be grepped together."""

    def filter(self, record):
        record.request_id = request_id_var.get()
        return True


class RequestIdMiddleware:
    """Takes a sane `X-Request-Id` from the client (or a proxy) or makes one, and echoes it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-Id", "")
        request.request_id = incoming if _VALID_ID.match(incoming) else uuid.uuid4().hex
        # Not reset afterwards: Django logs the response (e.g. "Not Found") after
        # the middleware chain returns, and that line should carry the id too.
        request_id_var.set(request.request_id)
        response = self.get_response(request)
        response["X-Request-Id"] = request.request_id
        return response


def is_api_path(request) -> bool:
    return request.path.startswith("/api/")


class ApiErrorMiddleware:
    """No HTML error page and no traceback ever reaches an API client, even with DEBUG=1.

    Unhandled exceptions on /api/ become a logged 500 JSON error; any other
    non-JSON error response there (Django's 404 for an unknown path, a 405
    from a plain view, a 400 for a malformed request) is rewritten into the
    one JSON error shape."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            is_api_path(request)
            and response.status_code >= 400
            and not response.get("Content-Type", "").startswith("application/json")
        ):
            code, message = default_error(response.status_code)
            headers = {k: response[k] for k in ("Allow", "Retry-After", "WWW-Authenticate") if k in response}
            return error_response(response.status_code, code, message, headers=headers)
        return response

    def process_exception(self, request, exception):
        if not is_api_path(request):
            return None
        log.exception("Unhandled error on %s %s", request.method, request.path)
        return error_response(500, *default_error(500))


class ContentSecurityPolicyMiddleware:
    """Sends painty.csp's policy with every HTML response that has none yet (a
    view that needs a different one, like the Swagger UI page, sets its own)."""

    header = "Content-Security-Policy"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if self.header not in response and response.get("Content-Type", "").startswith("text/html"):
            response[self.header] = csp.policy()
        return response
