"""A stand-in for Polar.sh in tests: its JSON shapes, a loopback HTTP server
the real `polar-sdk` talks to, and Standard Webhooks signing of test bodies.

The shapes follow polar-sdk 1.0.x (`polar.v2026_10.outputs`): every field
the SDK's models require is present, so the SDK parses them exactly as it
parses Polar's own answers."""

from __future__ import annotations

import base64
import json
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from standardwebhooks import Webhook

ORG_ID = "5c4b2a1e-0000-4000-8000-00000000a001"
STAMP = "2026-11-20T10:00:00Z"


def new_id() -> str:
    return str(uuid.uuid4())


def customer(email="alice@example.com", external_id=None, customer_id=None) -> dict:
    return {
        "id": customer_id or new_id(),
        "created_at": STAMP,
        "modified_at": None,
        "metadata": {},
        "external_id": external_id,
        "email": email,
        "email_verified": True,
        "type": "individual",
        "name": "Alice Example",
        "billing_name": None,
        "billing_address": None,
        "tax_id": None,
        "organization_id": ORG_ID,
        "deleted_at": None,
        "first_user_event_at": None,
        "avatar_url": None,
    }


def product(product_id: str, name="Starter pack") -> dict:
    return {
        "metadata": {},
        "id": product_id,
        "created_at": STAMP,
        "modified_at": None,
        "trial_interval": None,
        "trial_interval_count": None,
        "name": name,
        "description": None,
        "visibility": "public",
        "recurring_interval": None,
        "recurring_interval_count": None,
        "meter_interval": None,
        "meter_interval_count": None,
        "is_recurring": False,
        "is_archived": False,
        "organization_id": ORG_ID,
    }


def order(
    *,
    order_id: str,
    product_id: str,
    total=1000,
    refunded=0,
    paid=True,
    email="alice@example.com",
    external_id=None,
    metadata=None,
    checkout_id=None,
    currency="usd",
) -> dict:
    """A full Polar `Order` as webhooks carry it in `data`."""
    if refunded >= total and refunded:
        status = "refunded"
    elif refunded:
        status = "partially_refunded"
    else:
        status = "paid" if paid else "pending"
    return {
        "id": order_id,
        "created_at": STAMP,
        "modified_at": None,
        "status": status,
        "paid": paid,
        "subtotal_amount": total,
        "discount_amount": 0,
        "net_amount": total,
        "tax_amount": 0,
        "total_amount": total,
        "applied_balance_amount": 0,
        "due_amount": 0 if paid else total,
        "refunded_amount": refunded,
        "refunded_tax_amount": 0,
        "currency": currency,
        "billing_reason": "purchase",
        "billing_name": "Alice Example",
        "billing_address": {"country": "DE"},
        "invoice_number": "PAINTY-0001" if paid else None,
        "is_invoice_generated": False,
        "receipt_number": None,
        "units": None,
        "customer_id": new_id(),
        "product_id": product_id,
        "discount_id": None,
        "subscription_id": None,
        "checkout_id": checkout_id,
        "metadata": metadata or {},
        "platform_fee_amount": 0,
        "platform_fee_currency": None,
        "customer": customer(email=email, external_id=external_id),
        "product": product(product_id),
        "discount": None,
        "subscription": None,
        "items": [
            {
                "created_at": STAMP,
                "modified_at": None,
                "id": new_id(),
                "label": "Starter pack",
                "amount": total,
                "tax_amount": 0,
                "proration": False,
                "product_price_id": new_id(),
                "start_timestamp": None,
                "end_timestamp": None,
            }
        ],
        "description": "Starter pack",
        "refundable_amount": total - refunded,
        "refundable_tax_amount": 0,
    }


def event(event_type: str, data: dict) -> dict:
    return {"type": event_type, "timestamp": STAMP, "api_version": "2026-10", "data": data}


def sign(body: bytes, secret: str, *, webhook_id=None, timestamp=None) -> dict:
    """Standard Webhooks headers for `body`, signed the way Polar signs:
    the HMAC key is the secret's raw bytes (standardwebhooks wants it base64)."""
    webhook_id = webhook_id or f"msg_{uuid.uuid4().hex}"
    timestamp = int(time.time()) if timestamp is None else int(timestamp)
    signer = Webhook(base64.b64encode(secret.encode()).decode())
    from datetime import datetime, timezone

    signature = signer.sign(webhook_id, datetime.fromtimestamp(timestamp, tz=timezone.utc), body.decode())
    return {"webhook-id": webhook_id, "webhook-timestamp": str(timestamp), "webhook-signature": signature}


# --- the fake API server ------------------------------------------------------


def checkout(body: dict) -> dict:
    checkout_id = new_id()
    product_id = body["products"][0]
    return {
        "id": checkout_id,
        "created_at": STAMP,
        "modified_at": None,
        "payment_processor": "stripe",
        "status": "open",
        "client_secret": "polar_c_" + uuid.uuid4().hex,
        "url": f"https://sandbox.polar.test/checkout/{checkout_id}",
        "expires_at": "2026-11-20T11:00:00Z",
        "success_url": body.get("success_url") or "https://polar.test/success",
        "return_url": body.get("return_url"),
        "embed_origin": None,
        "amount": 1000,
        "units": None,
        "min_units": None,
        "max_units": None,
        "discount_amount": 0,
        "net_amount": 1000,
        "tax_amount": None,
        "tax_behavior": None,
        "total_amount": 1000,
        "currency": "usd",
        "allow_trial": None,
        "active_trial_interval": None,
        "active_trial_interval_count": None,
        "trial_end": None,
        "organization_id": ORG_ID,
        "product_id": product_id,
        "product_price_id": None,
        "discount_id": None,
        "allow_discount_codes": True,
        "require_billing_address": False,
        "is_discount_applicable": True,
        "is_free_product_price": False,
        "is_payment_required": True,
        "is_payment_setup_required": False,
        "is_payment_form_required": True,
        "customer_id": None,
        "is_business_customer": False,
        "customer_name": None,
        "customer_email": body.get("customer_email"),
        "customer_ip_address": None,
        "customer_billing_name": None,
        "customer_billing_address": None,
        "customer_tax_id": None,
        "payment_method_type": None,
        "payment_processor_metadata": {},
        "billing_address_fields": {
            "country": "required",
            "state": "disabled",
            "city": "disabled",
            "postal_code": "disabled",
            "line1": "disabled",
            "line2": "disabled",
        },
        "trial_interval": None,
        "trial_interval_count": None,
        "metadata": body.get("metadata") or {},
        "external_customer_id": body.get("external_customer_id"),
        "products": [],
        "product": None,
        "product_price": None,
        "prices": None,
        "discount": None,
        "subscription_id": None,
        "attached_custom_fields": None,
        "customer_metadata": {},
    }


def customer_session(body: dict) -> dict:
    token = "polar_cst_" + uuid.uuid4().hex
    return {
        "created_at": STAMP,
        "modified_at": None,
        "id": new_id(),
        "token": token,
        "expires_at": "2026-11-20T11:00:00Z",
        "return_url": body.get("return_url"),
        "customer_portal_url": f"https://sandbox.polar.test/portal?customer_session_token={token}",
        "customer_id": new_id(),
        "customer": customer(external_id=body.get("external_customer_id")),
    }


def error_body(status: int, body: dict) -> dict:
    if status == 422:  # Polar's validation error, e.g. an external customer id it does not know
        field = next(iter(body), "body")
        return {"detail": [{"loc": ["body", field], "msg": "Customer does not exist.", "type": "value_error"}]}
    return {"detail": "Simulated Polar error"}


class FakePolar:
    """POST /v1/checkouts/ and /v1/customer-sessions/ on a loopback port.

    `requests` records what the SDK sent; `fail_with` makes the next answers
    an error status (e.g. 500, or 422 for an unknown customer)."""

    routes = {"/v1/checkouts/": checkout, "/v1/customer-sessions/": customer_session}

    def __init__(self):
        self.requests: list[tuple[str, dict, dict]] = []
        self.fail_with: int | None = None
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = json.loads(self.rfile.read(length) or b"{}")
                fake.requests.append((self.path, dict(self.headers), body))
                route = fake.routes.get(self.path)
                if fake.fail_with:
                    self.answer(fake.fail_with, error_body(fake.fail_with, body))
                elif route is None:
                    self.answer(404, {"error": "ResourceNotFound", "detail": "Not found"})
                else:
                    self.answer(201, route(body))

            def answer(self, status, payload):
                raw = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(raw)))
                self.end_headers()
                self.wfile.write(raw)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
