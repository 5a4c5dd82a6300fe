"""An account's data on request: everything Painty holds about a user as one JSON
document (`export`), and the account's deletion (`erase`), for the dashboard and the admin.

Erasure removes what is personal and keeps what accounting needs:
- first, every API key is revoked (requests get 401 from then on) and running jobs
  are failed and refunded, so nothing new is stored while the rest happens;
- then every stored original and result is deleted from the store, job by job as
  the retention sweep does. A store that refuses stops the erasure there, before
  anything else changes, so it can simply be run again (StoreRefused);
- then, in one transaction: the jobs lose their prompts, webhook URLs, edit plans
  and error messages; completion-webhook deliveries (their payloads repeat the
  job), stored idempotent replies and the webhook signing secret are deleted;
  keys lose their names, default webhooks and IP ranges; allauth's email
  addresses go, so the address can sign up afresh; the user row becomes
  `deleted-<id>` with an unusable password and no access, so signing in fails
  and every session of it ends.
- kept: the credit ledger and the Polar orders, for accounting. They point at the
  user's id, not the email; the copies of the email on orders, in ledger reasons
  and in the stored Polar webhook deliveries are removed.

A job still running elsewhere may store its result after its job was failed here;
that job keeps status `failed` with its expiry set to now, so the next
purge_expired run deletes whatever arrives late."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.apps import apps
from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from billing import ledger
from billing.models import CreditAccount, LedgerEntry, PolarOrder, WebhookEvent
from photos import lifecycle, retention, storage
from photos.models import Batch, IdempotencyRecord, Job, WebhookDelivery
from photos.serializers import job_detail

from .models import ApiKey, Profile, erased_email, is_erased

log = logging.getLogger(__name__)


class StoreRefused(Exception):
    """The file store refused to delete a file: the account is not erased yet (its keys are revoked)."""


@dataclass
class Erased:
    user_id: int
    keys_revoked: int
    jobs: int
    files_deleted: int


# --- Export ----------------------------------------------------------------------


def export(user, request=None) -> dict:
    """Everything held about `user`, as the JSON the dashboard's "Export my data" downloads.

    Key digests and the webhook signing secret are secrets, not data about the
    user, and are left out; job links are signed like the API's and expire with retention."""
    return {
        "exportedAt": timezone.now(),
        "account": {
            "id": user.pk,
            "email": user.email,
            "dateJoined": user.date_joined,
            "lastLogin": user.last_login,
            "credits": ledger.balance_of(user),
            "lowBalanceEmailBelow": ledger.account_for(user).low_balance_threshold,
            "emailAddresses": [
                {"email": address.email, "verified": address.verified, "primary": address.primary}
                for address in EmailAddress.objects.filter(user=user).order_by("id")
            ],
        },
        "apiKeys": [
            {
                "name": key.name,
                "key": key.masked,
                "testMode": key.test_mode,
                "createdAt": key.created_at,
                "lastUsedAt": key.last_used_at,
                "revokedAt": key.revoked_at,
                "expiresAt": key.expires_at,
                "monthlyCreditCap": key.monthly_credit_cap,
                "allowedIps": key.allowed_ips,
                "webhookUrl": key.webhook_url,
            }
            for key in ApiKey.objects.filter(user=user).order_by("id")
        ],
        "jobs": [job_detail(job, request) for job in Job.objects.filter(user=user).order_by("id")],
        "webhookDeliveries": [
            {
                "jobId": delivery.job_id,
                "batchId": delivery.batch_id,
                "event": delivery.event,
                "url": delivery.url,
                "status": delivery.status,
                "attempts": delivery.attempts,
                "lastStatusCode": delivery.last_status_code,
                "createdAt": delivery.created_at,
                "deliveredAt": delivery.delivered_at,
                "payload": delivery.payload,
            }
            for delivery in WebhookDelivery.objects.filter(user=user).order_by("id")
        ],
        "ledger": [
            {
                "createdAt": entry.created_at,
                "kind": entry.kind,
                "amount": entry.amount,
                "balanceAfter": entry.balance_after,
                "reason": entry.reason,
                "jobId": entry.job_id,
            }
            for entry in LedgerEntry.objects.filter(account__user=user).order_by("created_at", "id")
        ],
        "orders": [
            {
                "polarOrderId": order.polar_order_id,
                "pack": order.pack.name if order.pack else None,
                "status": order.status,
                "currency": order.currency,
                "totalAmount": order.total_amount,
                "refundedAmount": order.refunded_amount,
                "credits": order.credits,
                "creditsTakenBack": order.credits_taken_back,
                "customerEmail": order.customer_email,
                "createdAt": order.created_at,
            }
            for order in PolarOrder.objects.filter(user=user).select_related("pack").order_by("created_at", "id")
        ],
    }


# --- Erasure ---------------------------------------------------------------------


def erase(user, *, by=None) -> Erased:
    """Delete `user`'s account as the module docstring says; raises StoreRefused
    (with the keys revoked and nothing personal changed yet) when the store refuses a delete."""
    keys_revoked = _stop(user)
    files = _delete_files(user)
    jobs = _anonymise(user)
    log.info(
        "Account %s erased%s: %s keys revoked, %s files deleted, %s jobs anonymised",
        user.pk,
        f" by {by.pk}" if by is not None else "",
        keys_revoked,
        files,
        jobs,
    )
    return Erased(user.pk, keys_revoked, jobs, files)


def _stop(user) -> int:
    """Revoke every key and end running jobs, so nothing new is stored from here on."""
    with transaction.atomic():
        get_user_model().objects.select_for_update().filter(pk=user.pk).first()
        revoked = ApiKey.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=timezone.now())
        # No completion webhook goes out for the jobs failed below.
        Job.objects.filter(user=user).exclude(webhook_url="").update(webhook_url="")
    for job in Job.objects.filter(user=user, status__in=Job.OPEN):
        lifecycle.fail(job, "account_deleted", "The account was deleted while this job ran.")
    return revoked


def _delete_files(user) -> int:
    """Delete every stored file of every job now; raises StoreRefused if the store refuses one."""
    now = timezone.now()
    deleted = 0
    for job in Job.objects.filter(user=user).exclude(status=Job.Status.EXPIRED).order_by("id"):
        try:
            deleted += retention.delete_files(job)
        except storage.StorageUnavailable as exc:
            log.error("Erasing account %s: the store refused to delete the files of job %s: %s", user.pk, job.pk, exc)
            raise StoreRefused(str(exc)) from exc
        Job.objects.filter(pk=job.pk).update(expires_at=now)
        if job.error_code != "account_deleted":
            # A job failed just now may still have its result stored by its runner:
            # left `failed` and due, the next purge_expired run deletes that too.
            lifecycle.expire(job)
    return deleted


def _anonymise(user) -> int:
    email = user.email
    with transaction.atomic():
        jobs = Job.objects.filter(user=user).update(prompt="", webhook_url="", edits=[], notes=[], error_message="")
        Batch.objects.filter(user=user).update(prompt="", webhook_url="", rejected=[])
        WebhookDelivery.objects.filter(user=user).delete()
        IdempotencyRecord.objects.filter(user=user).delete()
        Profile.objects.filter(user=user).delete()
        ApiKey.objects.filter(user=user).update(name="Deleted key", webhook_url="", allowed_ips="", derivation_salt="")
        EmailAddress.objects.filter(user=user).delete()
        if apps.is_installed("allauth.socialaccount"):
            apps.get_model("socialaccount", "SocialAccount").objects.filter(user=user).delete()
        if apps.is_installed("allauth.mfa"):  # the authenticator secret and recovery codes
            apps.get_model("mfa", "Authenticator").objects.filter(user=user).delete()
        CreditAccount.objects.filter(user=user).update(low_balance_threshold=None, low_balance_alerted=False)
        _anonymise_billing(user, email)
        _anonymise_user(user)
    return jobs


def _anonymise_billing(user, email: str) -> None:
    """Orders and ledger entries stay (accounting); the copies of the email in them go."""
    order_ids = list(PolarOrder.objects.filter(user=user).values_list("polar_order_id", flat=True))
    PolarOrder.objects.filter(user=user).update(customer_email="")
    if not email or is_erased(user):
        return
    placeholder = erased_email(user.pk)

    def scrub(text: str) -> str:
        return re.sub(re.escape(email), placeholder, text, flags=re.IGNORECASE)

    for entry in LedgerEntry.objects.filter(account__user=user, reason__icontains=email):
        LedgerEntry.objects.filter(pk=entry.pk).update(reason=scrub(entry.reason))
    # The stored Polar deliveries of these orders carry the buyer's name, email and
    # address. Their orders are settled; without the body they can no longer be
    # processed again, which is what the admin says for such events.
    events = WebhookEvent.objects.filter(Q(polar_order_id__in=order_ids) | Q(body__icontains=email))
    for event in events:
        event.payload = {"type": event.event_type, "erased": "personal data removed with the account"}
        event.body = event.webhook_signature = event.webhook_timestamp = ""
        event.detail = scrub(event.detail)
        event.save(update_fields=["payload", "body", "webhook_signature", "webhook_timestamp", "detail"])


def _anonymise_user(user) -> None:
    placeholder = erased_email(user.pk)
    user_type = ContentType.objects.get_for_model(get_user_model())
    LogEntry.objects.filter(content_type=user_type, object_id=str(user.pk)).update(
        object_repr=placeholder
    )
    user.username = placeholder.split("@")[0]
    user.email = placeholder
    user.first_name = user.last_name = ""
    user.set_unusable_password()  # also ends every session: their auth hash no longer matches
    user.is_active = user.is_staff = user.is_superuser = False
    user.last_login = None
    user.save()
    user.groups.clear()
    user.user_permissions.clear()
