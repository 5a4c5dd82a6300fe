"""The API docs page (/docs), its "try it" helpers, and the OpenAPI schema views.

Everything the page states about limits comes from photos.schema.limits(),
which reads the settings the API enforces, so the page cannot disagree with
the server."""

from __future__ import annotations

from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_POST
from drf_spectacular.renderers import (
    OpenApiJsonRenderer, OpenApiJsonRenderer2, OpenApiYamlRenderer, OpenApiYamlRenderer2,
)
from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.permissions import AllowAny

from accounts.keys import DOCS_KEY_NAME, TooManyKeys, current_docs_key, docs_key
from painty import csp
from painty.links import absolute_url
from photos.engines.local.vocabulary import documented as prompt_vocabulary
from photos.schema import API_ERRORS, limits

EXAMPLE_PROMPTS = (
    "Make the background clean and bright",
    "Remove the background",
    "Increase the contrast and warm up the colors",
    "Convert to black and white",
    "Crop to a square around the subject",
    "Product photo with a soft shadow",
)
TEST_KEY_NAME = DOCS_KEY_NAME


def base_url(request) -> str:
    """Where clients reach this server: PAINTY_PUBLIC_URL, or the host of this request."""
    return absolute_url("/", request).rstrip("/")


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
            "vocabulary": prompt_vocabulary(),
            "docs_key": current_docs_key(request.user) if signed_in else None,
        },
    )


@require_POST
def create_test_key(request):
    """The docs page's "try it" key: the account's free, watermarking pk_test_
    docs key, the same one every time (200), or a new one (201) the first time,
    when the old one can't be derived again, or with `replace=1` (which revokes
    the old one; accounts.keys). The page keeps it in the tab's sessionStorage."""
    if not request.user.is_authenticated:
        return JsonResponse({"error": "Sign in to create an API key."}, status=401)
    replace = request.POST.get("replace", "").strip().lower()
    if replace not in ("", "0", "1", "false", "true"):
        return JsonResponse({"error": "'replace' must be 1 or 0."}, status=400)
    try:
        key, raw, created = docs_key(request.user, replace=replace in ("1", "true"))
    except TooManyKeys as refused:
        return JsonResponse({"error": str(refused)}, status=409)
    return JsonResponse(
        {"key": raw, "masked": key.masked, "name": key.name, "created": created}, status=201 if created else 200
    )


class SchemaView(SpectacularAPIView):
    """GET /api/v1/schema: public, JSON by default (?format=yaml for YAML), servers = this server.

    Content negotiation takes the OpenAPI media types and the plain ones that
    clients and code generators ask for (`Accept: application/json`,
    `application/yaml`); each is answered with its own Content-Type."""

    authentication_classes = []
    permission_classes = [AllowAny]
    renderer_classes = [OpenApiJsonRenderer, OpenApiJsonRenderer2, OpenApiYamlRenderer, OpenApiYamlRenderer2]

    def get(self, request, *args, **kwargs):
        self.custom_settings = {"SERVERS": [{"url": base_url(request), "description": "This server"}]}
        return super().get(request, *args, **kwargs)


class ReferenceView(SpectacularSwaggerSplitView):
    """/docs/reference: the schema in Swagger UI, served from drf-spectacular-sidecar's static files (no CDN).

    The split view serves Swagger UI's initializer as a script file
    (/docs/reference?script) instead of an inline <script>, so the page runs
    under the site's script policy. Swagger UI writes style attributes into the
    markdown it renders, so this page alone allows inline styles."""

    authentication_classes = []
    permission_classes = [AllowAny]
    url_name = "api-schema"
    title = "Painty API reference"
    template_name = "docs/reference.html"

    @extend_schema(exclude=True)
    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        if request.GET.get("script") is None:
            response["Content-Security-Policy"] = csp.policy(inline_styles=True)
        return response
