"""Pricing with and without packs, the low-balance email setting, and the password reset
that ends with a way back to log in — in chromium, desktop and phone."""

from __future__ import annotations

import re

from django.contrib.auth import get_user_model
from django.core import mail
from playwright.sync_api import expect

from billing.models import CreditAccount, CreditPack

from .conftest import PHONE, log_in, shot

PASSWORD = "a-long-test-passphrase-42"


def test_pricing_says_how_to_get_credits_when_none_are_on_sale_and_prices_per_credit_when_they_are(new_page, settings):
    settings.PAINTY_SUPPORT_EMAIL = "help@painty.example"
    page = new_page()
    page.goto("/billing/pricing")
    notice = page.get_by_test_id("not-on-sale")
    expect(notice).to_contain_text("Credits aren't on sale yet.")
    expect(notice.get_by_role("link", name="Write to help@painty.example")).to_have_attribute(
        "href", "mailto:help@painty.example")
    expect(page.locator("footer")).to_contain_text("Contact: help@painty.example")
    shot(page, "50-pricing-no-packs")
    phone = new_page(PHONE)
    phone.goto("/billing/pricing")
    expect(phone.get_by_test_id("not-on-sale")).to_be_visible()
    shot(phone, "51-phone-pricing-no-packs")
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth")

    settings.POLAR_ACCESS_TOKEN = "token"
    CreditPack.objects.create(name="Starter", polar_product_id="p1", credits=100, price_cents=1000)
    CreditPack.objects.create(name="Single", polar_product_id="p2", credits=1, price_cents=50)
    page.reload()
    expect(page.get_by_test_id("per-credit")).to_have_text(re.compile(r"From 0\.10 USD per credit"))
    expect(page.get_by_role("heading", name="Single: 1 credit", exact=True)).to_be_visible()
    shot(page, "52-pricing-with-packs")


def test_the_owner_sets_a_low_balance_email_on_the_billing_page(page):
    user = get_user_model().objects.create_user("low@example.com", "low@example.com", PASSWORD)
    log_in(page, "low@example.com", PASSWORD)
    page.get_by_role("link", name="Billing").first.click()
    field = page.get_by_label("Email me when my balance falls below")
    field.fill("0")
    assert field.evaluate("el => el.validity.valid") is False, "the browser refuses 0 before sending (min=1)"
    page.get_by_label("Email me when my balance falls below").fill("5")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".messages")).to_contain_text("when your balance falls below 5 credits")
    expect(page.get_by_test_id("low-balance-threshold")).to_have_text("5 credits")
    assert CreditAccount.objects.get(user=user).low_balance_threshold == 5
    shot(page, "53-billing-low-balance")


def test_a_password_reset_ends_with_a_log_in_button(page, settings):
    settings.PAINTY_SUPPORT_EMAIL = "help@painty.example"
    get_user_model().objects.create_user("forgot@example.com", "forgot@example.com", PASSWORD)
    page.goto("/accounts/login/")
    page.get_by_role("link", name=re.compile("Forgot your password", re.I)).click()
    page.get_by_label("Email").fill("forgot@example.com")
    page.get_by_role("button", name="Reset My Password").click()
    page.wait_for_url("**/accounts/password/reset/done/")
    expect(page.get_by_test_id("contact")).to_have_attribute("href", "mailto:help@painty.example")
    message = mail.outbox[-1]
    assert message.subject.startswith("[Painty] ") and "example.com]" not in message.subject
    link = re.search(r"https?://[^/\s]+(/accounts/password/reset/key/\S+)", message.body).group(1)
    page.goto(link)
    page.locator("#id_password1").fill("a-brand-new-passphrase-9")
    page.locator("#id_password2").fill("a-brand-new-passphrase-9")
    page.get_by_role("button", name=re.compile("Change Password", re.I)).click()
    expect(page.get_by_text("Your password is now changed.")).to_be_visible()
    shot(page, "54-password-reset-done")
    page.get_by_test_id("log-in").click()
    page.wait_for_url("**/accounts/login/")
    log_in(page, "forgot@example.com", "a-brand-new-passphrase-9")
