from django.conf import settings
from django.db.models.signals import post_save
from django.dispatch import receiver

from . import ledger


@receiver(post_save, sender=settings.AUTH_USER_MODEL)
def open_credit_account(sender, instance, created, raw=False, **kwargs):
    """Every new account starts with a credit account row (at 0). Who gets the free
    sign-up credits, and when, is decided in accounts.signup."""
    if not created or raw:
        return
    ledger.account_for(instance)
