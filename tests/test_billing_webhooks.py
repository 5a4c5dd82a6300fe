"""POST /billing/webhooks/polar: verification, exactly-once crediting, refunds, follow-up."""

from __future__ import annotations

import ast
import json
import time
from pathlib import Path
from unittest import mock

import pytest
from django.db import OperationalError

from billing import ledger, webhooks
from billing.models import CreditPack, LedgerEntry, PolarOrder, WebhookEvent

from . import polar_fake
from .billing_fixtures import PRODUCT_ID, as_django_headers, paid_order
from .images import encode, picture

SIGNUP = 10  # PAINTY_SIGNUP_CREDITS default


def purchases(user):
    return LedgerEntry.objects.filter(account__user=user, kind=LedgerEntry.Kind.PURCHASE)


def test_a_paid_order_grants_the_pack_credits(deliver, pack, user):
    response = deliver("order.paid", paid_order(user), webhook_id="msg_1")
    assert response.status_code == 200
    assert response.json()["outcome"] == "processed"
    assert ledger.balance_of(user) == SIGNUP + 100
    entry = purchases(user).get()
    assert (entry.amount, entry.reference) == (100, "polar-order:ord_1:paid")
    order = PolarOrder.objects.get(polar_order_id="ord_1")
    assert (order.user, order.pack, order.credits, order.status) == (user, pack, 100, "paid")
    event = WebhookEvent.objects.get(webhook_id="msg_1")
    assert (event.event_type, event.outcome, event.polar_order_id) == ("order.paid", "processed", "ord_1")
    assert event.payload["data"]["id"] == "ord_1"


def test_a_replayed_delivery_is_stored_once_and_credits_once(deliver, pack, user):
    data = paid_order(user)
    for _ in range(3):
        assert deliver("order.paid", data, webhook_id="msg_same").status_code == 200
    assert ledger.balance_of(user) == SIGNUP + 100
    assert purchases(user).count() == 1
    assert WebhookEvent.objects.get().deliveries == 3


def test_the_same_order_under_different_webhook_ids_credits_once(deliver, pack, user):
    data = paid_order(user)
    deliver("order.paid", data, webhook_id="msg_a")
    deliver("order.paid", data, webhook_id="msg_b")
    deliver("order.updated", data, webhook_id="msg_c")
    assert ledger.balance_of(user) == SIGNUP + 100
    assert purchases(user).count() == 1
    assert WebhookEvent.objects.filter(outcome="processed").count() == 3


def test_order_created_and_updated_before_payment_credit_nothing_then_paid_credits_once(deliver, pack, user):
    pending = paid_order(user, paid=False)
    assert deliver("order.created", pending).status_code == 200
    assert deliver("order.updated", pending).status_code == 200
    assert ledger.balance_of(user) == SIGNUP
    assert PolarOrder.objects.get().status == "pending"

    paid = paid_order(user)
    deliver("order.updated", paid)  # Polar may send the paid update before order.paid
    deliver("order.paid", paid)
    assert ledger.balance_of(user) == SIGNUP + 100
    assert purchases(user).count() == 1


def test_a_refund_delivered_before_the_payment_settles_at_zero(deliver, pack, user):
    deliver("order.refunded", paid_order(user, refunded=1000))
    assert ledger.balance_of(user) == SIGNUP
    deliver("order.paid", paid_order(user))  # the late, stale paid event must not re-grant
    assert ledger.balance_of(user) == SIGNUP
    kinds = sorted(LedgerEntry.objects.filter(account__user=user).values_list("kind", "amount"))
    assert kinds == [("chargeback", -100), ("purchase", 100), ("signup", SIGNUP)]
    order = PolarOrder.objects.get()
    assert (order.refunded_amount, order.credits_taken_back, order.status) == (1000, 100, "refunded")


def test_partial_refunds_take_back_a_proportional_share_once(deliver, pack, user):
    deliver("order.paid", paid_order(user))
    deliver("order.refunded", paid_order(user, refunded=250))
    assert ledger.balance_of(user) == SIGNUP + 75
    deliver("order.refunded", paid_order(user, refunded=250), webhook_id="msg_again")
    deliver("order.updated", paid_order(user, refunded=250))
    assert ledger.balance_of(user) == SIGNUP + 75
    deliver("order.refunded", paid_order(user, refunded=1000))
    assert ledger.balance_of(user) == SIGNUP
    refs = list(LedgerEntry.objects.filter(kind="chargeback").order_by("id").values_list("reference", "amount"))
    assert refs == [("polar-order:ord_1:refund:250", -25), ("polar-order:ord_1:refund:1000", -75)]


def test_a_refund_after_spending_makes_the_balance_negative_and_the_api_answers_402(
    deliver, pack, user, post_photo
):
    deliver("order.paid", paid_order(user))
    ledger.debit(user, 105, reason="spent on jobs")
    deliver("order.refunded", paid_order(user, refunded=1000))
    assert ledger.balance_of(user) == SIGNUP + 100 - 105 - 100
    response = post_photo(encode(picture(), "JPEG"))
    assert response.status_code == 402
    assert response.json()["error"]["code"] == "insufficient_credits"
    assert ledger.balance_of(user) == -95


@pytest.mark.parametrize(
    "tamper",
    [
        pytest.param(lambda body, headers: (body.replace(b"ord_1", b"ord_2"), headers), id="body changed"),
        pytest.param(
            lambda body, headers: (body, {**headers, "webhook-signature": "v1,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="}),
            id="wrong signature",
        ),
        pytest.param(lambda body, headers: (body, {**headers, "webhook-id": "msg_other"}), id="id changed"),
        pytest.param(
            lambda body, headers: (body, {k: v for k, v in headers.items() if k != "webhook-signature"}),
            id="no signature",
        ),
    ],
)
def test_a_bad_signature_is_refused_and_nothing_is_written(client, webhook_secret, pack, user, tamper):
    body = json.dumps(polar_fake.event("order.paid", paid_order(user))).encode()
    body, headers = tamper(body, polar_fake.sign(body, webhook_secret, webhook_id="msg_1"))
    response = client.post(
        "/billing/webhooks/polar", body, content_type="application/json", **as_django_headers(headers)
    )
    assert response.status_code == 403
    assert response.json()["outcome"] == "invalid_signature"
    assert not WebhookEvent.objects.exists()
    assert not PolarOrder.objects.exists()
    assert ledger.balance_of(user) == SIGNUP


def test_a_body_signed_with_another_secret_is_refused(deliver, pack, user):
    response = deliver("order.paid", paid_order(user), secret="someone-elses-secret")
    assert response.status_code == 403
    assert not WebhookEvent.objects.exists()
    assert ledger.balance_of(user) == SIGNUP


@pytest.mark.parametrize("offset", [-400, 400])
def test_a_stale_or_future_timestamp_is_refused(deliver, pack, user, offset):
    response = deliver("order.paid", paid_order(user), timestamp=time.time() + offset)
    assert response.status_code == 403
    assert not WebhookEvent.objects.exists()
    assert ledger.balance_of(user) == SIGNUP


def test_an_unknown_product_is_acknowledged_and_left_for_follow_up(deliver, user):
    response = deliver("order.paid", paid_order(user), webhook_id="msg_orphan")
    assert response.status_code == 202
    event = WebhookEvent.objects.get()
    assert event.outcome == "unresolved" and PRODUCT_ID in event.detail
    assert ledger.balance_of(user) == SIGNUP

    # The admin adds the missing pack and processes the event again.
    CreditPack.objects.create(name="Starter", polar_product_id=PRODUCT_ID, credits=100, price_cents=1000)
    assert webhooks.process_again(event).outcome == "processed"
    assert ledger.balance_of(user) == SIGNUP + 100
    # Polar retrying the same delivery later changes nothing.
    deliver("order.paid", paid_order(user), webhook_id="msg_orphan")
    assert ledger.balance_of(user) == SIGNUP + 100


def test_an_unknown_customer_is_acknowledged_and_left_for_follow_up(deliver, pack, user):
    data = polar_fake.order(order_id="ord_9", product_id=PRODUCT_ID, email="stranger@example.com")
    response = deliver("order.paid", data)
    assert response.status_code == 202
    event = WebhookEvent.objects.get()
    assert event.outcome == "unresolved" and "stranger@example.com" in event.detail
    assert not LedgerEntry.objects.filter(kind="purchase").exists()
    assert PolarOrder.objects.get().user is None


@pytest.mark.parametrize(
    "identity",
    [
        pytest.param(lambda user: {"external_id": None, "metadata": {"painty_user_id": str(user.pk)}}, id="metadata"),
        pytest.param(lambda user: {"external_id": None, "email": user.email.upper()}, id="email"),
        pytest.param(lambda user: {"external_id": "999999", "metadata": {"painty_user_id": str(user.pk)}}, id="stale id"),
    ],
)
def test_the_buyer_is_found_by_checkout_metadata_or_email(deliver, pack, user, other_user, identity):
    data = paid_order(user, **identity(user))
    deliver("order.paid", data)
    assert ledger.balance_of(user) == SIGNUP + 100
    assert ledger.balance_of(other_user) == SIGNUP


def test_event_types_painty_does_not_use_are_acknowledged(deliver, user):
    response = deliver("customer.created", polar_fake.customer(), webhook_id="msg_cust")
    assert response.status_code == 202
    assert WebhookEvent.objects.get(webhook_id="msg_cust").outcome == "ignored"
    response = deliver("galaxy.exploded", {"id": "x"}, webhook_id="msg_new_type")
    assert response.status_code == 202
    assert WebhookEvent.objects.get(webhook_id="msg_new_type").outcome == "ignored"
    assert ledger.balance_of(user) == SIGNUP


def test_a_long_unknown_event_type_is_kept_and_named_cut_to_64_characters(deliver, user):
    event_type = "".join(chr(ord("a") + i % 26) for i in range(100))
    response = deliver(event_type, {"id": "x"}, webhook_id="msg_long_type")
    assert response.status_code == 202
    detail = response.json()["detail"]
    assert event_type[:64] in detail and event_type[:65] not in detail
    event = WebhookEvent.objects.get()
    assert (event.event_type, event.outcome, event.detail) == (event_type[:64], "ignored", detail)


def test_a_detail_longer_than_its_column_is_cut_to_exactly_500_characters(deliver, pack, user):
    data = polar_fake.order(
        order_id="ord_9", product_id=PRODUCT_ID, email="stranger@example.com", external_id="ext-" + "x" * 600
    )
    response = deliver("order.paid", data, webhook_id="msg_long_detail")
    assert response.status_code == 202
    event = WebhookEvent.objects.get()
    assert event.outcome == "unresolved"
    assert len(event.detail) == 500
    assert event.detail.startswith("No Painty user for customer stranger@example.com (external id ext-xxx")
    assert response.json()["detail"] == event.detail


def test_a_long_error_is_recorded_cut_to_exactly_500_characters(deliver, pack, user):
    with mock.patch("billing.orders.ledger.grant", side_effect=OperationalError("disk I/O error " + "x" * 600)):
        response = deliver("order.paid", paid_order(user), webhook_id="msg_long_error")
    assert response.status_code == 503
    event = WebhookEvent.objects.get()
    assert event.outcome == "failed"
    assert len(event.detail) == 500
    assert event.detail.startswith("OperationalError: disk I/O error xxx")


def test_a_signed_payload_the_sdk_cannot_load_is_kept_for_follow_up(deliver, pack, user):
    data = paid_order(user)
    del data["customer"]
    response = deliver("order.paid", data, webhook_id="msg_broken")
    assert response.status_code == 202
    event = WebhookEvent.objects.get()
    assert (event.webhook_id, event.outcome) == ("msg_broken", "unresolved")
    assert ledger.balance_of(user) == SIGNUP


def test_a_database_error_answers_503_and_the_retry_credits_once(deliver, pack, user):
    real_grant = ledger.grant
    calls = []

    def flaky_grant(*args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise OperationalError("disk I/O error")
        return real_grant(*args, **kwargs)

    with mock.patch("billing.orders.ledger.grant", flaky_grant):
        response = deliver("order.paid", paid_order(user), webhook_id="msg_retry")
        assert response.status_code == 503
        assert ledger.balance_of(user) == SIGNUP
        event = WebhookEvent.objects.get()
        assert event.outcome == "failed" and "disk I/O error" in event.detail
        assert PolarOrder.objects.count() == 0  # rolled back with the failed attempt

        response = deliver("order.paid", paid_order(user), webhook_id="msg_retry")
    assert response.status_code == 200
    assert ledger.balance_of(user) == SIGNUP + 100
    event.refresh_from_db()
    assert (event.outcome, event.deliveries) == ("processed", 2)


def test_without_a_webhook_secret_deliveries_get_503(deliver, settings, pack, user):
    settings.POLAR_WEBHOOK_SECRET = None
    response = deliver("order.paid", paid_order(user))
    assert response.status_code == 503
    assert not WebhookEvent.objects.exists()


def test_it_only_allows_post(client, webhook_secret):
    assert client.get("/billing/webhooks/polar").status_code == 405


def test_a_delivery_is_answered_quickly_once_the_sdk_is_warm(deliver, pack, user):
    started = time.perf_counter()
    assert deliver("order.paid", paid_order(user)).status_code == 200
    assert time.perf_counter() - started < 2.0


def test_only_polar_api_imports_the_polar_sdk():
    """One module speaks to the SDK, so an SDK upgrade (or a check done in
    Painty instead of the SDK, like webhook signatures) changes one file."""
    billing_dir = Path(webhooks.__file__).parent
    importers = []
    for module in sorted(billing_dir.rglob("*.py")):
        for node in ast.walk(ast.parse(module.read_text())):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom) and node.level == 0:
                names = [node.module or ""]
            if any(name == "polar" or name.startswith("polar.") for name in names):
                importers.append(module.name)
    assert set(importers) == {"polar_api.py"}
