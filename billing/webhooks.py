"""Receiving Polar webhooks: keep every verified delivery, act on order events.

A webhook id is stored once (replays only count `deliveries`); an event that
was processed or ignored is never acted on twice, one that failed or needs
attention is tried again on redelivery or from the admin."""

from __future__ import annotations

import json
import logging

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from . import orders, polar_api
from .models import WebhookEvent

log = logging.getLogger(__name__)

FINAL = (WebhookEvent.Outcome.PROCESSED, WebhookEvent.Outcome.IGNORED)


def act_on(event_type: str, payload) -> tuple[str, str, str]:
    """(outcome, detail, polar order id) for one verified payload."""
    if event_type not in orders.ORDER_EVENTS:
        return WebhookEvent.Outcome.IGNORED, f"Painty does not use {event_type} events.", ""
    result = orders.reconcile(payload.data)
    outcome = WebhookEvent.Outcome.PROCESSED if result.resolved else WebhookEvent.Outcome.UNRESOLVED
    return outcome, result.detail, payload.data.id


def _finish(event: WebhookEvent, outcome: str, detail: str, order_id: str = "") -> WebhookEvent:
    event.outcome = outcome
    event.detail = detail[:500]
    event.polar_order_id = order_id or event.polar_order_id
    event.processed_at = timezone.now()
    event.save(update_fields=["outcome", "detail", "polar_order_id", "processed_at"])
    return event


def receive(webhook_id: str, raw: dict, payload) -> WebhookEvent:
    """Store and act on a verified delivery, in one transaction: if acting
    fails, nothing it booked stays, and the caller answers 503 so Polar
    retries. Concurrent duplicates queue on the webhook id's unique index."""
    event_type = raw.get("type", "")
    with transaction.atomic():
        event, created = WebhookEvent.objects.select_for_update().get_or_create(
            webhook_id=webhook_id,
            defaults={"event_type": event_type, "payload": raw, "outcome": WebhookEvent.Outcome.FAILED},
        )
        if not created:
            WebhookEvent.objects.filter(pk=event.pk).update(deliveries=F("deliveries") + 1)
            if event.outcome in FINAL:
                return event
        return _finish(event, *act_on(event_type, payload))


def _raw(body: bytes) -> dict:
    try:
        raw = json.loads(body)
    except ValueError:
        raw = {"unparsed_body": body.decode(errors="replace")[:10_000]}
    return raw if isinstance(raw, dict) else {"body": raw}


def record_unusable(webhook_id: str, body: bytes, outcome: str, detail: str) -> WebhookEvent:
    """A genuine (signed) delivery we cannot act on: an event type this SDK
    does not know, or a payload it cannot load. Kept for follow-up."""
    raw = _raw(body)
    with transaction.atomic():
        event, created = WebhookEvent.objects.get_or_create(
            webhook_id=webhook_id,
            defaults={"event_type": str(raw.get("type", "?"))[:64], "payload": raw, "outcome": outcome},
        )
        if not created:
            WebhookEvent.objects.filter(pk=event.pk).update(deliveries=F("deliveries") + 1)
            return event
        return _finish(event, outcome, detail)


def record_failure(webhook_id: str, body: bytes, error: Exception) -> None:
    """Best effort: note the failed attempt (the DB itself may be the problem)."""
    raw = _raw(body)
    try:
        event, _ = WebhookEvent.objects.get_or_create(
            webhook_id=webhook_id,
            defaults={"event_type": str(raw.get("type", ""))[:64], "payload": raw, "outcome": "failed"},
        )
        # A concurrent copy of this delivery may have succeeded meanwhile: keep its outcome.
        WebhookEvent.objects.filter(pk=event.pk).exclude(outcome__in=FINAL).update(
            outcome=WebhookEvent.Outcome.FAILED,
            detail=f"{type(error).__name__}: {error}"[:500],
            processed_at=timezone.now(),
        )
    except Exception:
        log.exception("Could not record the failed Polar webhook %s", webhook_id)


def process_again(event: WebhookEvent) -> WebhookEvent:
    """Admin follow-up: act on a stored event once more (e.g. after adding
    the missing credit pack). Safe on any event: order credits move once."""
    try:
        payload = polar_api.load_payload(event.payload)
    except Exception as e:  # noqa: BLE001 — any loading failure is reported on the event
        return _finish(event, WebhookEvent.Outcome.UNRESOLVED, f"Payload cannot be loaded: {e}")
    with transaction.atomic():
        return _finish(event, *act_on(event.event_type, payload))
