"""Talking to Polar.sh: checkouts and the customer portal through the
official SDK, webhook signatures, and loading webhook payloads into the SDK's
models. Nothing else imports `polar` directly.

Every SDK failure (Polar down, unreachable, a 4xx) becomes `PolarUnavailable`
with a sentence a customer can read; pages show it instead of a 500.

Webhook signatures are checked here, on the raw bytes, rather than by the
SDK's `validate_event`: that function decodes the body as UTF-8 *before* it
checks the signature and raises the same generic error for "not UTF-8" as for
"signed but unloadable", so a forged non-UTF-8 body looked like a genuine
delivery. It also always checks the 5-minute age window, which an admin
re-verifying a stored delivery cannot pass."""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import logging
import math
import threading
import time

from django.conf import settings
from polar.base import PolarError, deserialize
from polar.v2026_10 import Polar
from polar.v2026_10.webhooks import WebhookPayload

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


class InvalidSignature(Exception):
    """Not provably sent by Polar: refuse it and keep nothing."""


class UnloadablePayload(Exception):
    """Signed by Polar, but the SDK cannot load it into its models."""


# Standard Webhooks' replay window, as polar-sdk applies it.
SIGNATURE_TOLERANCE_SECONDS = 5 * 60


def signing_keys(secret: str) -> tuple[bytes, ...]:
    """The HMAC keys polar-sdk's `validate_event` tries, in its order: the
    secret's own bytes (Polar signs with those, which is why its docs say to
    base64-encode the secret for a Standard Webhooks library), then, when the
    rest after an optional `whsec_` is valid base64, the decoded bytes."""
    raw = secret.encode()
    rest = secret.removeprefix("whsec_")
    try:
        decoded = base64.b64decode(rest + "=" * (-len(rest) % 4), validate=True)
    except (binascii.Error, ValueError):
        return (raw,)
    return (raw, decoded) if decoded and decoded != raw else (raw,)


def verify_signature(body: bytes, webhook_id: str, timestamp: str, signature: str, *, check_age: bool = True) -> None:
    """Standard Webhooks: HMAC-SHA256 of `id.timestamp.body` under the
    configured secret, over the body's raw bytes (nothing is decoded first).
    `check_age=False` is for re-verifying a stored delivery: the signature
    still has to match, only the window of the original delivery is skipped.
    Raises InvalidSignature."""
    secret = settings.POLAR_WEBHOOK_SECRET or ""
    if not secret:
        raise InvalidSignature("No webhook secret is configured.")
    if not (webhook_id and timestamp and signature):
        raise InvalidSignature("Missing required headers")
    try:
        sent_at = float(timestamp)
    except ValueError:
        raise InvalidSignature("Invalid signature headers") from None
    if not math.isfinite(sent_at):
        raise InvalidSignature("Invalid signature headers")
    if check_age and abs(time.time() - sent_at) > SIGNATURE_TOLERANCE_SECONDS:
        raise InvalidSignature("Message timestamp outside the 5-minute window")

    signed_content = f"{webhook_id}.{math.floor(sent_at)}.".encode() + body
    offered = []
    for versioned in signature.split():
        version, comma, value = versioned.partition(",")
        if version == "v1" and comma:
            try:
                offered.append(base64.b64decode(value, validate=True))
            except (binascii.Error, ValueError):
                continue
    for key in signing_keys(secret):
        expected = hmac.new(key, signed_content, hashlib.sha256).digest()
        if any(hmac.compare_digest(expected, candidate) for candidate in offered):
            return
    raise InvalidSignature("No matching signature found")


def load_payload(data: dict) -> WebhookPayload:
    """A verified event's JSON as the SDK's typed payload (e.g. `.data` is an
    `Order`). Raises UnloadablePayload when the SDK's models refuse it."""
    try:
        return deserialize(data, WebhookPayload)
    except Exception as e:  # noqa: BLE001 — like the SDK's own loader: any failure means "cannot load"
        raise UnloadablePayload(str(e)) from e


def warm_up() -> None:
    """The SDK builds its payload loaders on first use, which takes seconds;
    building them once up front keeps that out of Polar's webhook timeout."""
    try:
        load_payload({})
    except UnloadablePayload:
        pass  # the empty payload is refused, but the loaders are now built


def warm_up_in_background() -> None:
    threading.Thread(target=warm_up, name="polar-warm-up", daemon=True).start()
