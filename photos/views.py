"""Serving job files from local storage behind signed, expiring URLs; the dashboard's webhook page."""

from __future__ import annotations

import mimetypes
import re
import time

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.storage import default_storage
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from accounts.models import Profile
from painty.errors import error_response

from . import storage, webhooks
from .imaging import EXTENSIONS
from .models import WebhookDelivery

_PATH = re.compile(r"^jobs/[A-Za-z0-9_-]{16,64}/[a-z0-9_-]{1,40}\.(" + "|".join(EXTENSIONS.values()) + r")$")


@require_GET
def serve_file(request, path: str):
    if not _PATH.match(path):
        return error_response(404, "not_found", "No such file.")
    verdict = storage.verify(path, request.GET.get("expires"), request.GET.get("sig"))
    if verdict == "bad":
        return error_response(403, "invalid_signature", "This link is invalid.")
    if verdict == "expired" or not storage.exists(path):
        return error_response(410, "expired", "This file has expired and was deleted.")
    response = FileResponse(default_storage.open(path, "rb"), content_type=mimetypes.guess_type(path)[0])
    max_age = max(0, int(request.GET["expires"]) - int(time.time()))
    response["Cache-Control"] = f"private, max-age={max_age}"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Disposition"] = "inline"
    return response


# --- The dashboard's completion-webhook page (served under /dashboard/webhooks) ---


@login_required
def webhooks_page(request):
    deliveries = WebhookDelivery.objects.filter(user=request.user).select_related("job")[:50]
    return render(
        request,
        "accounts/webhooks.html",
        {"secret": Profile.of(request.user).webhook_secret, "deliveries": deliveries},
    )


@login_required
@require_POST
def rotate_webhook_secret(request):
    Profile.of(request.user).rotate_secret()
    messages.success(request, "New webhook signing secret created. Update your receivers: the old one no longer signs.")
    return redirect("accounts:webhooks")


@login_required
@require_POST
def resend_webhook(request, delivery_id: int):
    delivery = get_object_or_404(WebhookDelivery, pk=delivery_id, user=request.user)
    webhooks.resend(delivery)
    messages.success(request, f"Delivery of {delivery.event} for job #{delivery.job_id} queued again.")
    return redirect("accounts:webhooks")
