"""Billing pages (pricing, balance and history, checkout, portal) and the
Polar webhook endpoint. The work happens in polar_api, orders and webhooks."""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from painty.links import absolute_url

from . import ledger, polar_api, webhooks
from .forms import LowBalanceForm
from .models import CreditAccount, CreditPack, LedgerEntry, PolarOrder, WebhookEvent

log = logging.getLogger(__name__)


def _packs():
    return CreditPack.objects.filter(active=True)


@require_GET
def pricing(request):
    return render(
        request,
        "billing/pricing.html",
        {
            "packs": _packs(),
            "configured": polar_api.is_configured(),
            "credits_per_image": settings.PAINTY_CREDITS_PER_IMAGE,
            "signup_credits": settings.PAINTY_SIGNUP_CREDITS,
        },
    )


@login_required
@require_GET
def overview(request):
    account = ledger.account_for(request.user)
    return render(
        request,
        "billing/overview.html",
        {
            "low_balance_form": LowBalanceForm(initial={"threshold": account.low_balance_threshold}),
            "low_balance_threshold": account.low_balance_threshold,
            "packs": _packs(),
            "configured": polar_api.is_configured(),
            "balance": ledger.balance_of(request.user),
            "entries": LedgerEntry.objects.filter(account__user=request.user)[:100],
            "credits_per_image": settings.PAINTY_CREDITS_PER_IMAGE,
            "signup_credits": settings.PAINTY_SIGNUP_CREDITS,
        },
    )


@login_required
@require_POST
def low_balance(request):
    """Set or clear the low-balance email's threshold; a new threshold arms the email again."""
    form = LowBalanceForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors["threshold"]))
        return redirect("billing:overview")
    threshold = form.cleaned_data["threshold"]
    ledger.account_for(request.user)
    CreditAccount.objects.filter(user=request.user).update(low_balance_threshold=threshold, low_balance_alerted=False)
    if threshold is None:
        messages.success(request, "Low-balance emails are off.")
    else:
        plural = "s" if threshold != 1 else ""
        note = f"We'll email {request.user.email} when your balance falls below {threshold} credit{plural}."
        if ledger.balance_of(request.user) < threshold:
            note += " It is below that already: the email goes out with your next paid request."
        messages.success(request, note)
    return redirect("billing:overview")


@login_required
@require_POST
def buy(request, pack_id: int):
    pack = get_object_or_404(CreditPack, pk=pack_id, active=True)
    success_url = absolute_url(reverse("billing:success"), request) + "?checkout_id={CHECKOUT_ID}"
    try:
        url = polar_api.create_checkout(pack, request.user, success_url)
    except polar_api.PolarUnavailable as e:
        messages.error(request, str(e))
        return redirect("billing:overview")
    return HttpResponseRedirect(url)


@login_required
@require_POST
def portal(request):
    try:
        url = polar_api.create_portal_url(request.user, absolute_url(reverse("billing:overview"), request))
    except polar_api.PolarUnavailable as e:
        level = messages.INFO if isinstance(e, polar_api.NoPolarCustomer) else messages.ERROR
        messages.add_message(request, level, str(e))
        return redirect("billing:overview")
    return HttpResponseRedirect(url)


def _checkout_status(request) -> dict:
    checkout_id = request.GET.get("checkout_id", "")[:100]
    order = (
        PolarOrder.objects.filter(user=request.user, checkout_id=checkout_id, credits__gt=0).first()
        if checkout_id
        else None
    )
    return {
        "checkoutId": checkout_id or None,
        "credited": order is not None,
        "creditsAdded": order.credits if order else 0,
        "balance": ledger.balance_of(request.user),
    }


@login_required
@require_GET
def success(request):
    return render(request, "billing/success.html", {"status": _checkout_status(request)})


@login_required
@require_GET
def checkout_status(request):
    return JsonResponse(_checkout_status(request))


def _answer(status: int, outcome: str, detail: str = "") -> JsonResponse:
    return JsonResponse({"outcome": outcome, "detail": detail}, status=status)


@csrf_exempt
@require_POST
def polar_webhook(request):
    """Verify first (size, headers, HMAC on the raw bytes), parse second, and
    only then store and act: every failure before that is a refusal that
    leaves nothing behind (see billing.webhooks)."""
    if not settings.POLAR_WEBHOOK_SECRET:
        log.error("Polar webhook received but POLAR_WEBHOOK_SECRET is not set")
        return _answer(503, "not_configured", "Webhook secret not configured.")
    try:
        delivery = webhooks.Delivery.from_request(request)
        data = webhooks.verified(delivery)
    except webhooks.Refused as e:
        log.warning("Polar webhook %r refused (%s): %s", request.headers.get("webhook-id", "")[:200], e.status, e)
        return _answer(e.status, e.outcome, e.detail)
    try:
        event = webhooks.receive(delivery, data)
    except Exception as e:  # noqa: BLE001 — whatever broke, Polar should retry later
        log.exception("Polar webhook %s failed; asking Polar to retry", delivery.webhook_id)
        webhooks.record_failure(delivery, data, e)
        return _answer(503, "failed", "Temporary failure, please retry.")
    status = 200 if event.outcome == WebhookEvent.Outcome.PROCESSED else 202
    return _answer(status, event.outcome, event.detail)
