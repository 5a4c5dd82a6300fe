"""Account pages in the site's look, two-factor set-up and sign-in with it, and no
missing favicon on the admin and Swagger pages — in chromium, desktop and phone."""

from __future__ import annotations

from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value, yield_hotp_counters_from_time
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from .conftest import PHONE, log_in, shot

PASSWORD = "a-long-test-passphrase-42"


def code_for(secret: str) -> str:
    return format_hotp_value(hotp_value(secret, next(yield_hotp_counters_from_time())))


def open_totp_setup(page):
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Account").click()
    page.wait_for_url("**/accounts/email/")
    page.get_by_role("navigation", name="Account").get_by_role("link", name="Two-factor authentication").click()
    page.wait_for_url("**/accounts/2fa/")
    page.get_by_role("link", name="Activate").click()
    # allauth asks for the password again before two-factor settings change.
    page.wait_for_url("**/accounts/reauthenticate/**")
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Confirm").click()
    page.wait_for_url("**/accounts/2fa/totp/activate/")


def test_a_user_sets_up_two_factor_and_signs_in_with_it(page, new_page):
    user = get_user_model().objects.create_user("tfa@example.com", "tfa@example.com", PASSWORD)
    log_in(page, "tfa@example.com", PASSWORD)
    page.goto("/accounts/email/")
    expect(page.get_by_role("heading", name="Email Addresses")).to_be_visible()
    expect(page.locator(".account-nav [aria-current=page]")).to_have_text("Email addresses")
    shot(page, "30-account-email")

    open_totp_setup(page)
    qr = page.locator("img.qr")
    expect(qr).to_be_visible()
    page.wait_for_function("() => document.querySelector('img.qr').naturalWidth > 0")
    secret = page.locator("#authenticator_secret").input_value()
    shot(page, "31-2fa-setup")
    page.get_by_label("Authenticator code").fill(code_for(secret))
    page.get_by_role("button", name="Activate").click()
    page.wait_for_url("**/accounts/2fa/recovery-codes/")
    codes = page.locator("#recovery_codes").input_value().split()
    assert len(codes) == 10
    expect(page.locator(".messages")).to_contain_text("activated")
    shot(page, "32-2fa-recovery-codes")
    assert set(Authenticator.objects.filter(user=user).values_list("type", flat=True)) == {"totp", "recovery_codes"}

    page.get_by_role("button", name="Log out").click()
    page.goto("/accounts/login/")
    page.locator("#id_login").fill("tfa@example.com")
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url("**/accounts/2fa/authenticate/")
    shot(page, "33-2fa-sign-in")
    page.get_by_label("Code").fill(codes[0])
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url("**/dashboard/")

    phone = new_page(PHONE)
    get_user_model().objects.create_user("tfa-phone@example.com", "tfa-phone@example.com", PASSWORD)
    log_in(phone, "tfa-phone@example.com", PASSWORD)
    open_totp_setup(phone)
    expect(phone.locator("img.qr")).to_be_visible()
    phone.wait_for_function("() => document.querySelector('img.qr').naturalWidth > 0")
    shot(phone, "34-phone-2fa-setup")
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), "no sideways scrolling"


def test_admin_and_reference_pages_find_their_icon(new_page):
    get_user_model().objects.create_superuser("root@example.com", "root@example.com", PASSWORD)
    page = new_page()
    missing = []
    page.on("response", lambda response: missing.append(response.url) if response.status == 404 else None)
    log_in_admin = page.goto("/admin/")
    assert log_in_admin.ok
    page.locator("#id_login").fill("root@example.com")
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url("**/admin/")
    expect(page.locator("#site-name")).to_contain_text("Painty admin")
    page.goto("/admin/billing/ledgerentry/")
    shot(page, "35-admin-ledger")
    page.goto("/docs/reference")
    expect(page.get_by_text("Edit a photo from a text prompt").first).to_be_visible(timeout=20_000)
    # Chromium asks for /favicon.ico on pages without an icon link; give it time to.
    page.goto("/admin/does-not-exist-either/")
    page.wait_for_timeout(300)
    assert [url for url in missing if "favicon" in url] == []
    assert page.request.get("/favicon.ico").ok
