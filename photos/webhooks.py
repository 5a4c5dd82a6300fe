"""Completion webhooks: when a job ends, POST its body to the caller's URL.

Deliveries are signed with the Standard Webhooks scheme (`webhook-id`,
`webhook-timestamp`, `webhook-signature`) using the account's secret, retried
with backoff (PAINTY_WEBHOOK_RETRIES), and each one is logged and can be sent
again from the dashboard. URLs must be https (plain http only to loopback when
DEBUG) and may not point at private, loopback or link-local addresses — checked
when the URL is given and again before every attempt (DNS can change)."""

from __future__ import annotations

import ipaddress
import json
import logging
import socket
import threading
import uuid
from datetime import timedelta
from urllib.parse import urlsplit

import requests
from django.conf import settings
from django.db import close_old_connections
from django.utils import timezone
from standardwebhooks import Webhook

from painty.errors import ApiError

from .models import Job, WebhookDelivery
from .runners import uses_celery
from .serializers import job_detail

log = logging.getLogger(__name__)


class UnsafeUrl(ValueError):
    pass


def check_url(url: str) -> str:
    """Return `url` if Painty may call it, else raise UnsafeUrl saying why."""
    parts = urlsplit(url)
    host = parts.hostname
    if parts.scheme not in ("https", "http") or not host:
        raise UnsafeUrl("must be an absolute https:// URL")
    try:
        infos = socket.getaddrinfo(host, parts.port or (443 if parts.scheme == "https" else 80), type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        raise UnsafeUrl(f"the host {host!r} does not resolve") from None
    addresses = {ipaddress.ip_address(info[4][0].split("%")[0]) for info in infos}
    loopback_dev = settings.DEBUG and all(address.is_loopback for address in addresses)
    if parts.scheme == "http" and not loopback_dev:
        raise UnsafeUrl("must use https (plain http is only allowed to localhost in development)")
    if loopback_dev:
        return url
    for address in addresses:
        if address.version == 6 and address.ipv4_mapped:
            address = address.ipv4_mapped
        if not address.is_global or address.is_multicast:
            raise UnsafeUrl(f"{host} resolves to a private or reserved address ({address})")
    return url


def validate_url(url: str) -> str:
    """The `webhook_url` form field: '' or a URL Painty may call (else 400)."""
    url = (url or "").strip()
    if not url:
        return ""
    if len(url) > 500:
        raise ApiError(400, "invalid_webhook_url", "webhook_url is longer than 500 characters.", "webhook_url")
    try:
        return check_url(url)
    except UnsafeUrl as exc:
        raise ApiError(400, "invalid_webhook_url", f"webhook_url {exc}.", "webhook_url") from None


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
        from .tasks import deliver_webhook

        deliver_webhook.apply_async((delivery_id,), countdown=delay)
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
        check_url(delivery.url)
        response = requests.post(
            delivery.url, data=body.encode(), headers=headers, timeout=settings.PAINTY_WEBHOOK_TIMEOUT,
            allow_redirects=False,
        )
        code = response.status_code
        if not 200 <= code < 300:
            error = f"HTTP {code}"
    except UnsafeUrl as exc:
        error = f"refused: URL {exc}"
    except requests.RequestException as exc:
        error = f"{exc.__class__.__name__}: {exc}"[:300]
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
        log.warning("Webhook %s for job %s gave up: %s", delivery.message_id, delivery.job_id, error)
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
