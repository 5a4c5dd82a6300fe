"""The billing admin: packs, webhook events (with follow-up), orders and their ledger entries."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from billing import ledger
from billing.models import CreditPack, LedgerEntry, PolarOrder, WebhookEvent

from . import polar_fake
from .billing_fixtures import PRODUCT_ID, paid_order


@pytest.fixture
def staff_client(client, db):
    admin = get_user_model().objects.create_superuser("root@example.com", "root@example.com", "pw-root-1234")
    client.force_login(admin)
    return client


def test_unresolved_events_are_easy_to_find(staff_client, deliver, pack, user):
    deliver("order.paid", paid_order(user), webhook_id="msg_ok")
    deliver("order.paid", polar_fake.order(order_id="ord_x", product_id="prod_unknown"), webhook_id="msg_bad")
    page = staff_client.get("/admin/billing/webhookevent/?attention=yes").content.decode()
    assert "ord_x" in page and "Unknown product prod_unknown" in page
    assert "msg_ok" not in page and "ord_1" not in page
    assert staff_client.get("/admin/billing/webhookevent/?outcome__exact=processed").status_code == 200
    event = WebhookEvent.objects.get(webhook_id="msg_bad")
    assert staff_client.get(f"/admin/billing/webhookevent/{event.pk}/change/").status_code == 200


def test_process_again_books_an_event_once_its_pack_exists(staff_client, deliver, user):
    deliver("order.paid", paid_order(user), webhook_id="msg_late")
    CreditPack.objects.create(name="Starter", polar_product_id=PRODUCT_ID, credits=50, price_cents=500)
    event = WebhookEvent.objects.get()
    response = staff_client.post(
        "/admin/billing/webhookevent/",
        {"action": "process_again", "_selected_action": [event.pk]},
        follow=True,
    )
    assert "Processed" in response.content.decode()
    assert ledger.balance_of(user) == 10 + 50
    event.refresh_from_db()
    assert event.outcome == "processed"


def test_an_order_page_lists_its_ledger_entries(staff_client, deliver, pack, user):
    deliver("order.paid", paid_order(user))
    deliver("order.refunded", paid_order(user, refunded=500))
    order = PolarOrder.objects.get()
    page = staff_client.get(f"/admin/billing/polarorder/{order.pk}/change/").content.decode()
    assert "polar-order:ord_1:paid" in page and "polar-order:ord_1:refund:500" in page
    assert "+100" in page and "-50" in page
    assert staff_client.get("/admin/billing/polarorder/").status_code == 200
    assert staff_client.get("/admin/billing/creditpack/").status_code == 200


def test_an_admin_grants_and_deducts_with_a_reason(staff_client, user):
    for amount in (25, -40):
        response = staff_client.post(
            "/admin/billing/ledgerentry/add/", {"user": user.pk, "amount": amount, "reason": "Goodwill"}
        )
        assert response.status_code == 302
    assert ledger.balance_of(user) == 10 + 25 - 40
    assert LedgerEntry.objects.filter(kind="admin").count() == 2
    response = staff_client.post("/admin/billing/ledgerentry/add/", {"user": user.pk, "amount": 5, "reason": " "})
    assert response.status_code == 200 and "Say why" in response.content.decode()
