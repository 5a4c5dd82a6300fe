"""The public API: thin DRF views over photos.services."""

from __future__ import annotations

from django.conf import settings
from rest_framework.response import Response
from rest_framework.views import APIView

from billing import ledger
from painty.errors import ApiError

from . import schema, services, uploads
from .throttling import ApiKeyRateThrottle


def ok(data, status=200) -> Response:
    return Response({"status": "ok", "data": data}, status=status)


def too_large() -> ApiError:
    return ApiError(
        413,
        "file_too_large",
        f"The upload is larger than the {settings.PAINTY_MAX_UPLOAD_MB} MB limit.",
        "image",
    )


class ApiView(APIView):
    throttle_classes = [ApiKeyRateThrottle]


class PhotoView(ApiView):
    """POST /api/v1/photo — multipart `prompt` + `image`; returns links to the edited images."""

    @schema.photo
    def post(self, request):
        if uploads.declared_too_large(request):
            raise too_large()
        request._request.upload_handlers.insert(0, uploads.SizeLimitHandler(request._request))
        data, files = request.data, request.FILES
        if getattr(request._request, "painty_upload_too_large", False):
            raise too_large()
        prompt = services.validate_prompt(data.get("prompt"))
        upload = files.get("image")
        if upload is None:
            if data.get("image"):
                raise ApiError(400, "missing_parameter", "'image' must be a file upload, not text.", "image")
            raise ApiError(400, "missing_parameter", "The 'image' file is required.", "image")
        if upload.size == 0:
            raise ApiError(400, "invalid_image", "The uploaded file is empty.", "image")
        job = services.submit(request.user, request.auth, prompt, upload)
        body = services.job_data(job, request)
        body["creditsRemaining"] = ledger.balance_of(request.user)
        return ok(body)


class AccountView(ApiView):
    """GET /api/v1/account — who the key belongs to and how many credits are left."""

    @schema.account
    def get(self, request):
        return ok(
            {
                "email": request.user.email,
                "credits": ledger.balance_of(request.user),
                "creditsPerImage": settings.PAINTY_CREDITS_PER_IMAGE,
                "apiKey": {"name": request.auth.name, "key": request.auth.masked},
            }
        )
