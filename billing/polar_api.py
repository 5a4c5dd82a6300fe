"""Talking to Polar.sh through the official SDK: checkouts, the customer
portal, and verifying webhooks. Nothing else imports `polar` directly.

Every SDK failure (Polar down, unreachable, a 4xx) becomes `PolarUnavailable`
with a sentence a customer can read; pages show it instead of a 500."""

from __future__ import annotations

import logging
import threading

from django.conf import settings
from polar.base import PolarError, deserialize
from polar.v2026_10 import Polar
from polar.v2026_10.webhooks import WebhookPayload, validate_event

log = logging.getLogger(__name__)


class PolarUnavailable(Exception):
    pass


class NoPolarCustomer(PolarUnavailable):
    pass


def is_configured() -> bool:
    return bool(settings.POLAR_ACCESS_TOKEN)


def client() -> Polar:
    if not is_configured():
        raise PolarUnavailable("Payments are not configured on this server yet (no Polar access token).")
    return Polar(
        settings.POLAR_ACCESS_TOKEN,
        environment=settings.POLAR_SERVER,
        base_url=settings.POLAR_BASE_URL or None,
        timeout=10.0,
    )


def create_checkout(pack, user, success_url: str) -> str:
    """A Polar checkout for one pack, tied to `user`; returns the URL to send them to."""
    try:
        with client() as polar:
            checkout = polar.checkouts.create(
                products=[pack.polar_product_id],
                success_url=success_url,
                customer_email=user.email,
                external_customer_id=str(user.pk),
                # Copied by Polar onto the order: a second way to find the buyer.
                metadata={"painty_user_id": str(user.pk), "painty_pack_id": str(pack.pk)},
            )
    except PolarError as e:
        log.warning("Polar checkout for pack %s failed: %s", pack.pk, e)
        raise PolarUnavailable("Polar could not start the checkout right now. Please try again in a minute.") from e
    return checkout.url


def create_portal_url(user, return_url: str) -> str:
    """A customer-portal session (invoices, receipts) for `user`."""
    try:
        with client() as polar:
            session = polar.customer_sessions.create(external_customer_id=str(user.pk), return_url=return_url)
    except PolarError as e:
        if getattr(e, "status_code", None) in (404, 422):
            # Polar has no customer with this external id: nothing bought yet.
            raise NoPolarCustomer("Invoices and receipts appear here after your first purchase.") from e
        log.warning("Polar customer session for user %s failed: %s", user.pk, e)
        raise PolarUnavailable("Polar's customer portal is not reachable right now. Please try again later.") from e
    return session.customer_portal_url


def verify_webhook(body: bytes, headers) -> WebhookPayload:
    """The SDK's Standard Webhooks check (id, timestamp within 5 minutes,
    HMAC keyed with the secret) followed by loading the typed payload.
    Raises the SDK's PolarWebhook* errors."""
    return validate_event(body, dict(headers), settings.POLAR_WEBHOOK_SECRET or "")


def load_payload(data: dict) -> WebhookPayload:
    """A stored (already verified) payload, loaded again, e.g. to reprocess it."""
    return deserialize(data, WebhookPayload)


def warm_up() -> None:
    """The SDK builds its payload loaders on first use, which takes seconds;
    building them once up front keeps that out of Polar's webhook timeout."""
    try:
        load_payload({})
    except PolarError:
        pass  # the empty payload is refused, but the loaders are now built


def warm_up_in_background() -> None:
    threading.Thread(target=warm_up, name="polar-warm-up", daemon=True).start()
