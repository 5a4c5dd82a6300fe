"""Completion webhooks: when a job ends, POST its body to the caller's URL.

Deliveries are signed with the Standard Webhooks scheme (`webhook-id`,
`webhook-timestamp`, `webhook-signature`) using the account's secret, retried
with backoff (PAINTY_WEBHOOK_RETRIES), and each one is logged and can be sent
again from the dashboard. URLs are checked and called through photos.outbound
(https, public addresses only, connected to the address that was checked) —
when the URL is given and again before every attempt (DNS can change)."""

from __future__ import annotations

import json
import logging
import threading
import uuid
from datetime import timedelta

from django.conf import settings
from django.db import close_old_connections
from django.utils import timezone
from standardwebhooks import Webhook

from painty.errors import DomainError

from . import outbound
from .models import Job, WebhookDelivery
from .runners import uses_celery
from .serializers import job_detail

log = logging.getLogger(__name__)


def validate_url(url: str) -> str:
    """The `webhook_url` form field: '' or a URL Painty may call (else 400)."""
    url = (url or "").strip()
    if not url:
        return ""
    if len(url) > 500:
        raise DomainError("invalid_webhook_url", "webhook_url is longer than 500 characters.", "webhook_url")
    try:
        outbound.check_url(url)
        return url
    except outbound.UnsafeURL as exc:
        raise DomainError("invalid_webhook_url", f"webhook_url {exc}.", "webhook_url") from None


def on_job_finished(sender, job: Job, **kwargs) -> None:
    """`job_finished` receiver: queue the completion webhook of a job that has a URL."""
    if job.webhook_url:
        job_finished(job.pk)


def job_finished(job_id: int) -> None:
    """Create the delivery for a job that just succeeded or failed, and attempt it."""
    job = Job.objects.select_related("user").get(pk=job_id)
    event = f"job.{job.status}"
    delivery = WebhookDelivery.objects.create(
        job=job,
        user=job.user,
        url=job.webhook_url,
        event=event,
        message_id=f"msg_{uuid.uuid4().hex}",
        payload={"type": event, "timestamp": timezone.now().isoformat(), "data": job_detail(job)},
        next_attempt_at=timezone.now(),
    )
    schedule(delivery.pk, 0)


def schedule(delivery_id: int, delay: float) -> None:
    """Attempt a delivery after `delay` seconds: on a Celery worker when there is
    one, else on a timer thread in this process (`retry_due` catches up after a restart)."""
    if uses_celery():
        from painty.celery import task

        task("photos.deliver_webhook").apply_async((delivery_id,), countdown=delay)
        return
    timer = threading.Timer(delay, _attempt_in_thread, args=(delivery_id,))
    timer.daemon = True
    timer.start()


def _attempt_in_thread(delivery_id: int) -> None:
    try:
        attempt(delivery_id)
    finally:
        close_old_connections()


def sign(secret: str, message_id: str, body: str) -> dict:
    timestamp = timezone.now()
    return {
        "webhook-id": message_id,
        "webhook-timestamp": str(int(timestamp.timestamp())),
        "webhook-signature": Webhook(secret).sign(message_id, timestamp, body),
        "Content-Type": "application/json",
        "User-Agent": "Painty-Webhooks/1",
    }


def attempt(delivery_id: int) -> WebhookDelivery:
    """One delivery attempt; schedules the next one on failure."""
    from accounts.models import Profile

    delivery = WebhookDelivery.objects.select_related("user").get(pk=delivery_id)
    if delivery.status != WebhookDelivery.Status.PENDING:
        return delivery
    body = json.dumps(delivery.payload, separators=(",", ":"))
    headers = sign(Profile.of(delivery.user).webhook_secret, delivery.message_id, body)
    code, error = None, ""
    try:
        response = outbound.post(delivery.url, body.encode(), headers, timeout=settings.PAINTY_WEBHOOK_TIMEOUT)
        code = response.status
        if not 200 <= code < 300:
            error = f"HTTP {code}"
    except outbound.UnsafeURL as exc:
        error = f"refused: URL {exc}"[:300]
    except outbound.OutboundError as exc:
        error = str(exc)[:300]
    return record(delivery, code, error)


def record(delivery: WebhookDelivery, code: int | None, error: str) -> WebhookDelivery:
    delivery.attempts += 1
    delivery.last_status_code = code
    delivery.last_error = error
    retries = settings.PAINTY_WEBHOOK_RETRIES
    delay = None
    if not error:
        delivery.status = WebhookDelivery.Status.DELIVERED
        delivery.delivered_at = timezone.now()
        delivery.next_attempt_at = None
    elif delivery.attempts > len(retries) or error.startswith("refused"):
        delivery.status = WebhookDelivery.Status.FAILED
        delivery.next_attempt_at = None
        log.warning("Webhook %s for %s gave up: %s", delivery.message_id,
                    f"batch {delivery.batch_id}" if delivery.batch_id else f"job {delivery.job_id}", error)
    else:
        delay = retries[delivery.attempts - 1]
        delivery.next_attempt_at = timezone.now() + timedelta(seconds=delay)
    delivery.save()
    if delay is not None:
        schedule(delivery.pk, delay)
    return delivery


def resend(delivery: WebhookDelivery) -> WebhookDelivery:
    """The dashboard's "Resend": the same event (same webhook-id) as a fresh delivery run."""
    WebhookDelivery.objects.filter(pk=delivery.pk).update(
        status=WebhookDelivery.Status.PENDING, attempts=0, next_attempt_at=timezone.now(), last_error=""
    )
    schedule(delivery.pk, 0)
    return delivery


def retry_due(now=None) -> int:
    """Attempt pending deliveries whose time has come (after a restart lost their timers)."""
    now = now or timezone.now()
    due = WebhookDelivery.objects.filter(
        status=WebhookDelivery.Status.PENDING, next_attempt_at__lte=now - timedelta(seconds=60)
    )
    count = 0
    for delivery_id in due.values_list("pk", flat=True):
        attempt(delivery_id)
        count += 1
    return count
