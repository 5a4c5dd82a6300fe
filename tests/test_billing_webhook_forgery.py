"""Forged or malformed Polar deliveries: refused before anything is parsed or stored,
and "Process again" acts only on bytes whose signature still checks out."""

from __future__ import annotations

import base64
import hashlib
import hmac
import io
import json
import time

import pytest
from django.contrib.auth import get_user_model

from billing import ledger, polar_api, webhooks
from billing.models import CreditPack, LedgerEntry, PolarOrder, WebhookEvent

from . import polar_fake
from .billing_fixtures import PRODUCT_ID, SECRET, as_django_headers, paid_order, signed

SIGNUP = 10  # PAINTY_SIGNUP_CREDITS default
JUNK_SIGNATURE = "v1,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="


def order_body(user, encoding="utf-8") -> bytes:
    return json.dumps(polar_fake.event("order.paid", paid_order(user)), ensure_ascii=False).encode(encoding)


def sign_raw(body: bytes, *, webhook_id="msg_raw", timestamp=None, key=SECRET.encode()) -> dict:
    """Standard Webhooks headers computed over the raw bytes, whatever their encoding
    (polar_fake.sign needs UTF-8 text, which is exactly what these bodies are not)."""
    timestamp = int(time.time()) if timestamp is None else int(timestamp)
    mac = hmac.new(key, f"{webhook_id}.{timestamp}.".encode() + body, hashlib.sha256).digest()
    return {
        "webhook-id": webhook_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": "v1," + base64.b64encode(mac).decode(),
    }


def post(client, body: bytes, headers: dict, *, raw=False):
    """POST a delivery; with raw=True, `headers` holds WSGI environ keys too (CONTENT_LENGTH, wsgi.input)."""
    environ = {k: v for k, v in headers.items() if raw and not k.startswith("webhook-")}
    headers = {k: v for k, v in headers.items() if k not in environ}
    return client.post(
        "/billing/webhooks/polar", body, content_type="application/json", **as_django_headers(headers), **environ
    )


def assert_nothing_stored(user):
    assert not WebhookEvent.objects.exists()
    assert not PolarOrder.objects.exists()
    assert not LedgerEntry.objects.filter(kind=LedgerEntry.Kind.PURCHASE).exists()
    assert ledger.balance_of(user) == SIGNUP


def latin1_order(user) -> bytes:
    data = paid_order(user)
    data["customer"]["name"] = "Zoë Müller"
    return json.dumps(polar_fake.event("order.paid", data), ensure_ascii=False).encode("latin-1")


NOT_UTF8_JSON = [
    pytest.param(lambda user: order_body(user, "utf-16"), id="utf-16 with BOM"),
    pytest.param(lambda user: order_body(user, "utf-16-le"), id="utf-16-le"),
    pytest.param(lambda user: order_body(user, "utf-32"), id="utf-32"),
    pytest.param(lambda user: b"\xef\xbb\xbf" + order_body(user), id="utf-8 with BOM"),
    pytest.param(latin1_order, id="latin-1"),
    pytest.param(lambda user: order_body(user).replace(b'"order.paid"', b'"order.paid\x00"'), id="NUL inside"),
    pytest.param(lambda user: b"\x00" * 64, id="NULs only"),
]


@pytest.mark.parametrize("make_body", NOT_UTF8_JSON)
@pytest.mark.parametrize(
    "signature",
    [JUNK_SIGNATURE, "junk", "v1,!!!not base64!!!", "v1"],
    ids=["zeros", "no version", "not base64", "no comma"],
)
def test_a_body_that_is_not_utf8_json_with_a_bad_signature_is_refused_and_nothing_is_stored(
    client, webhook_secret, pack, user, make_body, signature
):
    headers = {**sign_raw(make_body(user)), "webhook-signature": signature}
    response = post(client, make_body(user), headers)
    assert response.status_code == 403
    assert response.json()["outcome"] == "invalid_signature"
    assert_nothing_stored(user)


@pytest.mark.parametrize(
    "make_body",
    NOT_UTF8_JSON
    + [
        pytest.param(lambda user: b"order.paid for ord_1, trust me", id="not json"),
        pytest.param(lambda user: json.dumps([polar_fake.event("order.paid", paid_order(user))]).encode(), id="array"),
        pytest.param(lambda user: order_body(user).replace(b'"total_amount": 1000', b'"total_amount": NaN'), id="NaN"),
    ],
)
def test_a_correctly_signed_body_that_is_not_a_utf8_json_object_is_refused_too(
    client, webhook_secret, pack, user, make_body
):
    body = make_body(user)
    response = post(client, body, sign_raw(body))
    assert response.status_code == 400
    assert response.json()["outcome"] == "invalid_payload"
    assert_nothing_stored(user)


@pytest.mark.parametrize(
    "headers",
    [
        pytest.param({"webhook-id": "msg_" + "x" * 300}, id="webhook id too long"),
        pytest.param({"webhook-timestamp": "nan"}, id="timestamp not finite"),
        pytest.param({"webhook-timestamp": "soon"}, id="timestamp not a number"),
        pytest.param({"webhook-signature": JUNK_SIGNATURE + " " + "v1,x" * 2000}, id="signature header too long"),
    ],
)
def test_malformed_signature_headers_are_refused(client, webhook_secret, pack, user, headers):
    body = order_body(user)
    response = post(client, body, {**sign_raw(body), **headers})
    assert response.status_code == 403
    assert_nothing_stored(user)


def test_an_oversized_body_is_refused_before_verification_without_a_row(client, webhook_secret, pack, user):
    junk = b"\xff\xfe" + b"\x00A" * (webhooks.MAX_BODY_BYTES // 2)
    response = post(client, junk, {**sign_raw(b"x"), "webhook-signature": JUNK_SIGNATURE})
    assert response.status_code == 413
    assert response.json()["outcome"] == "too_large"
    assert_nothing_stored(user)


def test_an_oversized_body_is_refused_even_when_correctly_signed(client, webhook_secret, pack, user):
    data = paid_order(user)
    data["metadata"] = {"padding": "x" * webhooks.MAX_BODY_BYTES}
    body = json.dumps(polar_fake.event("order.paid", data)).encode()
    response = post(client, body, sign_raw(body))
    assert response.status_code == 413
    assert_nothing_stored(user)


# --- Exact bounds: the largest delivery Polar may send is taken, one byte more is not ------------

BODY_LIMIT = 1_000_000  # bytes of webhook body Painty reads at most
SIGNATURE_LIMIT = 2_000  # characters of webhook-signature (room for a few keys' signatures)


def padded_order(user, size: int) -> bytes:
    """A real order.paid event, padded with JSON whitespace to exactly `size` bytes."""
    body = order_body(user)
    return body + b" " * (size - len(body))


def test_a_signed_body_of_exactly_the_limit_is_processed(client, webhook_secret, pack, user):
    body = padded_order(user, BODY_LIMIT)
    response = post(client, body, sign_raw(body))
    assert response.status_code == 200
    assert response.json()["outcome"] == "processed"
    assert WebhookEvent.objects.get().body.encode() == body
    assert ledger.balance_of(user) == SIGNUP + 100


def test_a_signed_body_one_byte_over_the_limit_is_refused(client, webhook_secret, pack, user):
    body = padded_order(user, BODY_LIMIT + 1)
    response = post(client, body, sign_raw(body))
    assert response.status_code == 413
    assert response.json()["outcome"] == "too_large"
    assert_nothing_stored(user)


class RecordingInput(io.BytesIO):
    """A wsgi.input that notes whether anything was read from it."""

    def __init__(self, data: bytes):
        super().__init__(data)
        self.reads = 0

    def read(self, *args):
        self.reads += 1
        return super().read(*args)

    def readline(self, *args):
        self.reads += 1
        return super().readline(*args)


def test_a_declared_content_length_over_the_limit_is_refused_without_reading_the_body(
    client, webhook_secret, pack, user
):
    body = order_body(user)
    stream = RecordingInput(body)
    response = post(
        client, body, {**sign_raw(body), "CONTENT_LENGTH": str(BODY_LIMIT + 1), "wsgi.input": stream}, raw=True
    )
    assert response.status_code == 413
    assert response.json()["outcome"] == "too_large"
    assert stream.reads == 0
    assert_nothing_stored(user)


@pytest.mark.parametrize("declared", ["twelve", "12.0", "0x10"])
def test_a_content_length_that_is_not_a_number_is_refused(client, webhook_secret, pack, user, declared):
    body = order_body(user)
    response = post(client, body, {**sign_raw(body), "CONTENT_LENGTH": declared}, raw=True)
    assert response.status_code == 400
    assert response.json()["outcome"] == "invalid_request"
    assert_nothing_stored(user)


@pytest.mark.parametrize("declared", [None, ""], ids=["absent", "empty"])
def test_a_delivery_without_a_content_length_has_an_empty_body(client, webhook_secret, pack, user, declared):
    """No length declared: nothing is read, and the empty body (correctly signed)
    is refused as no JSON object, not as a malformed request nor a crash."""
    extra = {**sign_raw(b"")}
    if declared is not None:
        extra["CONTENT_LENGTH"] = declared
    response = post(client, b"", extra, raw=True)
    assert response.status_code == 400
    assert response.json()["outcome"] == "invalid_payload"
    assert_nothing_stored(user)


def id_of(length: int) -> str:
    return ("msg_" + "0123456789abcdef" * 20)[:length]


def timestamp_of(length: int) -> str:
    """Now, written with trailing decimal zeros to be exactly `length` characters."""
    now = str(int(time.time())) + "."
    return now + "0" * (length - len(now))


def signature_of(length: int, body: bytes, webhook_id: str) -> str:
    """The valid v1 signature, then unknown-version entries to fill `length` characters."""
    valid = sign_raw(body, webhook_id=webhook_id)["webhook-signature"]
    filler = " v0," + "x" * (length - len(valid) - 4)
    return valid + filler


# The columns that keep them, so the stored delivery can be re-verified exactly.
ID_LIMIT = 200
TIMESTAMP_LIMIT = 32


def correctly_signed(body: bytes, *, id_length=None, timestamp_length=None, signature_length=None) -> dict:
    webhook_id = id_of(id_length) if id_length else "msg_bounds"
    headers = sign_raw(body, webhook_id=webhook_id)
    if timestamp_length:
        headers["webhook-timestamp"] = timestamp_of(timestamp_length)
    if signature_length:
        headers["webhook-signature"] = signature_of(signature_length, body, webhook_id)
    return headers


BOUNDS = [
    pytest.param("id_length", "webhook-id", ID_LIMIT, id="webhook-id"),
    pytest.param("timestamp_length", "webhook-timestamp", TIMESTAMP_LIMIT, id="webhook-timestamp"),
    pytest.param("signature_length", "webhook-signature", SIGNATURE_LIMIT, id="webhook-signature"),
]


@pytest.mark.parametrize("length, header, limit", BOUNDS)
def test_correctly_signed_headers_of_exactly_the_maximum_length_are_accepted(
    client, webhook_secret, pack, user, length, header, limit
):
    body = order_body(user)
    headers = correctly_signed(body, **{length: limit})
    assert len(headers[header]) == limit
    response = post(client, body, headers)
    assert response.status_code == 200
    event = WebhookEvent.objects.get()
    stored = (event.webhook_id, event.webhook_timestamp, event.webhook_signature)
    assert stored == (headers["webhook-id"], headers["webhook-timestamp"], headers["webhook-signature"])
    assert ledger.balance_of(user) == SIGNUP + 100


@pytest.mark.parametrize("length, header, limit", BOUNDS)
def test_correctly_signed_headers_one_character_too_long_are_refused(
    client, webhook_secret, pack, user, length, header, limit
):
    body = order_body(user)
    headers = correctly_signed(body, **{length: limit + 1})
    assert len(headers[header]) == limit + 1
    assert painty_accepts(body, headers)  # the HMAC alone would let it through
    response = post(client, body, headers)
    assert response.status_code == 403
    assert response.json()["outcome"] == "invalid_signature"
    assert_nothing_stored(user)



def test_a_verified_delivery_keeps_its_signed_bytes_and_headers(client, webhook_secret, pack, user):
    body, headers = signed("order.paid", paid_order(user), webhook_id="msg_kept")
    assert post(client, body, headers).status_code == 200
    event = WebhookEvent.objects.get()
    assert event.body.encode() == body
    stored = (event.webhook_id, event.webhook_timestamp, event.webhook_signature)
    assert stored == (headers["webhook-id"], headers["webhook-timestamp"], headers["webhook-signature"])
    assert event.outcome == "processed"


def sdk_accepts(body: bytes, headers: dict, secret: str) -> bool:
    from polar.v2026_10.webhooks import PolarWebhookVerificationError, validate_event

    try:
        validate_event(body, headers, secret)
    except PolarWebhookVerificationError:
        return False
    except Exception:  # noqa: BLE001 — verified, then refused for its (irrelevant) content
        return True
    return True


def painty_accepts(body: bytes, headers: dict) -> bool:
    try:
        polar_api.verify_signature(
            body, headers["webhook-id"], headers["webhook-timestamp"], headers["webhook-signature"]
        )
    except polar_api.InvalidSignature:
        return False
    return True


def decoded(secret: str) -> bytes:
    rest = secret.removeprefix("whsec_")
    try:
        return base64.b64decode(rest + "=" * (-len(rest) % 4), validate=True)
    except ValueError:
        return b"not base64"


@pytest.mark.parametrize(
    "secret",
    [SECRET, "whsec_" + base64.b64encode(b"k" * 24).decode(), base64.b64encode(b"plain key").decode(), "whsec_x"],
    ids=["polar style", "whsec base64", "bare base64", "whsec not base64"],
)
@pytest.mark.parametrize(
    "key", [str.encode, decoded, lambda secret: b"unrelated key"], ids=["secret bytes", "decoded secret", "unrelated"]
)
def test_the_signing_key_is_derived_exactly_as_polar_sdk_derives_it(settings, secret, key):
    settings.POLAR_WEBHOOK_SECRET = secret
    body = json.dumps({"type": "painty.test", "data": {}}).encode()
    headers = sign_raw(body, key=key(secret))
    assert painty_accepts(body, headers) == sdk_accepts(body, headers, secret)


# --- "Process again" in the admin ---------------------------------------------------------


@pytest.fixture
def staff_client(client, db):
    admin = get_user_model().objects.create_superuser("root@example.com", "root@example.com", "pw-root-1234")
    client.force_login(admin)
    return client


def process_again(staff_client, event):
    response = staff_client.post(
        "/admin/billing/webhookevent/", {"action": "process_again", "_selected_action": [event.pk]}, follow=True
    )
    assert response.status_code == 200
    return response.content.decode()


def stored_event(body: bytes, headers: dict, **fields) -> WebhookEvent:
    """A row as it sits in the database, written by whatever (an old release, a hand edit)."""
    data = json.loads(body)
    return WebhookEvent.objects.create(
        webhook_id=headers["webhook-id"],
        event_type=data["type"],
        payload=data,
        outcome=WebhookEvent.Outcome.UNRESOLVED,
        detail="Unknown product",
        body=body.decode(),
        webhook_timestamp=headers["webhook-timestamp"],
        webhook_signature=headers["webhook-signature"],
        **fields,
    )


def a_legacy_row_without_signed_bytes(user):
    data = polar_fake.event("order.paid", paid_order(user))
    return WebhookEvent.objects.create(
        webhook_id="msg_legacy", event_type="order.paid", payload=data, outcome="unresolved", detail="Unknown product"
    )


def a_row_whose_body_was_swapped(user):
    _, headers = signed("order.paid", paid_order(user, order_id="ord_genuine", paid=False), webhook_id="msg_swap")
    return stored_event(order_body(user), headers)


def a_row_with_a_forged_signature(user):
    body = order_body(user)
    return stored_event(body, {**sign_raw(body, webhook_id="msg_forged"), "webhook-signature": JUNK_SIGNATURE})


def a_row_signed_with_another_secret(user):
    body = order_body(user)
    return stored_event(body, sign_raw(body, webhook_id="msg_other", key=b"someone-elses-secret"))


@pytest.mark.parametrize(
    "make_event",
    [a_legacy_row_without_signed_bytes, a_row_whose_body_was_swapped, a_row_with_a_forged_signature,
     a_row_signed_with_another_secret],
)
def test_process_again_does_nothing_with_an_event_whose_stored_bytes_do_not_verify(
    staff_client, webhook_secret, pack, user, make_event
):
    event = make_event(user)
    page = process_again(staff_client, event)
    assert f"Webhook {event.webhook_id}: not processed" in page
    assert "signature" in page
    assert ledger.balance_of(user) == SIGNUP
    assert not PolarOrder.objects.exists()
    after = WebhookEvent.objects.get(pk=event.pk)
    assert (after.outcome, after.detail, after.processed_at) == ("unresolved", "Unknown product", None)


def test_process_again_checks_the_signature_but_not_the_age_of_the_original_delivery(
    staff_client, webhook_secret, user
):
    body, headers = signed("order.paid", paid_order(user), webhook_id="msg_old", timestamp=time.time() - 86_400)
    event = stored_event(body, headers)
    CreditPack.objects.create(name="Starter", polar_product_id=PRODUCT_ID, credits=100, price_cents=1000)
    page = process_again(staff_client, event)
    assert "Webhook msg_old: Processed" in page
    assert ledger.balance_of(user) == SIGNUP + 100
    event.refresh_from_db()
    assert event.outcome == "processed"


def test_process_again_acts_on_the_signed_bytes_not_on_the_stored_json(staff_client, webhook_secret, pack, user):
    body, headers = signed("order.paid", paid_order(user, paid=False), webhook_id="msg_json")
    event = stored_event(body, headers)
    event.payload["data"]["paid"], event.payload["data"]["status"] = True, "paid"  # edited after storing
    event.save()
    process_again(staff_client, event)
    assert ledger.balance_of(user) == SIGNUP
    assert PolarOrder.objects.get().status == "pending"


def test_process_again_refuses_everything_once_the_secret_is_gone(staff_client, settings, webhook_secret, user):
    body, headers = signed("order.paid", paid_order(user), webhook_id="msg_nosecret")
    event = stored_event(body, headers)
    CreditPack.objects.create(name="Starter", polar_product_id=PRODUCT_ID, credits=100, price_cents=1000)
    settings.POLAR_WEBHOOK_SECRET = None
    assert "Webhook msg_nosecret: not processed" in process_again(staff_client, event)
    assert ledger.balance_of(user) == SIGNUP
