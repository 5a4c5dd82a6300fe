"""Pricing and billing pages, checkout and the customer portal, against a fake Polar."""

from __future__ import annotations

import pytest

from billing import ledger
from billing.models import CreditPack

from .billing_fixtures import paid_order


@pytest.fixture
def logged_in(client, user):
    client.force_login(user)
    return client


def test_the_pricing_page_is_public_and_lists_active_packs(client, pack, settings):
    settings.POLAR_ACCESS_TOKEN = "token"
    CreditPack.objects.create(name="Hidden", polar_product_id="prod_old", credits=5, price_cents=100, active=False)
    response = client.get("/billing/pricing")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Starter" in page and "100 credits" in page and "10.00 USD" in page
    assert "Hidden" not in page
    assert "Sign up to buy" in page
    assert "not configured" not in page


def test_pages_say_clearly_when_polar_is_not_configured(client, logged_in, pack, settings):
    settings.POLAR_ACCESS_TOKEN = None
    for url in ("/billing/pricing", "/billing/"):
        page = client.get(url).content.decode()
        assert 'data-testid="billing-not-configured"' in page
        assert "not configured" in page
        assert "/billing/buy/" not in page and 'action="/billing/portal"' not in page


def test_the_billing_page_needs_a_login(client):
    response = client.get("/billing/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_the_billing_page_shows_balance_packs_and_history_with_dates(logged_in, user, pack, settings):
    settings.POLAR_ACCESS_TOKEN = "token"
    ledger.debit(user, 3, reason="three edits")
    page = logged_in.get("/billing/").content.decode()
    assert 'data-testid="balance">7<' in page
    assert "Sign-up grant" in page and "Job debit" in page and "three edits" in page
    assert "+10" in page and "-3" in page
    assert 'action="/billing/buy/%d"' % pack.pk in page
    assert 'action="/billing/portal"' in page


def test_buy_creates_a_polar_checkout_and_redirects_to_it(logged_in, user, pack, fake_polar):
    response = logged_in.post(f"/billing/buy/{pack.pk}")
    assert response.status_code == 302
    assert response["Location"].startswith("https://sandbox.polar.test/checkout/")
    path, headers, body = fake_polar.requests[0]
    assert path == "/v1/checkouts/"
    assert headers["Authorization"] == "Bearer polar_oat_test_token"
    assert body["products"] == [pack.polar_product_id]
    assert body["success_url"] == "http://testserver/billing/success?checkout_id={CHECKOUT_ID}"
    assert body["customer_email"] == user.email
    assert body["external_customer_id"] == str(user.pk)
    assert body["metadata"] == {"painty_user_id": str(user.pk), "painty_pack_id": str(pack.pk)}


def test_buy_uses_the_public_url_for_the_success_page(logged_in, pack, fake_polar, settings):
    settings.PAINTY_PUBLIC_URL = "https://painty.example"
    logged_in.post(f"/billing/buy/{pack.pk}")
    assert fake_polar.requests[0][2]["success_url"].startswith("https://painty.example/billing/success?")


def test_buy_without_polar_configured_explains_and_calls_nobody(logged_in, pack, settings):
    settings.POLAR_ACCESS_TOKEN = None
    response = logged_in.post(f"/billing/buy/{pack.pk}", follow=True)
    assert response.redirect_chain == [("/billing/", 302)]
    assert "Payments are not configured" in response.content.decode()


@pytest.mark.parametrize("status", [500, 503, 401, 429])
def test_buy_when_polar_errors_shows_a_message_not_a_500(logged_in, pack, fake_polar, status):
    fake_polar.fail_with = status
    response = logged_in.post(f"/billing/buy/{pack.pk}", follow=True)
    assert response.status_code == 200
    assert "Polar could not start the checkout right now" in response.content.decode()


def test_buy_when_polar_is_unreachable_shows_a_message(logged_in, pack, settings):
    settings.POLAR_ACCESS_TOKEN = "token"
    settings.POLAR_BASE_URL = "http://127.0.0.1:9"  # discard port: connection refused
    response = logged_in.post(f"/billing/buy/{pack.pk}", follow=True)
    assert response.status_code == 200
    assert "Polar could not start the checkout right now" in response.content.decode()


def test_buy_refuses_inactive_packs_get_requests_and_anonymous_users(client, logged_in, pack, fake_polar):
    pack.active = False
    pack.save()
    assert logged_in.post(f"/billing/buy/{pack.pk}").status_code == 404
    assert logged_in.get(f"/billing/buy/{pack.pk}").status_code == 405
    logged_in.logout()
    assert client.post(f"/billing/buy/{pack.pk}").status_code == 302
    assert fake_polar.requests == []


def test_the_portal_button_opens_polars_customer_portal(logged_in, user, fake_polar):
    response = logged_in.post("/billing/portal")
    assert response.status_code == 302
    assert response["Location"].startswith("https://sandbox.polar.test/portal?customer_session_token=")
    path, _, body = fake_polar.requests[0]
    assert path == "/v1/customer-sessions/"
    assert body == {"external_customer_id": str(user.pk), "return_url": "http://testserver/billing/"}


def test_the_portal_before_any_purchase_says_invoices_come_later(logged_in, fake_polar):
    fake_polar.fail_with = 422
    response = logged_in.post("/billing/portal", follow=True)
    assert "Invoices and receipts appear here after your first purchase" in response.content.decode()


def test_the_portal_when_polar_is_down_shows_a_message(logged_in, fake_polar):
    fake_polar.fail_with = 502
    response = logged_in.post("/billing/portal", follow=True)
    assert response.status_code == 200
    assert "customer portal is not reachable" in response.content.decode()


def test_the_success_page_waits_for_the_webhook_then_shows_the_credits(logged_in, user, pack, deliver):
    page = logged_in.get("/billing/success?checkout_id=chk_1").content.decode()
    assert 'data-testid="waiting"' in page and "within a few seconds" in page
    status = logged_in.get("/billing/checkout-status?checkout_id=chk_1").json()
    assert status == {"checkoutId": "chk_1", "credited": False, "creditsAdded": 0, "balance": 10}

    deliver("order.paid", paid_order(user, checkout_id="chk_1"))
    status = logged_in.get("/billing/checkout-status?checkout_id=chk_1").json()
    assert status == {"checkoutId": "chk_1", "credited": True, "creditsAdded": 100, "balance": 110}
    page = logged_in.get("/billing/success?checkout_id=chk_1").content.decode()
    assert "100 credits were added" in page


def test_checkout_status_does_not_reveal_other_users_orders(client, other_user, user, pack, deliver):
    deliver("order.paid", paid_order(user, checkout_id="chk_1"))
    client.force_login(other_user)
    status = client.get("/billing/checkout-status?checkout_id=chk_1").json()
    assert status["credited"] is False and status["balance"] == 10


def test_the_dashboard_and_the_nav_link_to_billing(logged_in):
    page = logged_in.get("/dashboard/").content.decode()
    assert page.count('href="/billing/"') >= 2
