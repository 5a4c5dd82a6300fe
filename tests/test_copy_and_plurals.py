"""Words on the pages: plurals, the account named by its email, a pricing page that
says what to do when nothing is on sale, and "contact us" that goes somewhere."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model

from accounts.models import ApiKey
from billing import ledger
from billing.models import CreditPack, LedgerEntry
from tests import images


def test_key_settings_say_one_credit_not_one_credits(client, user, post_photo):
    post_photo(images.jpeg())
    key = ApiKey.objects.get(user=user)
    client.force_login(user)
    html = client.get(f"/dashboard/keys/{key.pk}/settings").content.decode()
    assert "spent this month: 1 credit<" in html
    post_photo(images.jpeg())
    html = client.get(f"/dashboard/keys/{key.pk}/settings").content.decode()
    assert "spent this month: 2 credits<" in html


def test_a_one_credit_pack_and_a_one_credit_balance_read_in_the_singular(client, user, settings):
    CreditPack.objects.create(name="Single", polar_product_id="prod_1", credits=1, price_cents=50)
    html = client.get("/billing/pricing").content.decode()
    assert "Single: 1 credit<" in html
    assert str(CreditPack.objects.get()) == "Single (1 credit)"


def test_the_success_page_speaks_in_the_singular_for_one_credit(client, user):
    client.force_login(user)
    ledger.grant(user, -9, LedgerEntry.Kind.ADMIN, reason="down to one")
    html = client.get("/billing/success").content.decode()
    assert '<span data-testid="balance-unit">credit</span>' in html


def test_the_billing_history_names_a_job_once(client, user, post_photo):
    post_photo(images.jpeg())
    client.force_login(user)
    html = client.get("/billing/").content.decode()
    job_id = LedgerEntry.objects.get(kind="job").job_id
    assert f"<td>Job #{job_id}</td>" in html
    assert f"Job #{job_id} · Job {job_id}" not in html


def test_a_refund_keeps_its_reason_beside_the_job():
    entry = LedgerEntry(job_id=7, reason="engine_unavailable: try later")
    assert entry.details == "Job #7 · engine_unavailable: try later"
    assert LedgerEntry(job_id=None, reason="Welcome credits").details == "Welcome credits"


def test_after_sign_up_the_account_is_named_by_its_email(client, db, mailoutbox):
    client.post(
        "/accounts/signup/",
        {"email": "newbie.tester@example.com", "password1": "a-long-passphrase-77", "password2": "a-long-passphrase-77"},
    )
    link = re.search(r"http://testserver(/accounts/confirm-email/\S+/)", mailoutbox[-1].body).group(1)
    response = client.post(link, follow=True)
    html = response.content.decode()
    assert "Successfully signed in as newbie.tester@example.com." in html
    assert get_user_model().objects.get().username == "newbie.tester"  # allauth's, never shown


class TestPricing:
    def test_with_no_packs_it_says_credits_are_not_on_sale_and_how_to_get_some(self, client, db, settings):
        settings.PAINTY_SUPPORT_EMAIL = "help@painty.example"
        settings.PAINTY_SIGNUP_CREDITS = 10
        html = client.get("/billing/pricing").content.decode()
        assert "Credits aren't on sale yet." in html
        assert "new accounts get 10 free credits" in html
        assert 'href="mailto:help@painty.example"' in html
        assert "Test keys" in html

    def test_without_a_support_address_there_is_no_dead_contact_link(self, client, db, settings):
        settings.PAINTY_SUPPORT_EMAIL = ""
        html = client.get("/billing/pricing").content.decode()
        assert "Credits aren't on sale yet." in html and "mailto:" not in html

    def test_with_packs_it_shows_the_price_per_credit(self, client, db, settings):
        settings.POLAR_ACCESS_TOKEN = "token"
        CreditPack.objects.create(name="Starter", polar_product_id="p1", credits=100, price_cents=1000)
        CreditPack.objects.create(name="Bulk", polar_product_id="p2", credits=1000, price_cents=3500)
        html = client.get("/billing/pricing").content.decode()
        assert "Credits aren't on sale yet." not in html
        assert re.search(r'data-testid="per-credit">From <strong>0\.035 USD</strong> per credit', html)
        assert "0.10 USD per credit" in html and "0.035 USD per credit" in html


@pytest.mark.parametrize(
    "path", ["/accounts/password/reset/", "/accounts/password/reset/done/", "/accounts/confirm-email/"]
)
def test_contact_us_links_to_the_support_address(client, db, settings, path):
    settings.PAINTY_SUPPORT_EMAIL = "help@painty.example"
    html = client.get(path).content.decode()
    assert 'href="mailto:help@painty.example"' in html
    settings.PAINTY_SUPPORT_EMAIL = ""
    html = client.get(path).content.decode()
    assert "contact us" not in html.lower()


def test_the_footer_links_the_support_address(client, db, settings):
    settings.PAINTY_SUPPORT_EMAIL = "help@painty.example"
    assert "Contact: help@painty.example" in client.get("/").content.decode()


def test_the_password_reset_done_pages_lead_back_to_log_in(client, user, mailoutbox):
    html = client.get("/accounts/password/reset/done/").content.decode()
    assert 'href="/accounts/login/"' in html
    client.post("/accounts/password/reset/", {"email": user.email})
    link = re.search(r"http://testserver(/accounts/password/reset/key/\S+)", mailoutbox[0].body).group(1)
    form = client.get(link, follow=True)
    done = client.post(form.redirect_chain[-1][0], {"password1": "brand-new-pass-77", "password2": "brand-new-pass-77"},
                       follow=True)
    html = done.content.decode()
    assert "Your password is now changed." in html
    assert 'data-testid="log-in"' in html and 'href="/accounts/login/"' in html


def test_a_bad_support_email_setting_is_refused_at_start_up(tmp_path):
    import os
    import subprocess
    import sys

    env = {**os.environ, "PAINTY_SUPPORT_EMAIL": "not an address", "PAINTY_DATA_DIR": str(tmp_path)}
    run = subprocess.run([sys.executable, "-c", "import painty.settings"], env=env, capture_output=True, text=True)
    assert run.returncode != 0
    assert "PAINTY_SUPPORT_EMAIL must be an email address, not 'not an address'" in run.stderr
