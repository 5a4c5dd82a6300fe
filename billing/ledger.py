"""The one place that moves credits.

Every change is a `LedgerEntry` plus an update of the cached balance, in one
transaction. Debits use a conditional UPDATE (`balance >= cost`), so two
concurrent requests can never both spend the last credit."""

from __future__ import annotations

from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.utils import timezone

from .models import CreditAccount, LedgerEntry


class InsufficientCredits(Exception):
    def __init__(self, balance: int, needed: int):
        super().__init__(f"Balance {balance} is below the {needed} credits needed.")
        self.balance = balance
        self.needed = needed


def account_for(user) -> CreditAccount:
    account, _ = CreditAccount.objects.get_or_create(user=user)
    return account


def balance_of(user) -> int:
    return CreditAccount.objects.filter(user=user).values_list("balance", flat=True).first() or 0


def _book(account_id: int, amount: int, kind: str, *, reason="", job=None, reference=None, created_by=None):
    CreditAccount.objects.filter(pk=account_id).update(balance=F("balance") + amount)
    balance = CreditAccount.objects.values_list("balance", flat=True).get(pk=account_id)
    return LedgerEntry.objects.create(
        account_id=account_id,
        amount=amount,
        balance_after=balance,
        kind=kind,
        reason=reason[:500],
        job=job,
        reference=reference,
        created_by=created_by,
    )


def _already_booked(reference: str | None) -> LedgerEntry | None:
    if reference is None:
        return None
    return LedgerEntry.objects.filter(reference=reference).first()


def grant(user, amount: int, kind: str, *, reason="", reference=None, created_by=None, job=None) -> LedgerEntry:
    """Add (or, with a negative amount, take) credits unconditionally.

    With a `reference`, booking the same reference again returns the first
    entry instead of a second one (exactly-once for webhooks and refunds)."""
    account = account_for(user)
    try:
        with transaction.atomic():
            existing = _already_booked(reference)
            if existing:
                return existing
            return _book(
                account.pk, amount, kind, reason=reason, job=job, reference=reference, created_by=created_by
            )
    except IntegrityError:
        # A concurrent transaction booked the same reference first.
        existing = _already_booked(reference)
        if existing:
            return existing
        raise


def _take(user_id: int, amount: int) -> tuple[int, int] | None:
    """UPDATE … WHERE balance >= amount RETURNING: (account id, new balance), or None.

    One statement checks, takes and reads back (SQLite ≥ 3.35 and PostgreSQL
    both have RETURNING), so the debit costs one round trip and no race window."""
    table = connection.ops.quote_name(CreditAccount._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET balance = balance - %s, updated_at = %s "
            f"WHERE user_id = %s AND balance >= %s RETURNING id, balance",
            [amount, timezone.now(), user_id, amount],
        )
        return cursor.fetchone()


def debit(user, amount: int, *, job=None, reason="") -> LedgerEntry:
    """Take `amount` credits or raise InsufficientCredits; never overdraws."""
    with transaction.atomic():
        taken = _take(user.pk, amount)
        if taken is None:
            account_for(user)  # a user from before the ledger existed has no account row yet
            raise InsufficientCredits(balance_of(user), amount)
        account_id, balance = taken
        return LedgerEntry.objects.create(
            account_id=account_id,
            amount=-amount,
            balance_after=balance,
            kind=LedgerEntry.Kind.JOB,
            reason=reason[:500],
            job=job,
            reference=f"job:{job.pk}:debit" if job else None,
        )


def refund_job(job, reason: str) -> LedgerEntry | None:
    """Give back what `job` was charged, at most once."""
    if not job.cost:
        return None
    return grant(
        job.user, job.cost, LedgerEntry.Kind.REFUND, reason=reason, job=job, reference=f"job:{job.pk}:refund"
    )
