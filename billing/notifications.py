"""Billing's emails to the account owner: a receipt for each paid order, and the
low-balance warning at the threshold the owner chose. Both are sent after the
transaction that earned them commits (a rolled-back order sends nothing), and a
mail server that fails only logs (painty.mail.send)."""

from __future__ import annotations

from django.contrib.auth import get_user_model

from painty import mail


def low_balance(user_id: int, balance: int, threshold: int) -> bool:
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        return False
    current = mail.site()
    return mail.send(
        "billing/email/low_balance",
        user.email,
        {"user": user, "balance": balance, "threshold": threshold, "billing_url": current.link("/billing/")},
    )


def receipt(order_pk: int) -> bool:
    """The receipt for a paid order, to the account it credited."""
    from .models import LedgerEntry, PolarOrder

    order = PolarOrder.objects.select_related("user", "pack").filter(pk=order_pk).first()
    if order is None or order.user is None or not order.user.is_active:
        return False
    paid = LedgerEntry.objects.filter(reference=order.reference_prefix + "paid").first()
    current = mail.site()
    return mail.send(
        "billing/email/receipt",
        order.user.email,
        {
            "user": order.user,
            "order": order,
            "pack_name": order.pack.name if order.pack else "Credits",
            "credits": order.credits,
            "amount": f"{order.total_amount / 100:,.2f} {order.currency.upper()}",
            "paid_at": paid.created_at if paid else order.updated_at,
            "balance_after": paid.balance_after if paid else None,
            "billing_url": current.link("/billing/"),
        },
    )
