"""The one place that moves credits.

Every change is a `LedgerEntry` plus an update of the cached balance, in one
transaction. Debits use a conditional UPDATE (`balance >= cost`), so two
concurrent requests can never both spend the last credit. A movement that takes
the balance below the owner's low-balance threshold queues that email for after
the commit (billing.notifications)."""

from __future__ import annotations

from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from painty import prepared

from . import notifications

from .models import CreditAccount, LedgerEntry


class InsufficientCredits(Exception):
    def __init__(self, balance: int, needed: int):
        super().__init__(f"Balance {balance} is below the {needed} credit{'s' if needed != 1 else ''} needed.")
        self.balance = balance
        self.needed = needed


def account_for(user) -> CreditAccount:
    account, _ = CreditAccount.objects.get_or_create(user=user)
    return account


def balance_of(user) -> int:
    """The cached balance. One plain SELECT: every API answer reads it (X-Credits-Remaining),
    and the ORM's query building costs ten times the query here."""
    table = connection.ops.quote_name(CreditAccount._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT balance FROM {table} WHERE user_id = %s", [user.pk])
        row = cursor.fetchone()
    return row[0] if row else 0


def _book(user_id: int, amount: int, kind: str, *, floor: int | None = None, reason="", **fields):
    """Move the cached balance by `amount` and append the entry that explains it.

    One `UPDATE … RETURNING` changes and reads back the balance (SQLite ≥ 3.35
    and PostgreSQL both have it). With `floor`, the update only happens if the
    new balance stays at or above it — the check and the take are one statement,
    so concurrent debits can never overdraw. Returns None when the floor refused."""
    table = connection.ops.quote_name(CreditAccount._meta.db_table)
    condition = "" if floor is None else " AND balance + %s >= %s"
    params = [amount, timezone.now(), user_id] + ([] if floor is None else [amount, floor])
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET balance = balance + %s, updated_at = %s WHERE user_id = %s{condition} "
            "RETURNING id, balance, low_balance_threshold, low_balance_alerted",
            params,
        )
        moved = cursor.fetchone()
    if moved is None:
        return None
    account_id, balance, threshold, alerted = moved
    entry = prepared.insert(LedgerEntry(
        account_id=account_id, amount=amount, balance_after=balance, kind=kind, reason=reason[:500], **fields
    ))
    if threshold is not None:
        _watch_low_balance(user_id, account_id, amount, kind, balance, threshold, bool(alerted))
    return entry


def _watch_low_balance(user_id, account_id, amount, kind, balance, threshold, alerted) -> None:
    """Queue the low-balance email when a movement leaves the balance below the threshold (once:
    the flag is claimed with a conditional UPDATE, so two concurrent debits send one email), and
    re-arm it when credits come in. A refund does not re-arm it: it only gives back a debit."""
    if amount < 0 and balance < threshold and not alerted:
        claimed = CreditAccount.objects.filter(pk=account_id, low_balance_alerted=False).update(
            low_balance_alerted=True
        )
        if claimed:
            transaction.on_commit(lambda: notifications.low_balance(user_id, balance, threshold))
    elif amount > 0 and kind != LedgerEntry.Kind.REFUND and balance >= threshold and alerted:
        CreditAccount.objects.filter(pk=account_id).update(low_balance_alerted=False)


def _already_booked(reference: str | None) -> LedgerEntry | None:
    if reference is None:
        return None
    return LedgerEntry.objects.filter(reference=reference).first()


def grant(user, amount: int, kind: str, *, reason="", reference=None, created_by=None, job=None) -> LedgerEntry:
    """Add (or, with a negative amount, take) credits unconditionally.

    With a `reference`, booking the same reference again returns the first
    entry instead of a second one (exactly-once for webhooks and refunds)."""
    account_for(user)
    try:
        with transaction.atomic():
            existing = _already_booked(reference)
            if existing:
                return existing
            return _book(user.pk, amount, kind, reason=reason, job=job, reference=reference, created_by=created_by)
    except IntegrityError:
        # A concurrent transaction booked the same reference first.
        existing = _already_booked(reference)
        if existing:
            return existing
        raise


def debit(user, amount: int, *, job=None, reason="") -> LedgerEntry:
    """Take `amount` credits or raise InsufficientCredits; never overdraws.

    No savepoint inside a caller's transaction (its one caller, photos.services.accept,
    rolls the whole job back on any error): two statements fewer while SQLite's one write
    lock is held, which is what a burst of accepted requests queues for."""
    with transaction.atomic(savepoint=False):
        entry = _book(
            user.pk,
            -amount,
            LedgerEntry.Kind.JOB,
            floor=0,
            reason=reason,
            job=job,
            reference=f"job:{job.pk}:debit" if job else None,
        )
    if entry is None:
        account_for(user)  # a user from before the ledger existed has no account row yet
        raise InsufficientCredits(balance_of(user), amount)
    return entry


def refund_job(job, reason: str) -> LedgerEntry | None:
    """Give back what `job` was charged, at most once."""
    if not job.cost:
        return None
    return grant(
        job.user, job.cost, LedgerEntry.Kind.REFUND, reason=reason, job=job, reference=f"job:{job.pk}:refund"
    )
