"""The credit ledger: an append-only list of entries whose sum is the balance.

The balance is cached on `CreditAccount.balance` and only ever changed by
`billing.ledger`, in the same transaction as the entry that explains it."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Sum


class CreditAccount(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="credits")
    balance = models.IntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"{self.user} — {self.balance} credits"

    def ledger_sum(self) -> int:
        return self.entries.aggregate(total=Sum("amount"))["total"] or 0


class LedgerEntry(models.Model):
    class Kind(models.TextChoices):
        SIGNUP = "signup", "Sign-up grant"
        PURCHASE = "purchase", "Purchase"
        ADMIN = "admin", "Admin adjustment"
        JOB = "job", "Job debit"
        REFUND = "refund", "Job refund"
        CHARGEBACK = "chargeback", "Order refund"

    account = models.ForeignKey(CreditAccount, on_delete=models.PROTECT, related_name="entries")
    amount = models.IntegerField(help_text="Positive adds credits, negative takes them.")
    balance_after = models.IntegerField()
    kind = models.CharField(max_length=16, choices=Kind.choices)
    reason = models.CharField(max_length=500, blank=True)
    job = models.ForeignKey("photos.Job", null=True, blank=True, on_delete=models.SET_NULL, related_name="ledger")
    # Makes a movement idempotent: the same reference is never booked twice
    # ("job:42:debit", "job:42:refund", "polar-order:…").
    reference = models.CharField(max_length=200, null=True, blank=True, unique=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name_plural = "ledger entries"

    def __str__(self):
        return f"{self.amount:+d} {self.get_kind_display()} ({self.account.user})"
