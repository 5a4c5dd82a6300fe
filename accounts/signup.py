"""Who gets the free sign-up credits, and when.

A web sign-up is free and anonymous, so its credits wait until the address is
verified (allauth's `email_confirmed`); otherwise one visitor could farm
PAINTY_SIGNUP_CREDITS from as many made-up addresses as the sign-up rate limit
allows. The grant's ledger reference is `signup:<user id>`, so it is booked at
most once per account: confirming again, or confirming a second address, books
nothing.

Accounts an operator creates (`manage.py create_api_key`, `rundemo`, the
admin's "add user", `create_user` in a shell or a test) are vouched for: their
email counts as verified and the credits are granted at once, as before.
Superusers are staff, not customers, and get no grant."""

from __future__ import annotations

from allauth.account.models import EmailAddress
from allauth.account.signals import email_confirmed
from django.conf import settings
from django.db.models.signals import post_save
from django.dispatch import receiver

from billing import ledger
from billing.models import LedgerEntry

# Set by accounts.adapter on users created by the public sign-up form, before
# their first save, so the post_save receiver below can tell them apart.
SELF_SIGNUP = "_painty_self_signup"


def grant_signup_credits(user) -> LedgerEntry | None:
    """Book the sign-up credits for `user`, at most once per account; never for superusers."""
    if user.is_superuser or settings.PAINTY_SIGNUP_CREDITS <= 0:
        return None
    return ledger.grant(
        user,
        settings.PAINTY_SIGNUP_CREDITS,
        LedgerEntry.Kind.SIGNUP,
        reason="Welcome credits",
        reference=f"signup:{user.pk}",
    )


def vouch_for_email(user) -> None:
    """Record an operator-created user's email as verified, so they can sign in while
    verification is mandatory. Skipped when another account already owns it verified."""
    email = (user.email or "").strip().lower()
    if not email or EmailAddress.objects.filter(email__iexact=email, verified=True).exists():
        return
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )


@receiver(post_save, sender=settings.AUTH_USER_MODEL)
def set_up_operator_created_account(sender, instance, created, raw=False, **kwargs):
    if not created or raw or getattr(instance, SELF_SIGNUP, False):
        return
    vouch_for_email(instance)
    grant_signup_credits(instance)


@receiver(email_confirmed)
def grant_credits_on_verified_email(sender, request, email_address, **kwargs):
    grant_signup_credits(email_address.user)
