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
    # The owner's low-balance email (billing.notifications): sent once when a debit leaves the
    # balance below the threshold, and armed again only by credits coming in (not by refunds,
    # which would otherwise repeat it after every failed job near the line).
    low_balance_threshold = models.PositiveIntegerField(
        null=True, blank=True, help_text="Email the owner when the balance falls below this; empty: never."
    )
    low_balance_alerted = models.BooleanField(default=False, help_text="The email went out and is not re-armed yet.")

    def __str__(self):
        # Not the balance: this label sits next to ledger rows' "balance after" in the admin.
        return f"Credit account of {self.user}"

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

    @property
    def details(self) -> str:
        """The history page's "Details": the job, then the reason unless it only names that job again."""
        parts = [f"Job #{self.job_id}"] if self.job_id else []
        if self.reason and self.reason not in (f"Job {self.job_id}", f"Job #{self.job_id}"):
            parts.append(self.reason)
        return " · ".join(parts)


class CreditPack(models.Model):
    """A Polar product sold as a bundle of credits; one admin row per pack."""

    name = models.CharField(max_length=100)
    polar_product_id = models.CharField(max_length=100, unique=True, help_text="The product's ID in Polar.")
    credits = models.PositiveIntegerField()
    price_cents = models.PositiveIntegerField(help_text="Shown on the pricing page; Polar charges its own price.")
    currency = models.CharField(max_length=3, default="usd")
    active = models.BooleanField(default=True, help_text="Inactive packs are hidden but their orders still count.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["price_cents", "credits"]

    def __str__(self):
        return f"{self.name} ({self.credits} credit{'s' if self.credits != 1 else ''})"

    @property
    def price(self) -> str:
        return f"{self.price_cents / 100:,.2f} {self.currency.upper()}"

    @property
    def cents_per_credit(self) -> float:
        return self.price_cents / self.credits if self.credits else 0

    @property
    def price_per_credit(self) -> str:
        """"0.10 USD", "0.035 USD": two decimals, a third only when it says something."""
        amount = self.cents_per_credit / 100
        text = f"{amount:,.3f}"
        return f"{text[:-1] if text.endswith('0') else text} {self.currency.upper()}"


class PolarOrder(models.Model):
    """What Painty knows of one Polar order, and the credits it moved.

    `credits` is fixed when the order is first credited, so a later refund is
    taken back in proportion to what was actually granted, even if the pack
    changed since."""

    polar_order_id = models.CharField(max_length=100, unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="polar_orders"
    )
    pack = models.ForeignKey(CreditPack, null=True, blank=True, on_delete=models.SET_NULL, related_name="orders")
    polar_product_id = models.CharField(max_length=100, blank=True)
    checkout_id = models.CharField(max_length=100, blank=True, db_index=True)
    customer_email = models.CharField(max_length=254, blank=True)
    status = models.CharField(max_length=32, blank=True)
    currency = models.CharField(max_length=3, blank=True)
    total_amount = models.IntegerField(default=0)
    refunded_amount = models.IntegerField(default=0, help_text="The largest cumulative refund seen, in cents.")
    credits = models.IntegerField(default=0, help_text="Credits granted for this order (0 until paid).")
    credits_taken_back = models.IntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"Polar order {self.polar_order_id}"

    @property
    def reference_prefix(self) -> str:
        return f"polar-order:{self.polar_order_id}:"

    def ledger_entries(self):
        return LedgerEntry.objects.filter(reference__startswith=self.reference_prefix).order_by("created_at", "id")


class WebhookEvent(models.Model):
    """Every verified delivery from Polar, kept for audit and follow-up.

    The signed bytes and the Standard Webhooks headers are kept with it, so
    "Process again" can check the HMAC once more and act on those bytes only:
    `payload` is their parsed copy, for reading, and is never acted on. A row
    without them (from before they were kept) cannot be processed again."""

    class Outcome(models.TextChoices):
        PROCESSED = "processed", "Processed"
        IGNORED = "ignored", "Ignored (event type not used)"
        UNRESOLVED = "unresolved", "Needs attention"
        FAILED = "failed", "Failed (Polar will retry)"

    webhook_id = models.CharField(max_length=200, unique=True)
    event_type = models.CharField(max_length=64, db_index=True)
    payload = models.JSONField()
    body = models.TextField(blank=True, help_text="The delivery's signed body, exactly as received (UTF-8 JSON).")
    webhook_timestamp = models.CharField(max_length=32, blank=True)
    webhook_signature = models.TextField(blank=True)
    outcome = models.CharField(max_length=16, choices=Outcome.choices, db_index=True)
    detail = models.CharField(max_length=500, blank=True)
    polar_order_id = models.CharField(max_length=100, blank=True, db_index=True)
    deliveries = models.PositiveIntegerField(default=1, help_text="How often Polar sent this webhook id.")
    received_at = models.DateTimeField(auto_now_add=True, db_index=True)
    processed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-received_at", "-id"]

    def __str__(self):
        return f"{self.event_type} {self.webhook_id}"

    @property
    def needs_attention(self) -> bool:
        return self.outcome in (self.Outcome.UNRESOLVED, self.Outcome.FAILED)
