from django.conf import settings
from django.db.models.signals import post_save
from django.dispatch import receiver

from . import ledger
from .models import LedgerEntry


@receiver(post_save, sender=settings.AUTH_USER_MODEL)
def give_signup_credits(sender, instance, created, raw=False, **kwargs):
    """Every new account starts with PAINTY_SIGNUP_CREDITS free credits."""
    if not created or raw:
        return
    ledger.account_for(instance)
    if settings.PAINTY_SIGNUP_CREDITS > 0:
        ledger.grant(
            instance,
            settings.PAINTY_SIGNUP_CREDITS,
            LedgerEntry.Kind.SIGNUP,
            reason="Welcome credits",
            reference=f"signup:{instance.pk}",
        )
