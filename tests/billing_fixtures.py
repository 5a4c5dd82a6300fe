"""Fixtures shared by the tests/test_billing_*.py modules (imported there)."""

from __future__ import annotations

import json

import pytest

from billing import polar_api
from billing.models import CreditPack

from . import polar_fake

SECRET = "polar_whs_test_secret_for_painty"
PRODUCT_ID = "prod_7f3e0c4a-starter"


@pytest.fixture(scope="session")
def polar_warm():
    """Build the SDK's payload loaders once, before any test times a delivery."""
    polar_api.warm_up()


@pytest.fixture
def webhook_secret(settings, polar_warm):
    settings.POLAR_WEBHOOK_SECRET = SECRET
    return SECRET


@pytest.fixture
def pack(db):
    return CreditPack.objects.create(name="Starter", polar_product_id=PRODUCT_ID, credits=100, price_cents=1000)


@pytest.fixture
def fake_polar(settings):
    with polar_fake.FakePolar() as fake:
        settings.POLAR_ACCESS_TOKEN = "polar_oat_test_token"
        settings.POLAR_SERVER = "sandbox"
        settings.POLAR_BASE_URL = fake.url
        yield fake


def signed(event_type: str, data: dict, *, secret=SECRET, webhook_id=None, timestamp=None) -> tuple[bytes, dict]:
    body = json.dumps(polar_fake.event(event_type, data)).encode()
    return body, polar_fake.sign(body, secret, webhook_id=webhook_id, timestamp=timestamp)


def as_django_headers(headers: dict) -> dict:
    return {"HTTP_" + name.upper().replace("-", "_"): value for name, value in headers.items()}


@pytest.fixture
def deliver(client, webhook_secret):
    """POST a signed Polar event to the webhook URL the way Polar does."""

    def send(event_type: str, data: dict, **signing):
        body, headers = signed(event_type, data, **signing)
        return client.post(
            "/billing/webhooks/polar", body, content_type="application/json", **as_django_headers(headers)
        )

    return send


def paid_order(user, order_id="ord_1", **fields) -> dict:
    """An order for the starter pack bought by `user` through Painty's checkout."""
    fields.setdefault("external_id", str(user.pk))
    fields.setdefault("email", user.email)
    return polar_fake.order(order_id=order_id, product_id=PRODUCT_ID, **fields)
