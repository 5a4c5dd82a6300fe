"""The API docs page (/docs), its "try it" helpers, and the OpenAPI schema views.

Everything the page states about limits comes from photos.schema.limits(),
which reads the settings the API enforces, so the page cannot disagree with
the server."""

from __future__ import annotations

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_POST
from drf_spectacular.renderers import OpenApiJsonRenderer, OpenApiYamlRenderer
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.permissions import AllowAny

from accounts.models import ApiKey
from photos.schema import API_ERRORS, limits

EXAMPLE_PROMPTS = (
    "Make the background clean and bright",
    "Remove the background",
    "Increase the contrast and warm up the colors",
    "Convert to black and white",
    "Crop to a square around the subject",
)
TEST_KEY_NAME = "Docs page test key"


def base_url(request) -> str:
    """Where clients reach this server: PAINTY_PUBLIC_URL, or the host of this request."""
    return settings.PAINTY_PUBLIC_URL or request.build_absolute_uri("/").rstrip("/")


def docs(request):
    facts = limits()
    signed_in = request.user.is_authenticated
    return render(
        request,
        "docs/index.html",
        {
            "base_url": base_url(request),
            "limits": facts,
            "errors": API_ERRORS,
            "example_prompts": EXAMPLE_PROMPTS,
            "prompt": EXAMPLE_PROMPTS[0],
            "active_keys": request.user.api_keys.active() if signed_in else [],
        },
    )


@require_POST
def create_test_key(request):
    """Issue a new API key for the docs page's "try it" panel. Its raw value is
    in this response only (keys are stored as digests), like on the dashboard."""
    if not request.user.is_authenticated:
        return JsonResponse({"error": "Sign in to create an API key."}, status=401)
    key, raw = ApiKey.issue(request.user, TEST_KEY_NAME)
    return JsonResponse({"key": raw, "masked": key.masked, "name": key.name}, status=201)


class SchemaView(SpectacularAPIView):
    """GET /api/v1/schema: public, JSON by default (?format=yaml for YAML), servers = this server."""

    authentication_classes = []
    permission_classes = [AllowAny]
    renderer_classes = [OpenApiJsonRenderer, OpenApiYamlRenderer]

    def get(self, request, *args, **kwargs):
        self.custom_settings = {"SERVERS": [{"url": base_url(request), "description": "This server"}]}
        return super().get(request, *args, **kwargs)


class ReferenceView(SpectacularSwaggerView):
    """/docs/reference: the schema in Swagger UI, served from drf-spectacular-sidecar's static files (no CDN)."""

    authentication_classes = []
    permission_classes = [AllowAny]
    url_name = "api-schema"
    title = "Painty API reference"
    template_name = "docs/reference.html"
