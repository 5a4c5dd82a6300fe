"""The one place that builds API error responses.

Every error on every /api/ path has the same JSON shape:
    {"status": "error", "error": {"code": "snake_case", "message": "…", "param": "image" | null}}
Domain code raises `DomainError` (its status comes from the error catalogue); DRF's own exceptions and Django's HTML error
pages are translated here (see also painty.middleware.ApiErrorMiddleware)."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.http import JsonResponse
from rest_framework import exceptions as drf

log = logging.getLogger(__name__)


class DomainError(Exception):
    """A rule of the product was broken: a catalogue code, a human sentence, the field at fault.

    Domain code (services, imaging, idempotency, webhooks) raises these without
    knowing HTTP; the one exception handler below answers them with the status
    the error catalogue gives their code."""

    def __init__(self, code: str, message: str, param: str | None = None, headers=None):
        super().__init__(message)
        self.code = code
        self.message = message
        self.param = param
        self.headers = headers or {}

    @property
    def status(self) -> int:
        return status_for(self.code)

    def response(self) -> JsonResponse:
        return error_response(self.status, self.code, self.message, self.param, self.headers)

    def detail(self) -> dict:
        """The `error` object of the answer, for places that list errors (a batch's refused images)."""
        return error_detail(self.code, self.message, self.param)


class ApiError(DomainError):
    """An error whose HTTP status is decided where it is raised: by the HTTP layer
    (views, middleware, authentication) for statuses the catalogue can't tell."""

    def __init__(self, status: int, code: str, message: str, param: str | None = None, headers=None):
        super().__init__(code, message, param, headers)
        self._status = status

    @property
    def status(self) -> int:
        return self._status


def error_detail(code: str, message: str, param: str | None = None) -> dict:
    return {"code": code, "message": message, "param": param}


def error_response(status: int, code: str, message: str, param: str | None = None, headers=None) -> JsonResponse:
    body = {"status": "error", "error": error_detail(code, message, param)}
    response = JsonResponse(body, status=status)
    for name, value in (headers or {}).items():
        response[name] = str(value)
    return response


# --- The error catalogue -----------------------------------------------------
# Every error code the API answers with, grouped by HTTP status. The schema's
# responses, the /docs error table, the engine-error mapping and the status of a
# failed job's recorded code are all built from this one table.

@dataclass(frozen=True)
class ApiErrorInfo:
    status: int
    title: str
    codes: tuple[str, ...]
    resolution: str
    # Which endpoints can answer with it: "photo", "account", "jobs" (list), "job" (one job), "job_delete".
    endpoints: tuple[str, ...] = ("photo",)


API_ERRORS = (
    ApiErrorInfo(
        400,
        "Bad Request",
        (
            "missing_parameter",
            "invalid_image",
            "prompt_too_long",
            "invalid_content_type",
            "invalid_webhook_url",
            "invalid_image_url",
            "invalid_idempotency_key",
            "invalid_prefer",
            "invalid_cursor",
            "invalid_parameter",
            "too_many_files",
            "too_many_fields",
        ),
        "Check that all required parameters are present: 'prompt' as text and 'image' as a readable file, "
        "sent as multipart/form-data.",
        ("photo", "jobs", "batch_create"),
    ),
    ApiErrorInfo(
        401,
        "Unauthorized",
        ("missing_api_key", "invalid_api_key", "account_deleted"),
        "Verify that the API key is correct and not revoked; send 'Authorization: Bearer YOUR_API_KEY'. "
        "'account_deleted': the account was deleted while the request ran, and its keys with it.",
        ("photo", "account", "jobs", "job", "batch_create", "batch"),
    ),
    ApiErrorInfo(
        402,
        "Payment Required",
        ("insufficient_credits", "key_cap_reached"),
        "Buy credits in your dashboard, or raise the key's monthly credit cap in its settings.",
    ),
    ApiErrorInfo(
        403,
        "Forbidden",
        ("ip_not_allowed",),
        "The API key only accepts requests from its allowed IP ranges; check them in the key's settings.",
        ("photo", "account", "jobs", "job"),
    ),
    ApiErrorInfo(404, "Not Found", ("not_found",), "No job or batch with this id belongs to your account.",
                 ("job", "batch")),
    ApiErrorInfo(
        409,
        "Conflict",
        ("idempotency_key_reused", "idempotency_in_progress", "job_running", "batch_running"),
        "An Idempotency-Key was reused for a different request or its first request is still running; "
        "or the job (batch) is still running. Wait, or use a new key.",
        ("photo", "job_delete", "batch_zip"),
    ),
    ApiErrorInfo(
        413,
        "Payload Too Large",
        ("file_too_large", "image_too_large", "payload_too_large"),
        "Send a smaller file or fewer pixels.",
        ("photo", "batch_create"),
    ),
    ApiErrorInfo(415, "Unsupported Media Type", ("unsupported_format",), "Send a JPG, PNG, WebP, GIF, HEIC or AVIF image."),
    ApiErrorInfo(
        422,
        "Unprocessable Content",
        ("unsupported_prompt", "prompt_rejected"),
        "Rephrase the prompt; the message says what the engine can do. You are not charged.",
    ),
    ApiErrorInfo(
        429,
        "Too Many Requests",
        ("rate_limited", "test_quota_exceeded", "too_many_streams", "too_many_waiting", "too_many_batches"),
        "Rate limit, test keys' daily job quota, or the account's open streams or waiting requests exceeded — "
        "wait the seconds given in the Retry-After header and retry.",
        ("photo", "account", "jobs", "job", "batch_create", "batch"),
    ),
    ApiErrorInfo(
        500,
        "Internal Server Error",
        ("internal_error", "engine_error"),
        "Server error — retry the request later. Credits for the failed request are refunded.",
        ("photo", "account", "jobs", "job", "batch_create", "batch"),
    ),
    ApiErrorInfo(
        503,
        "Service Unavailable",
        ("engine_unavailable", "storage_unavailable", "queue_unavailable"),
        "The engine or file storage is down — retry later (see Retry-After when present). Credits are refunded.",
        ("photo", "job_delete", "batch_zip"),
    ),
    ApiErrorInfo(
        504,
        "Gateway Timeout",
        ("timeout",),
        "Processing took longer than the time limit. Credits are refunded; retry, perhaps with a smaller image.",
    ),
)



STATUS_BY_CODE = {code: info.status for info in API_ERRORS for code in info.codes}


def status_for(code: str) -> int:
    """The HTTP status for an error code of the catalogue (500 for an unknown one)."""
    return STATUS_BY_CODE.get(code, 500)


# Default code and message by HTTP status, for errors that carry no detail of
# their own (Django's 404/405/500 pages, bare DRF exceptions).
STATUS_DEFAULTS = {
    400: ("bad_request", "The request is malformed. Check that all required parameters are present."),
    401: ("unauthorized", "Missing or invalid API key. Send 'Authorization: Bearer YOUR_API_KEY'."),
    402: ("insufficient_credits", "Your credit balance is too low for this request."),
    403: ("forbidden", "You are not allowed to do this."),
    404: ("not_found", "There is no such API endpoint or object."),
    405: ("method_not_allowed", "This HTTP method is not allowed on this endpoint."),
    406: ("not_acceptable", "This endpoint only returns JSON."),
    409: ("conflict", "The request conflicts with the current state."),
    413: ("payload_too_large", "The request body is too large."),
    415: ("unsupported_media_type", "Unsupported content type."),
    429: ("rate_limited", "Rate limit exceeded — please wait and retry."),
    500: ("internal_error", "Server error — retry the request later."),
    503: ("service_unavailable", "The service is temporarily unavailable — retry later."),
    504: ("timeout", "The request took too long — retry later."),
}


def default_error(status: int) -> tuple[str, str]:
    return STATUS_DEFAULTS.get(status, ("error", f"HTTP error {status}."))


def drf_exception_handler(exc, context):
    """REST_FRAMEWORK['EXCEPTION_HANDLER']: DRF and domain errors → JSON shape."""
    if isinstance(exc, DomainError):
        return exc.response()
    if isinstance(exc, (drf.NotAuthenticated, drf.AuthenticationFailed)):
        code = "missing_api_key" if isinstance(exc, drf.NotAuthenticated) else "invalid_api_key"
        message = str(exc.detail) if isinstance(exc, drf.AuthenticationFailed) else default_error(401)[1]
        return error_response(401, code, message, headers={"WWW-Authenticate": 'Bearer realm="api"'})
    if isinstance(exc, drf.Throttled):
        wait = int(exc.wait or 1)
        return error_response(429, "rate_limited", default_error(429)[1], headers={"Retry-After": wait})
    if isinstance(exc, drf.UnsupportedMediaType):
        return error_response(
            400,
            "invalid_content_type",
            "Send the request as multipart/form-data with the fields 'prompt' and 'image'.",
        )
    if isinstance(exc, drf.ValidationError):
        param, message = _first_validation_error(exc.detail)
        return error_response(400, "invalid_parameter", message, param)
    if isinstance(exc, drf.APIException):
        code, message = default_error(exc.status_code)
        detail = exc.detail if isinstance(exc.detail, str) else None
        return error_response(exc.status_code, code, str(detail or message))
    if isinstance(exc, (drf.PermissionDenied,)):
        return error_response(403, *default_error(403))
    from django.http import Http404

    if isinstance(exc, Http404):
        return error_response(404, *default_error(404))
    return None  # unexpected: the middleware logs it and answers 500


def _first_validation_error(detail) -> tuple[str | None, str]:
    if isinstance(detail, dict):
        for field, errors in detail.items():
            _, message = _first_validation_error(errors)
            return (None if field == "non_field_errors" else field), message
    if isinstance(detail, list) and detail:
        return _first_validation_error(detail[0])
    return None, str(detail)
