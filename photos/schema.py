"""The OpenAPI description of the public API, and the error table the docs page shows.

`API_ERRORS` is the one list of statuses the API answers with: the schema's
responses and the /docs error table are both built from it, so neither can
leave one out. The `@extend_schema` arguments below are applied to the
views in photos.api; they describe the views, they never change them."""

from __future__ import annotations

import re

from django.conf import settings
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.views import SpectacularAPIView
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    OpenApiResponse,
    PolymorphicProxySerializer,
    extend_schema,
    inline_serializer,
)
from rest_framework import serializers

from painty.errors import API_ERRORS
from painty.links import absolute_url

from .serializers import BatchSerializer, JobSerializer, PhotoResultSerializer
from .formats import CHOICES as OUTPUT_FORMATS
from .formats import RULE as RESULT_FORMAT_RULE
from .imaging import ALLOWED_FORMATS, CONTENT_TYPES, EXTENSIONS, FORMAT_NAMES, PHONE_FORMATS, WEB_FORMATS


class BearerKeyScheme(OpenApiAuthenticationExtension):
    """accounts.authentication.ApiKeyAuthentication is an HTTP bearer scheme."""

    target_class = "accounts.authentication.ApiKeyAuthentication"
    name = "ApiKey"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "Your API key from the dashboard: `Authorization: Bearer YOUR_API_KEY`.",
        }


ErrorBody = inline_serializer(
    "Error",
    {
        "status": serializers.ChoiceField(choices=["error"]),
        "error": inline_serializer(
            "ErrorDetail",
            {
                "code": serializers.CharField(help_text="Machine-readable, snake_case."),
                "message": serializers.CharField(help_text="A human sentence saying what went wrong and what to do."),
                "param": serializers.CharField(
                    allow_null=True, help_text="The request field at fault ('image', 'prompt') or null."
                ),
            },
        ),
    },
)

# A plain schema rather than a serializer: the file part is `format: binary`.
PhotoRequest = {
    "type": "object",
    "properties": {
        "prompt": {
            "type": "string",
            "maxLength": 2000,
            "description": "Text description of the edits, e.g. 'Make the background clean and bright'.",
        },
        "image": {
            "type": "string",
            "format": "binary",
            "description": f"Image file ({FORMAT_NAMES}); the format is judged from the bytes, not the name.",
        },
        "image_url": {
            "type": "string",
            "format": "uri",
            "description": "Instead of `image`: a public https URL of the image (fetched through the same guard as "
            "webhooks: public addresses only, at most 3 redirects, the upload size limit, "
            "`PAINTY_IMAGE_URL_TIMEOUT` seconds). Errors are 400 `invalid_image_url`, 413 or 415; nothing is charged.",
        },
        "channels": {
            "type": "string",
            "enum": ["rgba", "alpha"],
            "default": "rgba",
            "description": "`alpha`: the cut-out's matte itself as a grey PNG (white = subject), for compositing "
            "yourself. Needs a transparent result (e.g. 'remove the background').",
        },
        "n": {
            "type": "integer",
            "minimum": 1,
            "maximum": 4,
            "default": 1,
            "description": "Variants: the edit as asked plus lighter/stronger takes (or the nearest background "
            "colours), one `resultUrls` entry each, each charged as one image. Still images only.",
        },
        "background": {
            "type": "string",
            "format": "binary",
            "description": "Optional image to put the subject on (scaled to cover); the prompt's other edits apply.",
        },
        "background_url": {
            "type": "string",
            "format": "uri",
            "description": "Like `background`, fetched from a public https URL.",
        },
        "mask": {
            "type": "string",
            "format": "binary",
            "description": "Optional mask of the image's proportions, white = the region to edit: colour and tone "
            "edits stay inside it, and 'remove …' retouches it (blemishes, dust, small text, logos). Larger removals "
            "need a generative engine (`auto` sends them to OpenAI with the mask).",
        },
        "format": {
            "type": "string",
            "enum": list(OUTPUT_FORMATS),
            "default": "auto",
            "description": "Optional: the result's file format. " + RESULT_FORMAT_RULE,
        },
        "webhook_url": {
            "type": "string",
            "format": "uri",
            "description": "Optional: an https URL that gets a signed POST when the job ends "
            "(overrides the key's default webhook).",
        },
    },
    "required": ["prompt"],
    # The seed's `image`, or `image_url` instead of it.
    "anyOf": [{"required": ["image"]}, {"required": ["image_url"]}],
}

PhotoData = PhotoResultSerializer()

AccountData = inline_serializer(
    "Account",
    {
        "email": serializers.EmailField(),
        "credits": serializers.IntegerField(),
        "creditsPerImage": serializers.IntegerField(),
        "apiKey": inline_serializer(
            "ApiKeyInfo",
            {
                "name": serializers.CharField(),
                "key": serializers.CharField(help_text="Masked."),
                "testMode": serializers.BooleanField(help_text="Test keys are free and never call a paid engine."),
            },
        ),
    },
)


def envelope(name: str, data) -> serializers.Serializer:
    return inline_serializer(name, {"status": serializers.ChoiceField(choices=["ok"]), "data": data})


def error_responses(*endpoints: str) -> dict[int, OpenApiResponse]:
    responses = {}
    for info in API_ERRORS:
        if not set(endpoints) & set(info.endpoints):
            continue
        examples = [
            OpenApiExample(
                code,
                value={"status": "error", "error": {"code": code, "message": info.resolution, "param": None}},
                status_codes=[str(info.status)],
                response_only=True,
            )
            for code in info.codes
        ]
        codes = ", ".join(f"`{code}`" for code in info.codes)
        responses[info.status] = OpenApiResponse(
            ErrorBody, description=f"{info.title} ({codes}). {info.resolution}", examples=examples
        )
    return responses


QuoteData = inline_serializer(
    "PhotoQuote",
    {
        "dryRun": serializers.BooleanField(),
        "engine": serializers.CharField(),
        "edits": serializers.ListField(child=serializers.DictField()),
        "price": serializers.IntegerField(help_text="Credits: the price per image × `results`."),
        "results": serializers.IntegerField(help_text="How many images the request makes (`n`)."),
        "creditsRemaining": serializers.IntegerField(),
        "sufficientCredits": serializers.BooleanField(),
        "image": serializers.DictField(help_text="format, width, height, frames"),
        "resultFormat": serializers.ChoiceField(
            choices=["jpg", "png", "webp", "gif"], help_text="The extension the result will have (see `format`)."
        ),
    },
)

JobDetail = JobSerializer()

JobResponse = OpenApiResponse(envelope("JobResponse", JobDetail), description="OK")
JOB_ID = OpenApiParameter("job_id", int, OpenApiParameter.PATH, description="The `jobId` a photo request returned.")


def ok_response(name: str, data, description="OK") -> OpenApiResponse:
    return OpenApiResponse(envelope(name, data), description=description)


photo = extend_schema(
    operation_id="editPhoto",
    summary="Edit a photo from a text prompt",
    description=(
        "Uploads an image and a text prompt, processes it, and returns direct links to the results. "
        "Each request costs the price per image given in the API description; failed requests that are not "
        "the caller's fault are refunded. " + RESULT_FORMAT_RULE + " "
        "401 answers carry `WWW-Authenticate: Bearer`, 429 answers carry `Retry-After`. "
        "With `?dry_run=1` nothing is charged or run: the answer is a quote (`PhotoQuote`)."
    ),
    tags=["Photos"],
    parameters=[
        OpenApiParameter(
            "dry_run", bool, OpenApiParameter.QUERY, description="Validate and price the request without running it."
        ),
        OpenApiParameter(
            "Idempotency-Key",
            str,
            OpenApiParameter.HEADER,
            description="Up to 255 characters; a retry with the same key and body replays the first answer.",
        ),
        OpenApiParameter(
            "Prefer",
            str,
            OpenApiParameter.HEADER,
            description="`respond-async`: answer 202 at once with the job and a `Location` to poll; `wait=N`: "
            "wait up to N seconds for the result, then answer 202. Without it the call is synchronous.",
        ),
    ],
    request={"multipart/form-data": PhotoRequest},
    responses={
        202: OpenApiResponse(
            envelope("JobAccepted", JobDetail),
            description="Accepted (with `Prefer: respond-async` or an expired `wait=N`): the job is running; "
            "poll the `Location` header's URL, stream `/events`, or wait for the webhook.",
        ),
        200: OpenApiResponse(
            PolymorphicProxySerializer(
                component_name="PhotoOrQuoteResponse",
                serializers=[envelope("PhotoResponse", PhotoData), envelope("QuoteResponse", QuoteData)],
                resource_type_field_name=None,
            ),
            description="OK: the edited images, or a quote for `?dry_run=1`.",
        ),
        **error_responses("photo"),
    },
)

account = extend_schema(
    operation_id="getAccount",
    summary="The account behind the API key",
    description="Who the key belongs to and how many credits are left.",
    tags=["Account"],
    responses={200: ok_response("AccountResponse", AccountData), **error_responses("account")},
)

job_list = extend_schema(
    operation_id="listJobs",
    summary="Your jobs, newest first",
    tags=["Jobs"],
    parameters=[
        OpenApiParameter("limit", int, OpenApiParameter.QUERY, description="1 to 100, default 20."),
        OpenApiParameter("cursor", str, OpenApiParameter.QUERY, description="`nextCursor` from the previous page."),
    ],
    responses={
        200: ok_response(
            "JobListResponse",
            inline_serializer(
                "JobPage", {"jobs": JobSerializer(many=True), "nextCursor": serializers.CharField(allow_null=True)}
            ),
        ),
        **error_responses("jobs"),
    },
)

job_get = extend_schema(
    operation_id="getJob",
    summary="One of your jobs",
    tags=["Jobs"],
    parameters=[JOB_ID],
    responses={200: JobResponse, **error_responses("job")},
)

job_delete = extend_schema(
    operation_id="deleteJob",
    summary="Delete a finished job's files now",
    description="Deletes the job's original and results now, before retention would; their links stop working "
    "(`410`). The job record stays, `expired`. Deleting the account (dashboard → Your data) deletes every "
    "job's files and prompt at once.",
    tags=["Jobs"],
    parameters=[JOB_ID],
    responses={200: JobResponse, **error_responses("job", "job_delete")},
)

BATCH_ID = OpenApiParameter("batch_id", int, OpenApiParameter.PATH, description="The `batchId` the batch answer gave.")
BatchResponse = OpenApiResponse(envelope("BatchResponse", BatchSerializer()), description="The batch.")

batch_create = extend_schema(
    operation_id="createBatch",
    summary="One prompt for many images",
    description="Up to `PAINTY_MAX_BATCH_ITEMS` (50) images as `images` files and/or `image_urls` (repeat the "
    "field), one `prompt`, and optionally `format`, `channels` and `webhook_url`. Answers 202 at once with the "
    "batch and a `Location` to poll. Each image is checked and charged like a photo request; an image refused "
    "before the charge (unreadable, too large, out of credits) is listed with status `rejected` and costs nothing, "
    "an image that fails later is refunded. When the last image ends the batch is `finished`, `zipUrl` gives all "
    "results in one zip, and `webhook_url` gets one signed `batch.finished` event with the batch as JSON.",
    tags=["Batches"],
    request={"multipart/form-data": {
        "type": "object",
        "properties": {
            "prompt": PhotoRequest["properties"]["prompt"],
            "images": {"type": "array", "items": {"type": "string", "format": "binary"}},
            "image_urls": {"type": "array", "items": {"type": "string", "format": "uri"}},
            "format": PhotoRequest["properties"]["format"],
            "channels": PhotoRequest["properties"]["channels"],
            "webhook_url": PhotoRequest["properties"]["webhook_url"],
        },
        "required": ["prompt"],
    }},
    responses={202: BatchResponse, **error_responses("batch_create")},
)

batch_get = extend_schema(
    operation_id="getBatch",
    summary="A batch and each of its images",
    tags=["Batches"],
    parameters=[BATCH_ID],
    responses={200: BatchResponse, **error_responses("batch")},
)

batch_zip = extend_schema(
    operation_id="getBatchZip",
    summary="All results of a finished batch in one zip",
    tags=["Batches"],
    parameters=[BATCH_ID],
    responses={
        (200, "application/zip"): OpenApiResponse(OpenApiTypes.BINARY, description="The zip."),
        **error_responses("batch", "batch_zip"),
    },
)

job_events = extend_schema(
    operation_id="jobEvents",
    summary="A job's status changes as Server-Sent Events",
    description="`text/event-stream`: one `status` event (data: the job as JSON) per change; the stream ends "
    "when the job does.",
    tags=["Jobs"],
    parameters=[JOB_ID],
    responses={
        (200, "text/event-stream"): OpenApiResponse(OpenApiTypes.STR, description="The event stream."),
        **{(status, "application/json"): response for status, response in error_responses("job").items()},
    },
)


# --- Limits, read from the same settings the API enforces --------------------

_RATE = re.compile(r"^(\d+)/(\d*)([smhd])$")
_UNITS = {"s": ("second", 1), "m": ("minute", 60), "h": ("hour", 3600), "d": ("day", 86400)}


def rate_text(rate: str) -> str:
    """'60/m' → '60 requests per minute'; '10/5m' → '10 requests per 5 minutes' (django-ratelimit syntax)."""
    match = _RATE.match(rate.strip())
    if not match:
        return rate
    count, multiple, unit = match.groups()
    word = _UNITS[unit][0]
    per = f"{multiple} {word}s" if multiple and multiple != "1" else word
    return f"{count} request{'s' if count != '1' else ''} per {per}"


def limits() -> dict:
    """What the docs page and the schema tell clients; every value is read from the live settings."""
    formats = [EXTENSIONS[name] for name in WEB_FORMATS]
    return {
        "max_upload_mb": settings.PAINTY_MAX_UPLOAD_MB,
        "max_pixels": settings.PAINTY_MAX_PIXELS,
        "max_pixels_text": f"{settings.PAINTY_MAX_PIXELS:,}",
        "max_prompt_chars": settings.PAINTY_MAX_PROMPT_CHARS,
        "formats": formats,
        "format_names": [FORMAT_LABELS.get(ext, ext.upper()) for ext in formats],
        "phone_formats": [FORMAT_LABELS[EXTENSIONS[name]] for name in PHONE_FORMATS],
        "accept": ",".join(CONTENT_TYPES[name] for name in ALLOWED_FORMATS),
        "timeout": settings.PAINTY_JOB_TIMEOUT,
        "retention_hours": settings.PAINTY_RETENTION_HOURS,
        "rate_limit": settings.PAINTY_RATE_LIMIT,
        "rate_text": rate_text(settings.PAINTY_RATE_LIMIT),
        "credits_per_image": settings.PAINTY_CREDITS_PER_IMAGE,
        "output_formats": list(OUTPUT_FORMATS),
        "max_batch_items": settings.PAINTY_MAX_BATCH_ITEMS,
        "format_rule": RESULT_FORMAT_RULE,
    }


FORMAT_LABELS = {"jpg": "JPG", "png": "PNG", "webp": "WebP", "gif": "GIF", "heic": "HEIC", "avif": "AVIF"}


def public_endpoints(endpoints):
    """drf-spectacular PREPROCESSING_HOOK: the API's own endpoints under their documented paths.

    The URL patterns accept an optional trailing slash (`^photo/?$`); the
    contract spells the path without it. The schema view does not describe itself."""
    kept = []
    for path, path_regex, method, callback in endpoints:
        if getattr(callback, "cls", None) is not None and issubclass(callback.cls, SpectacularAPIView):
            continue
        kept.append((path.rstrip("/"), path_regex, method, callback))
    return kept


def describe_limits(result, generator, request, public):
    """drf-spectacular POSTPROCESSING_HOOK: the limits in force, in the API description."""
    facts = limits()
    result["info"]["description"] = (
        f"{result['info'].get('description', '')}\n\n"
        "**Limits on this server:** "
        f"uploads up to {facts['max_upload_mb']} MB and {facts['max_pixels']:,} pixels; "
        f"formats {', '.join(facts['format_names'])}; prompts up to {facts['max_prompt_chars']:,} characters; "
        f"processing time up to {facts['timeout']:g} seconds; results kept {facts['retention_hours']:g} hours; "
        f"{facts['rate_text']} per API key; "
        f"{facts['credits_per_image']} credit{'s' if facts['credits_per_image'] != 1 else ''} per image.\n\n"
        "**Privacy:** images and prompts are never used to train models. What is stored, for how long, and where "
        f"images go with this server's engine: {absolute_url('/privacy', request)}."
    )
    return result


RESPONSE_HEADERS = {
    "X-Request-Id": "The request's id (yours from `X-Request-Id`, or one made for it); quote it to support.",
    "X-Credits-Charged": "Credits this request cost (0 for errors, refunds, replays and test keys).",
    "X-Credits-Remaining": "Your balance after this request.",
    "X-RateLimit-Limit": "Requests allowed per window for this key.",
    "X-RateLimit-Remaining": "Requests left in the current window.",
    "X-RateLimit-Reset": "Unix time when the window resets.",
}
EXTRA_HEADERS = {
    "202": {"Location": "The job's URL: `/api/v1/jobs/{jobId}`."},
    "429": {"Retry-After": "Seconds to wait before retrying."},
    "503": {"Retry-After": "Seconds to wait before retrying, when known."},
    "401": {"WWW-Authenticate": "`Bearer`."},
}


def describe_headers(result, generator, request, public):
    """drf-spectacular POSTPROCESSING_HOOK: the headers every API response carries."""
    for path, operations in result.get("paths", {}).items():
        if not path.startswith("/api/"):
            continue
        for operation in operations.values():
            for status, response in operation.get("responses", {}).items():
                headers = {**RESPONSE_HEADERS, **EXTRA_HEADERS.get(str(status), {})}
                response["headers"] = {
                    name: {"description": text, "schema": {"type": "string"}} for name, text in headers.items()
                }
    return result
