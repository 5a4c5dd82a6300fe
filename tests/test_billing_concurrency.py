"""Concurrent duplicate Polar deliveries against the live server credit once."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest
import requests

from billing import ledger
from billing.models import LedgerEntry, PolarOrder, WebhookEvent

from .billing_fixtures import paid_order, signed

pytestmark = pytest.mark.django_db(transaction=True)

SIGNUP = 10


@pytest.fixture
def buyer(transactional_db):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.create_user("carol@example.com", "carol@example.com", "pw-carol-123")


def post_all(url: str, deliveries: list[tuple[bytes, dict]]) -> list[int]:
    def post(delivery):
        body, headers = delivery
        return requests.post(url, data=body, headers={**headers, "Content-Type": "application/json"}, timeout=60)

    with ThreadPoolExecutor(max_workers=len(deliveries)) as pool:
        return [response.status_code for response in pool.map(post, deliveries)]


def test_twenty_concurrent_copies_of_one_delivery_credit_once(live_server, webhook_secret, pack, buyer):
    delivery = signed("order.paid", paid_order(buyer), webhook_id="msg_storm")
    statuses = post_all(live_server.url + "/billing/webhooks/polar", [delivery] * 20)
    assert statuses == [200] * 20
    assert ledger.balance_of(buyer) == SIGNUP + 100
    assert LedgerEntry.objects.filter(kind="purchase").count() == 1
    event = WebhookEvent.objects.get()
    assert (event.outcome, event.deliveries) == ("processed", 20)


def test_twenty_concurrent_deliveries_of_one_order_under_different_ids_credit_once(
    live_server, webhook_secret, pack, buyer
):
    data = paid_order(buyer)
    deliveries = [signed(("order.paid", "order.updated")[i % 2], data, webhook_id=f"msg_{i}") for i in range(20)]
    statuses = post_all(live_server.url + "/billing/webhooks/polar", deliveries)
    assert statuses == [200] * 20
    assert ledger.balance_of(buyer) == SIGNUP + 100
    assert LedgerEntry.objects.filter(kind="purchase").count() == 1
    assert WebhookEvent.objects.filter(outcome="processed").count() == 20
    assert PolarOrder.objects.get().credits == 100


def test_concurrent_paid_and_refund_deliveries_settle_on_the_refund(live_server, webhook_secret, pack, buyer):
    deliveries = [signed("order.paid", paid_order(buyer), webhook_id=f"msg_paid_{i}") for i in range(10)]
    deliveries += [
        signed("order.refunded", paid_order(buyer, refunded=500), webhook_id=f"msg_half_{i}") for i in range(5)
    ]
    deliveries += [
        signed("order.refunded", paid_order(buyer, refunded=1000), webhook_id=f"msg_full_{i}") for i in range(5)
    ]
    statuses = post_all(live_server.url + "/billing/webhooks/polar", deliveries)
    assert statuses == [200] * 20
    assert ledger.balance_of(buyer) == SIGNUP
    taken = sum(LedgerEntry.objects.filter(kind="chargeback").values_list("amount", flat=True))
    assert taken == -100
    account = buyer.credits
    account.refresh_from_db()
    assert account.balance == account.ledger_sum()
