"""The dashboard's completion-webhook page (job files are served by photos.delivery)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from accounts.models import Profile

from . import webhooks
from .models import WebhookDelivery

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
