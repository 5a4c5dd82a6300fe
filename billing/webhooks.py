"""Receiving Polar webhooks: verify, then parse, then keep and act.

The order is the point. A delivery's HMAC is checked on its raw bytes before
anything reads them; whatever fails before that (a size over the bound, a
missing or malformed header, a wrong signature) is a refusal and leaves no
row. Only then is the body parsed, and it must be what Polar sends: a UTF-8
JSON object (a signed body that is not is refused too, also without a row).

A webhook id is stored once (replays only count `deliveries`); an event that
was processed or ignored is never acted on twice, one that failed or needs
attention is tried again on redelivery or from the admin. The admin's "Process
again" re-verifies the stored bytes and acts on them, never on a stored copy
that nothing signed."""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from . import orders, polar_api
from .models import WebhookEvent

log = logging.getLogger(__name__)

FINAL = (WebhookEvent.Outcome.PROCESSED, WebhookEvent.Outcome.IGNORED)

# Polar's order events are a few kilobytes; the bound keeps unauthenticated
# senders from making us buffer (or, before the fix, store) megabytes.
MAX_BODY_BYTES = 1_000_000
# Header bounds, checked before verification: an id must fit its column to be
# stored and re-verified exactly; Polar signs with one or two keys.
MAX_WEBHOOK_ID = WebhookEvent._meta.get_field("webhook_id").max_length
MAX_TIMESTAMP = WebhookEvent._meta.get_field("webhook_timestamp").max_length
MAX_SIGNATURE = 2_000
# What an absent or empty Content-Length declares. It is only ever compared with
# MAX_BODY_BYTES, so -1 or 1 would declare "nothing" just the same.
NOTHING_DECLARED = 0  # pragma: no mutate


class Refused(Exception):
    """A delivery not taken: answered with `status`, nothing stored or done."""

    def __init__(self, status: int, outcome: str, detail: str):
        super().__init__(detail)
        self.status, self.outcome, self.detail = status, outcome, detail


@dataclass(frozen=True)
class Delivery:
    """What the signature covers: the raw body and the three Standard Webhooks headers."""

    webhook_id: str
    timestamp: str
    signature: str
    body: bytes

    @classmethod
    def from_request(cls, request) -> Delivery:
        """The delivery in `request`, refused (413) before its body is read if it is too large."""
        try:
            declared = int(request.META.get("CONTENT_LENGTH") or NOTHING_DECLARED)
        except ValueError:
            raise Refused(400, "invalid_request", "Content-Length is not a number.") from None
        if declared > MAX_BODY_BYTES or len(request.body) > MAX_BODY_BYTES:
            raise Refused(413, "too_large", f"Webhook bodies are limited to {MAX_BODY_BYTES} bytes.")
        headers = request.headers
        return cls(
            webhook_id=headers.get("webhook-id", ""),
            timestamp=headers.get("webhook-timestamp", ""),
            signature=headers.get("webhook-signature", ""),
            body=request.body,
        )

    @classmethod
    def from_event(cls, event: WebhookEvent) -> Delivery:
        return cls(event.webhook_id, event.webhook_timestamp, event.webhook_signature, event.body.encode())


def _no_constants(name: str):
    raise ValueError(f"{name} is not JSON")


def verified(delivery: Delivery, *, check_age: bool = True) -> dict:
    """The delivery's JSON object, once its signature checks out on the raw
    bytes. Raises Refused: 403 for anything not provably from Polar, 400 for
    a signed body that is not a UTF-8 JSON object."""
    if (
        len(delivery.webhook_id) > MAX_WEBHOOK_ID
        or len(delivery.timestamp) > MAX_TIMESTAMP
        or len(delivery.signature) > MAX_SIGNATURE
    ):
        raise Refused(403, "invalid_signature", "Signature headers are too long.")
    try:
        polar_api.verify_signature(
            delivery.body, delivery.webhook_id, delivery.timestamp, delivery.signature, check_age=check_age
        )
    except polar_api.InvalidSignature as e:
        raise Refused(403, "invalid_signature", str(e)) from e
    try:
        # Strict UTF-8 (a BOM is not JSON) and strict JSON (no NaN/Infinity).
        data = json.loads(delivery.body.decode("utf-8"), parse_constant=_no_constants)
    except (ValueError, RecursionError):
        data = None
    if not isinstance(data, dict):
        raise Refused(400, "invalid_payload", "The body is not a UTF-8 JSON object.")
    return data


def act_on(data: dict) -> tuple[str, str, str]:
    """(outcome, detail, polar order id) for one verified event."""
    event_type = data.get("type")
    if not isinstance(event_type, str) or event_type not in orders.ORDER_EVENTS:
        return WebhookEvent.Outcome.IGNORED, f"Painty does not use {str(event_type)[:64]} events.", ""
    try:
        payload = polar_api.load_payload(data)
    except polar_api.UnloadablePayload as e:
        log.error("Polar %s event could not be loaded: %s", event_type, e)
        return WebhookEvent.Outcome.UNRESOLVED, f"Payload cannot be loaded: {e}", ""
    result = orders.reconcile(payload.data)
    outcome = WebhookEvent.Outcome.PROCESSED if result.resolved else WebhookEvent.Outcome.UNRESOLVED
    return outcome, result.detail, payload.data.id


KEPT = ("event_type", "payload", "body", "webhook_timestamp", "webhook_signature")


def _kept(delivery: Delivery, data: dict) -> dict:
    """The columns that hold a verified delivery (and what it parsed to)."""
    event_type = data.get("type")
    return {
        "event_type": event_type[:64] if isinstance(event_type, str) else "",
        "payload": data,
        "body": delivery.body.decode("utf-8"),
        "webhook_timestamp": delivery.timestamp,
        "webhook_signature": delivery.signature,
    }


def _finish(event: WebhookEvent, delivery: Delivery, data: dict) -> WebhookEvent:
    """Act on a verified delivery and save the outcome with the bytes it came from."""
    for name, value in _kept(delivery, data).items():
        setattr(event, name, value)
    outcome, detail, order_id = act_on(data)
    event.outcome = outcome
    event.detail = detail[:500]
    event.polar_order_id = order_id or event.polar_order_id
    event.processed_at = timezone.now()
    event.save(update_fields=["outcome", "detail", "polar_order_id", "processed_at", *KEPT])
    return event


def receive(delivery: Delivery, data: dict) -> WebhookEvent:
    """Store and act on a verified delivery, in one transaction: if acting
    fails, nothing it booked stays, and the caller answers 503 so Polar
    retries. Concurrent duplicates queue on the webhook id's unique index."""
    with transaction.atomic():
        event, created = WebhookEvent.objects.select_for_update().get_or_create(
            webhook_id=delivery.webhook_id,
            defaults={**_kept(delivery, data), "outcome": WebhookEvent.Outcome.FAILED},
        )
        if not created:
            WebhookEvent.objects.filter(pk=event.pk).update(deliveries=F("deliveries") + 1)
            if event.outcome in FINAL:
                return event
        return _finish(event, delivery, data)


def record_failure(delivery: Delivery, data: dict, error: Exception) -> None:
    """Best effort: note the failed attempt of a verified delivery (the DB
    itself may be the problem)."""
    try:
        event, _ = WebhookEvent.objects.get_or_create(
            webhook_id=delivery.webhook_id,
            defaults={**_kept(delivery, data), "outcome": WebhookEvent.Outcome.FAILED},
        )
        # A concurrent copy of this delivery may have succeeded meanwhile: keep its outcome.
        WebhookEvent.objects.filter(pk=event.pk).exclude(outcome__in=FINAL).update(
            outcome=WebhookEvent.Outcome.FAILED,
            detail=f"{type(error).__name__}: {error}"[:500],
            processed_at=timezone.now(),
        )
    except Exception:
        log.exception("Could not record the failed Polar webhook %s", delivery.webhook_id)


def process_again(event: WebhookEvent) -> WebhookEvent:
    """Admin follow-up: act on a stored event once more (e.g. after adding
    the missing credit pack). Safe on any event: order credits move once.

    The stored bytes are verified again, without the 5-minute window of the
    original delivery (it is long past) but with the HMAC, and only those
    bytes are acted on. Raises Refused, changing nothing, when they do not
    verify (never signed, edited since, or the secret has changed)."""
    delivery = Delivery.from_event(event)
    data = verified(delivery, check_age=False)
    with transaction.atomic():
        return _finish(event, delivery, data)
