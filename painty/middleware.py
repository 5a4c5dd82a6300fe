"""Request ids, the JSON-only guarantee for /api/ paths, the Content-Security-Policy of HTML
pages, and static files.

Every middleware here works on a sync chain (the test client, a WSGI server) and on an async
one (the ASGI server): one sync-only middleware would make Django run each async view through
async_to_sync in a thread, and a request waiting on its job would hold that thread again."""

from __future__ import annotations

import contextvars
import logging
import re
import uuid

from asgiref.sync import iscoroutinefunction, markcoroutinefunction, sync_to_async
from django.conf import settings
from django.http import FileResponse
from whitenoise.middleware import WhiteNoiseMiddleware

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


class DualModeMiddleware:
    """A middleware that runs on a sync chain (WSGI, the test client) and on an async one
    (ASGI) alike: `__call__` for the first, `__acall__` for the second."""

    sync_capable = True
    async_capable = True

    def __init__(self, get_response):
        self.get_response = get_response
        self.async_mode = iscoroutinefunction(get_response)
        if self.async_mode:
            markcoroutinefunction(self)


class HooksInline:
    """For a middleware whose `process_request` / `process_response` hooks (either may be
    missing) are quick and do no I/O: on an async chain they run inline. Django's
    MiddlewareMixin would run each hook through sync_to_async — under a burst of a thousand
    requests those trips to a thread cost more than everything else a waiting request does.
    Used by InlineMiddleware and, for Django's own middleware, painty.site_middleware."""

    async def __acall__(self, request):
        response = self.process_request(request) if hasattr(self, "process_request") else None
        response = response or await self.get_response(request)
        if hasattr(self, "process_response"):
            response = self.process_response(request, response)
        return response


class InlineMiddleware(HooksInline, DualModeMiddleware):
    """A middleware whose own work is quick and does no I/O, run inline in whichever mode the
    chain is in: `process_request` (optional; a response it returns ends the request there)
    and `process_response`."""

    def __call__(self, request):
        if self.async_mode:
            return self.__acall__(request)
        response = self.process_request(request)
        if response is None:
            response = self.get_response(request)
        return self.process_response(request, response)

    def process_request(self, request):
        return None

    def process_response(self, request, response):
        return response


class RequestIdMiddleware(InlineMiddleware):
    """Takes a sane `X-Request-Id` from the client (or a proxy) or makes one, and echoes it."""

    def process_request(self, request):
        incoming = request.headers.get("X-Request-Id", "")
        request.request_id = incoming if _VALID_ID.match(incoming) else uuid.uuid4().hex
        # Not reset afterwards: Django logs the response (e.g. "Not Found") after
        # the middleware chain returns, and that line should carry the id too. On
        # the async chain this runs in the request's own task (the ASGI handler
        # starts one per request), so the value stays with that request, and the
        # threads sync_to_async hands work to get a copy of it.
        request_id_var.set(request.request_id)
        return None

    def process_response(self, request, response):
        response["X-Request-Id"] = request.request_id
        return response


def is_api_path(request) -> bool:
    return request.path.startswith("/api/")


class ApiErrorMiddleware(InlineMiddleware):
    """No HTML error page and no traceback ever reaches an API client, even with DEBUG=1.

    Unhandled exceptions on /api/ become a logged 500 JSON error; any other
    non-JSON error response there (Django's 404 for an unknown path, a 405
    from a plain view, a 400 for a malformed request) is rewritten into the
    one JSON error shape. (Django calls `process_exception` in a thread on
    either chain.)"""

    def process_response(self, request, response):
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


class ContentSecurityPolicyMiddleware(InlineMiddleware):
    """Sends painty.csp's policy with every HTML response that has none yet (a
    view that needs a different one, like the Swagger UI page, sets its own)."""

    header = "Content-Security-Policy"

    def process_response(self, request, response):
        if self.header not in response and response.get("Content-Type", "").startswith("text/html"):
            response[self.header] = csp.policy()
        return response


class AsyncWhiteNoiseMiddleware(WhiteNoiseMiddleware):
    """whitenoise's middleware, able to sit in an async chain too (whitenoise 6 is sync-only):
    there it looks a file up the way whitenoise does and serves it with whitenoise's response,
    whose body FileStreamingMiddleware then reads without blocking the loop."""

    sync_capable = True
    async_capable = True

    def __init__(self, get_response=None, settings=settings):
        super().__init__(get_response, settings)
        self.async_mode = iscoroutinefunction(get_response)
        if self.async_mode:
            markcoroutinefunction(self)

    def __call__(self, request):
        if self.async_mode:
            return self.__acall__(request)
        return super().__call__(request)

    async def __acall__(self, request):
        # With autorefresh (DEBUG) the lookup reads the disk; in production it is a dict lookup.
        if self.autorefresh:
            static_file = self.find_file(request.path_info)
        else:
            static_file = self.files.get(request.path_info)
        if static_file is None:
            return await self.get_response(request)
        response = self.serve(static_file, request)
        if response.file_to_stream is None:  # a 304 or a HEAD: an async empty body, not a sync one
            response.streaming_content = _no_body()
        return response


async def _no_body():
    return
    yield  # an async generator that yields nothing


class FileStreamingMiddleware(InlineMiddleware):
    """On the async chain, a FileResponse's file (a static file, the favicon, a stored
    result) is read in a thread a block at a time. Left as it is, Django would read the
    whole file into memory, in one go, with a warning: the file's iterator is sync."""

    def process_response(self, request, response):
        if self.async_mode and isinstance(response, FileResponse) and response.file_to_stream is not None:
            response.streaming_content = FileChunks(response.file_to_stream)
        return response


class FileChunks:
    """An open file's bytes as an async iterable, each block read in a thread. `close` lets
    the response close the file once it is sent (or abandoned)."""

    block_size = 64 * 1024

    def __init__(self, file):
        self.file = file

    async def __aiter__(self):
        read = sync_to_async(self.file.read, thread_sensitive=False)
        while block := await read(self.block_size):
            yield block

    def close(self):
        self.file.close()

