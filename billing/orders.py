"""Turning Polar orders into credits, exactly once.

Every order event (created, updated, paid, refunded) carries the whole order,
so instead of trusting the event type or its arrival order we compare the
order's *state* with what the ledger already holds for it:

- a paid order owes its buyer the pack's credits, booked under the ledger
  reference `polar-order:<id>:paid`;
- a refund of `refunded_amount` (Polar's running total) owes back
  credits × refunded / total, booked as one entry per new running total
  (`polar-order:<id>:refund:<refunded_amount>`), and only ever the part not
  taken back yet.

Replays, the same order under several webhook ids, and events out of order
therefore settle on the same balance. The ledger's unique `reference` is the
last line of defence; the `PolarOrder` row lock serializes two deliveries of
one order on Postgres (SQLite's IMMEDIATE transactions already do)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import partial

from django.contrib.auth import get_user_model
from django.db import transaction

from accounts.models import is_erased

from . import ledger, notifications
from .models import CreditPack, LedgerEntry, PolarOrder

log = logging.getLogger(__name__)

ORDER_EVENTS = frozenset({"order.created", "order.updated", "order.paid", "order.refunded"})


@dataclass
class Result:
    resolved: bool
    detail: str


def refund_share(credits: int, refunded: int, total: int) -> int:
    """Credits owed back for `refunded` of `total` cents, rounded half up."""
    if total <= 0 or refunded <= 0:
        return 0
    refunded = min(refunded, total)
    return (2 * credits * refunded + total) // (2 * total)


def find_buyer(order):
    """The Painty user behind a Polar order: the external id we set at
    checkout, else the checkout metadata copied onto the order, else a
    unique account with the customer's email."""
    User = get_user_model()
    candidates = [getattr(order.customer, "external_id", None), (order.metadata or {}).get("painty_user_id")]
    for candidate in candidates:
        if candidate is not None and str(candidate).isdigit():
            user = User.objects.filter(pk=int(candidate)).first()
            if user:
                return user
    email = getattr(order.customer, "email", None)
    if email:
        matches = list(User.objects.filter(email__iexact=email)[:2])
        if len(matches) == 1:
            return matches[0]
    return None


def reconcile(order) -> Result:
    """Bring the ledger in line with one Polar `Order` (the SDK's model)."""
    with transaction.atomic():
        PolarOrder.objects.get_or_create(polar_order_id=order.id)
        record = PolarOrder.objects.select_for_update().get(polar_order_id=order.id)
        if order.refunded_amount >= record.refunded_amount:  # a stale event must not undo "refunded"
            record.status = order.status
        record.currency = order.currency
        record.total_amount = order.total_amount
        record.polar_product_id = order.product_id or ""
        record.checkout_id = order.checkout_id or record.checkout_id
        record.customer_email = getattr(order.customer, "email", None) or record.customer_email
        result = _settle(record, order)
        if is_erased(record.user):  # a deleted account's orders keep no copy of its email (accounts.erasure)
            record.customer_email = ""
        record.save()
    return result


def _settle(record: PolarOrder, order) -> Result:
    # Refunds only grow; a stale event (e.g. order.paid after order.refunded)
    # must not undo a refund already seen.
    refunded = max(record.refunded_amount, order.refunded_amount)
    if not order.paid and not refunded:
        return Result(True, f"Order is {order.status}, not paid yet: nothing to credit.")

    record.pack = record.pack or CreditPack.objects.filter(polar_product_id=order.product_id).first()
    if record.pack is None:
        log.warning("Polar order %s is for unknown product %s", order.id, order.product_id)
        return Result(False, f"Unknown product {order.product_id}: add a credit pack for it, then process again.")
    record.user = record.user or find_buyer(order)
    if record.user is None:
        log.warning("Polar order %s: no Painty user for customer %s", order.id, record.customer_email)
        return Result(
            False,
            f"No Painty user for customer {record.customer_email or '?'} "
            f"(external id {getattr(order.customer, 'external_id', None)}): fix the account, then process again.",
        )

    if not record.credits:
        record.credits = record.pack.credits
    prefix = record.reference_prefix
    first_payment = not LedgerEntry.objects.filter(reference=prefix + "paid").exists()
    ledger.grant(
        record.user,
        record.credits,
        LedgerEntry.Kind.PURCHASE,
        reason=f"{record.pack.name} — Polar order {order.id}",
        reference=prefix + "paid",
    )
    if first_payment:  # a receipt per paid order, never again for its replays (the row lock serializes them)
        transaction.on_commit(partial(notifications.receipt, record.pk))
    owed_back = refund_share(record.credits, refunded, record.total_amount)
    if owed_back > record.credits_taken_back:
        # The balance may go negative: the API then answers 402 until topped up.
        ledger.grant(
            record.user,
            -(owed_back - record.credits_taken_back),
            LedgerEntry.Kind.CHARGEBACK,
            reason=f"Refund of {refunded / 100:.2f} {order.currency.upper()} on Polar order {order.id}",
            reference=f"{prefix}refund:{refunded}",
        )
        record.credits_taken_back = owed_back
    record.refunded_amount = refunded
    return Result(
        True,
        f"{record.credits} credit{'s' if record.credits != 1 else ''} for {record.user}; "
        f"{record.credits_taken_back} taken back for refunds.",
    )
