"""Completion webhooks: signed, retried with backoff, logged, re-sendable, and never aimed inward."""

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from standardwebhooks import Webhook

from accounts.models import ApiKey, Profile
from photos import outbound, webhooks
from photos.models import Job, WebhookDelivery
from tests import images
from tests.outbound_fakes import PUBLIC_IP, FakeDns, Listener, LoopbackOnly


class Receiver:
    """A webhook endpoint on loopback that answers with the statuses it is given."""

    def __init__(self, statuses=(200,)):
        self.statuses = list(statuses)
        self.calls = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                outer.calls.append((dict(self.headers), body))
                status = outer.statuses.pop(0) if len(outer.statuses) > 1 else outer.statuses[0]
                self.send_response(status)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_port}/hooks/painty"

    def wait_for(self, count, timeout=10):
        deadline = time.monotonic() + timeout
        while len(self.calls) < count and time.monotonic() < deadline:
            time.sleep(0.02)
        return self.calls


@pytest.fixture
def receiver(settings):
    settings.PAINTY_OUTBOUND_ALLOW_LOOPBACK = True  # what DEBUG gives a developer: a receiver on loopback
    settings.PAINTY_WEBHOOK_RETRIES = [0.05, 0.05, 0.05]
    server = Receiver()
    yield server
    server.server.shutdown()


def send(client, auth, **fields):
    data = {"prompt": "brighten", "image": SimpleUploadedFile("p.jpg", images.jpeg()), **fields}
    return client.post("/api/v1/photo", data, **auth)


def wait_status(delivery_filter, status, timeout=10):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        delivery = WebhookDelivery.objects.filter(**delivery_filter).first()
        if delivery and delivery.status == status:
            return delivery
        time.sleep(0.05)
    raise AssertionError(f"no delivery reached {status}")


def test_a_finished_job_is_posted_signed_to_the_webhook_url(transactional_db, client, user, auth, receiver):
    response = send(client, auth, webhook_url=receiver.url)
    assert response.status_code == 200
    headers, body = receiver.wait_for(1)[0]
    payload = Webhook(Profile.of(user).webhook_secret).verify(body, {k.lower(): v for k, v in headers.items()})
    assert payload["type"] == "job.succeeded"
    assert payload["data"]["jobId"] == response.json()["data"]["jobId"]
    assert payload["data"]["resultUrls"]
    delivery = wait_status({"job_id": payload["data"]["jobId"]}, "delivered")
    assert delivery.attempts == 1 and delivery.last_status_code == 200


def test_a_failed_job_is_reported_too(transactional_db, client, auth, receiver, settings):
    settings.PAINTY_JOB_TIMEOUT = 0.2
    settings.PAINTY_ECHO_DELAY = 1
    assert send(client, auth, webhook_url=receiver.url).status_code == 504
    payload = json.loads(receiver.wait_for(1)[0][1])
    assert payload["type"] == "job.failed"
    assert payload["data"]["error"]["code"] == "timeout"


def test_failed_deliveries_are_retried_with_backoff_then_succeed(transactional_db, client, auth, receiver):
    receiver.statuses = [500, 503, 200]
    send(client, auth, webhook_url=receiver.url)
    calls = receiver.wait_for(3)
    assert len(calls) == 3
    assert len({headers["webhook-id"] for headers, _ in calls}) == 1  # the same message, retried
    delivery = wait_status({}, "delivered")
    assert delivery.attempts == 3


def test_a_delivery_gives_up_after_the_last_retry_and_can_be_resent(transactional_db, client, user, auth, receiver):
    receiver.statuses = [500]
    send(client, auth, webhook_url=receiver.url)
    delivery = wait_status({}, "failed")
    assert delivery.attempts == 4
    receiver.statuses = [200]
    client.force_login(user)
    page = client.get("/dashboard/webhooks").content.decode()
    assert "failed" in page and Profile.of(user).webhook_secret in page
    client.post(f"/dashboard/webhooks/{delivery.pk}/resend")
    assert wait_status({"pk": delivery.pk}, "delivered").attempts == 1


def test_the_key_default_url_is_used(transactional_db, client, user, auth, receiver):
    ApiKey.objects.filter(user=user).update(webhook_url=receiver.url)
    send(client, auth)
    assert receiver.wait_for(1)


@pytest.mark.parametrize(
    "url",
    [
        "http://example.com/hook",  # plain http outside development
        "https://127.0.0.1/hook",
        "https://10.1.2.3/hook",
        "https://169.254.169.254/latest/meta-data",
        "https://[::1]/hook",
        "https://[::ffff:192.168.0.1]/hook",
        "https://[::127.0.0.1]/hook",
        "https://[64:ff9b::a9fe:a9fe]/latest/meta-data",
        "https://[2002:7f00:1::]/hook",
        "https://2130706433/hook",
        "ftp://example.com/hook",
        "not a url",
    ],
)
def test_unsafe_webhook_urls_are_refused_before_charging(client, user, auth, url, settings):
    settings.PAINTY_OUTBOUND_ALLOW_LOOPBACK = False
    response = send(client, auth, webhook_url=url)
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_webhook_url"
    assert response.json()["error"]["param"] == "webhook_url"
    assert not Job.objects.exists()


def test_delivery_rechecks_the_url(transactional_db, user, settings, monkeypatch):
    """A name that resolved publicly at submit time but points inward later is not called."""
    from billing import ledger  # noqa: F401  (user fixture already has credits)

    settings.PAINTY_WEBHOOK_RETRIES = []
    job = Job.objects.create(
        user=user, prompt="x", engine="echo", token="t" * 32, input_format="JPEG",
        expires_at=Job.retention_deadline(), webhook_url="https://hooks.example.com/x",
        status=Job.Status.SUCCEEDED,
    )
    delivery = WebhookDelivery.objects.create(
        job=job, user=user, url=job.webhook_url, event="job.succeeded", message_id="msg_1", payload={}
    )
    monkeypatch.setattr(
        outbound.socket, "getaddrinfo", lambda *a, **k: [(2, 1, 6, "", ("10.0.0.5", 443))]
    )
    webhooks.attempt(delivery.pk)
    delivery.refresh_from_db()
    assert delivery.status == "failed" and delivery.last_error.startswith("refused")


def test_a_refusal_naming_a_long_host_fits_the_error_column(db, user, settings, monkeypatch):
    """A 253-character name (the most DNS allows) that resolved at submit time and no
    longer does: the refusal quotes the name, and what is kept must fit last_error."""
    settings.PAINTY_WEBHOOK_RETRIES = []
    host = ".".join(["a" * 63, "b" * 63, "c" * 63, "d" * 53]) + ".example"
    assert len(host) == 253
    url = f"https://{host}/x"
    job = Job.objects.create(
        user=user, prompt="x", engine="echo", token="l" * 32, input_format="JPEG",
        expires_at=Job.retention_deadline(), webhook_url=url, status=Job.Status.SUCCEEDED,
    )
    delivery = WebhookDelivery.objects.create(
        job=job, user=user, url=url, event="job.succeeded", message_id="msg_long", payload={}
    )
    FakeDns(monkeypatch)  # the name resolves to nothing any more
    webhooks.attempt(delivery.pk)
    delivery.refresh_from_db()
    max_length = WebhookDelivery._meta.get_field("last_error").max_length
    assert delivery.status == "failed"
    assert delivery.last_error.startswith("refused: URL has a host that does not resolve ('aaaa")
    assert len(delivery.last_error) == max_length


def test_a_delivery_goes_to_the_address_that_was_checked_not_to_a_rebound_one(db, user, settings, monkeypatch):
    """DNS rebinding: the name answers a public address to the check and 127.0.0.1 to
    any later lookup. The delivery must connect to the checked address (refused here,
    as nothing may leave the machine), and the loopback listener must see nothing."""
    settings.PAINTY_WEBHOOK_RETRIES = []
    settings.PAINTY_WEBHOOK_TIMEOUT = 1
    inward = Listener()
    dns = FakeDns(monkeypatch, [PUBLIC_IP], ["127.0.0.1"])
    connects = LoopbackOnly(monkeypatch)
    job = Job.objects.create(
        user=user, prompt="x", engine="echo", token="r" * 32, input_format="JPEG",
        expires_at=Job.retention_deadline(), webhook_url=f"https://hooks.example.com:{inward.port}/x",
        status=Job.Status.SUCCEEDED,
    )
    delivery = WebhookDelivery.objects.create(
        job=job, user=user, url=job.webhook_url, event="job.succeeded", message_id="msg_r", payload={}
    )
    try:
        webhooks.attempt(delivery.pk)
        assert inward.connections() == 0
    finally:
        inward.close()
    assert connects.attempts == [(PUBLIC_IP, inward.port)]
    assert dns.lookups == ["hooks.example.com"]
    delivery.refresh_from_db()
    assert delivery.status == "failed" and "could not connect" in delivery.last_error


def test_payload_urls_are_absolute_on_the_public_url(transactional_db, client, auth, receiver, settings):
    """Deliveries are built off the request thread; PAINTY_PUBLIC_URL (required by
    `check --deploy`) is what makes their links usable by the receiver."""
    settings.PAINTY_PUBLIC_URL = "https://api.painty.example"
    send(client, auth, webhook_url=receiver.url)
    data = json.loads(receiver.wait_for(1)[0][1])["data"]
    assert data["originalUrl"].startswith("https://api.painty.example/")
    assert data["resultUrls"] and all(url.startswith("https://api.painty.example/") for url in data["resultUrls"])


def test_the_secret_can_be_rotated(client, user):
    client.force_login(user)
    before = Profile.of(user).webhook_secret
    client.post("/dashboard/webhooks/rotate-secret")
    assert Profile.of(user).webhook_secret != before
