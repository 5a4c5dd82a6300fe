"""Billing's emails: a receipt after each paid order (once, however often Polar delivers
it), and the low-balance warning at the threshold the owner sets on the billing page."""

from __future__ import annotations

from html import unescape

import pytest
from django.core import mail as outbox

from billing import ledger
from billing.models import CreditAccount, LedgerEntry
from photos.models import Job

from .billing_fixtures import paid_order

SIGNUP = 10


def html_of(message) -> str:
    return next(content for content, mimetype in message.alternatives if mimetype == "text/html")


class TestReceipts:
    def test_a_paid_order_sends_one_receipt_with_both_parts(self, deliver, pack, user, settings,
                                                           django_capture_on_commit_callbacks):
        settings.PAINTY_PUBLIC_URL = "https://painty.example"
        with django_capture_on_commit_callbacks(execute=True):
            assert deliver("order.paid", paid_order(user), webhook_id="msg_1").status_code == 200
        receipts = [m for m in outbox.outbox if "Receipt" in m.subject]
        assert len(receipts) == 1
        message = receipts[0]
        assert message.to == [user.email]
        assert message.subject == "[Painty] Receipt: 100 credits added to your account"
        assert "100 credits were added to your Painty account alice@example.com" in message.body
        assert "Amount paid: 10.00 USD" in message.body and "Order: ord_1" in message.body
        assert f"Balance after this order: {SIGNUP + 100} credits" in message.body
        assert "https://painty.example/billing/" in message.body
        assert '<a href="https://painty.example/billing/"' in html_of(message)

    def test_replays_and_later_events_of_the_order_send_no_second_receipt(self, deliver, pack, user,
                                                                          django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks(execute=True):
            deliver("order.paid", paid_order(user), webhook_id="msg_1")
            deliver("order.paid", paid_order(user), webhook_id="msg_1")  # the same delivery again
            deliver("order.updated", paid_order(user), webhook_id="msg_2")  # the same order, another event
        assert len([m for m in outbox.outbox if "Receipt" in m.subject]) == 1

    def test_an_unpaid_order_sends_nothing(self, deliver, pack, user, django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks(execute=True):
            deliver("order.created", paid_order(user, paid=False), webhook_id="msg_1")
        assert not [m for m in outbox.outbox if "Receipt" in m.subject]

    def test_each_paid_order_gets_its_own_receipt(self, deliver, pack, user, django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks(execute=True):
            deliver("order.paid", paid_order(user, order_id="ord_1"), webhook_id="msg_1")
            deliver("order.paid", paid_order(user, order_id="ord_2"), webhook_id="msg_2")
        receipts = [m for m in outbox.outbox if "Receipt" in m.subject]
        assert [("Order: ord_1" in m.body, "Order: ord_2" in m.body) for m in receipts] == [(True, False), (False, True)]


def set_threshold(client, value):
    return client.post("/billing/low-balance", {"threshold": value}, follow=True)


def spend(user, amount=1):
    job = Job.objects.create(user=user, prompt="x", engine="echo", token=f"t{Job.objects.count()}", input_format="JPEG",
                             expires_at=Job.retention_deadline(), cost=amount)
    ledger.debit(user, amount, job=job)
    return job


def warnings_sent():
    return [m for m in outbox.outbox if "balance is down" in m.subject]


class TestLowBalance:
    def test_the_owner_sets_and_clears_the_threshold_on_the_billing_page(self, client, user):
        client.force_login(user)
        page = unescape(set_threshold(client, "5").content.decode())
        assert "We'll email alice@example.com when your balance falls below 5 credits." in page
        assert 'data-testid="low-balance-threshold">5 credits<' in page
        assert CreditAccount.objects.get(user=user).low_balance_threshold == 5
        page = set_threshold(client, "").content.decode()
        assert "Low-balance emails are off." in page
        assert CreditAccount.objects.get(user=user).low_balance_threshold is None

    @pytest.mark.parametrize("value, message", [
        ("abc", "Enter a whole number of credits"),
        ("0", "Enter at least 1 credit"),
        ("-3", "Enter at least 1 credit"),
        ("99999999999999999999", "Enter at most 1,000,000 credits."),
    ])
    def test_bad_input_is_explained_and_changes_nothing(self, client, user, value, message):
        client.force_login(user)
        set_threshold(client, "5")
        response = set_threshold(client, value)
        assert response.status_code == 200
        assert message in response.content.decode()
        assert CreditAccount.objects.get(user=user).low_balance_threshold == 5

    def test_it_needs_a_signed_in_post(self, client, user):
        assert client.post("/billing/low-balance", {"threshold": "5"}).status_code == 302
        client.force_login(user)
        assert client.get("/billing/low-balance").status_code == 405

    def test_crossing_the_threshold_sends_one_email(self, client, user, django_capture_on_commit_callbacks):
        client.force_login(user)
        set_threshold(client, "8")
        with django_capture_on_commit_callbacks(execute=True):
            spend(user)  # 10 → 9: above
            spend(user)  # 9 → 8: not below
        assert warnings_sent() == []
        with django_capture_on_commit_callbacks(execute=True):
            spend(user)  # 8 → 7: below
            spend(user)  # 7 → 6: still below, already told
        (message,) = warnings_sent()
        assert message.subject == "[Painty] Your balance is down to 7 credits"
        assert "has 7 credits left, below the 8 you asked us to warn you about" in message.body
        assert "402 insufficient_credits" in message.body
        assert html_of(message)

    def test_a_refund_does_not_rearm_it_but_new_credits_do(self, client, user, django_capture_on_commit_callbacks):
        client.force_login(user)
        set_threshold(client, "10")
        with django_capture_on_commit_callbacks(execute=True):
            job = spend(user)  # 10 → 9: email
            ledger.refund_job(job, "engine_unavailable")  # back to 10
            spend(user)  # 10 → 9 again: no second email for the same dip
        assert len(warnings_sent()) == 1
        with django_capture_on_commit_callbacks(execute=True):
            ledger.grant(user, 50, LedgerEntry.Kind.PURCHASE, reason="Starter")  # 59: armed again
            spend(user, 50)  # 59 → 9: a new email
        assert len(warnings_sent()) == 2

    def test_no_email_without_a_threshold(self, user, django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks(execute=True):
            for _ in range(10):
                spend(user)
        assert warnings_sent() == []

    def test_a_rolled_back_debit_sends_nothing(self, client, user, django_capture_on_commit_callbacks):
        from django.db import transaction

        client.force_login(user)
        set_threshold(client, "10")
        with django_capture_on_commit_callbacks(execute=True):
            with pytest.raises(RuntimeError), transaction.atomic():
                spend(user)
                raise RuntimeError("the request failed after the debit")
        assert warnings_sent() == []
        assert CreditAccount.objects.get(user=user).low_balance_alerted is False
