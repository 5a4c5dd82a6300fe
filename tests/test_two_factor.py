"""Account pages in the site's look, and two-factor authentication (allauth.mfa: an
authenticator app with recovery codes), optional for customers and, with
PAINTY_STAFF_REQUIRE_2FA, required before the admin opens for staff."""

from __future__ import annotations

import re

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value, yield_hotp_counters_from_time
from django.contrib.auth import get_user_model
from django.core import mail

PASSWORD = "correct horse battery"


def log_in(client, email="alice@example.com", password=PASSWORD):
    """Through the login form, as a person does (allauth then counts the sign-in as recent)."""
    return client.post("/accounts/login/", {"login": email, "password": password})


def confirm_password(client, password=PASSWORD):
    """allauth asks for the password again before two-factor settings change (a fresh
    sign-in doesn't count), so that a borrowed session can't lock its owner out."""
    response = client.post("/accounts/reauthenticate/", {"password": password})
    assert response.status_code == 302, response.content.decode()[:1000]


def current_code(secret: str) -> str:
    return format_hotp_value(hotp_value(secret, next(yield_hotp_counters_from_time())))


def activate_totp(client) -> str:
    confirm_password(client)
    page = client.get("/accounts/2fa/totp/activate/")
    assert page.status_code == 200
    secret = client.session["mfa.totp.secret"]
    response = client.post("/accounts/2fa/totp/activate/", {"code": current_code(secret)})
    assert response.status_code == 302, response.content.decode()[:2000]
    return secret


@pytest.mark.parametrize(
    "path, current",
    [("/accounts/email/", "Email addresses"), ("/accounts/password/change/", "Password"),
     ("/accounts/2fa/", "Two-factor authentication")],
)
def test_account_pages_use_the_site_layout_and_menu(client, user, path, current):
    log_in(client)
    html = client.get(path).content.decode()
    assert 'class="container account-page"' in html
    assert 'href="/static/css/painty.css"' in html
    assert re.search(rf'href="[^"]+" aria-current="page">{current}</a>', html)
    assert '<a href="/accounts/email/">Account</a>' in html, "linked from the top navigation"
    assert "Menu:" not in html


def test_the_email_page_styles_addresses_as_choices_with_badges(client, user):
    log_in(client)
    html = client.get("/accounts/email/").content.decode()
    assert 'class="field check-row"' in html
    assert '<span class="pill ok">' in html  # Verified
    assert '<button class="danger"' in html and "Remove" in html


def test_the_totp_setup_page_shows_a_qr_code_and_the_secret(client, user):
    log_in(client)
    confirm_password(client)
    html = client.get("/accounts/2fa/totp/activate/").content.decode()
    assert re.search(r'<img src="data:image/svg\+xml;base64,[^"]+" alt="[A-Z2-7]+" class="qr"', html)
    secret = client.session["mfa.totp.secret"]
    assert f'value="{secret}"' in html


def test_the_authenticator_app_names_the_site(user):
    from allauth.mfa.adapter import get_adapter

    url = get_adapter().build_totp_url(user, "JBSWY3DPEHPK3PXP")
    assert url == "otpauth://totp/alice%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=Painty"


def test_activating_totp_asks_for_the_password_first(client, user):
    log_in(client)
    response = client.get("/accounts/2fa/totp/activate/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/reauthenticate/")
    page = client.get(response["Location"]).content.decode()
    assert 'class="container auth-page"' in page and "Confirm Access" in page


def test_activating_totp_creates_recovery_codes_and_mails_the_owner(client, user, django_capture_on_commit_callbacks):
    log_in(client)
    confirm_password(client)
    page = client.get("/accounts/2fa/totp/activate/")
    assert page.status_code == 200
    secret = client.session["mfa.totp.secret"]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/accounts/2fa/totp/activate/", {"code": current_code(secret)}, follow=True)
    assert response.redirect_chain[-1][0] == "/accounts/2fa/recovery-codes/"
    html = response.content.decode()
    assert 'id="recovery_codes"' in html
    types = set(Authenticator.objects.filter(user=user).values_list("type", flat=True))
    assert types == {"totp", "recovery_codes"}
    (notice,) = [m for m in mail.outbox if "Authenticator" in m.subject]
    assert notice.subject.startswith("[Painty] ")
    assert any(mimetype == "text/html" for _, mimetype in notice.alternatives)


def test_a_wrong_code_is_refused_and_nothing_is_activated(client, user):
    log_in(client)
    confirm_password(client)
    client.get("/accounts/2fa/totp/activate/")
    response = client.post("/accounts/2fa/totp/activate/", {"code": "000000"})
    assert response.status_code == 200
    assert "Incorrect code." in response.content.decode()
    assert not Authenticator.objects.filter(user=user).exists()


def test_with_2fa_on_the_login_asks_for_a_code_and_takes_a_recovery_code(client, user):
    log_in(client)
    activate_totp(client)
    codes = Authenticator.objects.get(user=user, type="recovery_codes").wrap().get_unused_codes()
    client.post("/accounts/logout/")
    response = log_in(client)
    assert response.status_code == 302 and response["Location"] == "/accounts/2fa/authenticate/"
    assert client.get("/dashboard/").status_code == 302, "not signed in before the second factor"
    page = client.get("/accounts/2fa/authenticate/").content.decode()
    assert 'class="container auth-page"' in page
    response = client.post("/accounts/2fa/authenticate/", {"code": codes[0]})
    assert response.status_code == 302 and response["Location"] == "/dashboard/"
    assert client.get("/dashboard/").status_code == 200


def test_a_wrong_second_factor_does_not_sign_in(client, user):
    log_in(client)
    activate_totp(client)
    client.post("/accounts/logout/")
    log_in(client)
    response = client.post("/accounts/2fa/authenticate/", {"code": "12345678"})
    assert response.status_code == 200 and "Incorrect code." in response.content.decode()
    assert client.get("/dashboard/").status_code == 302


class TestStaffRequirement:
    @pytest.fixture
    def staff(self, db):
        return get_user_model().objects.create_superuser("root@example.com", "root@example.com", PASSWORD)

    def test_staff_without_2fa_are_sent_to_set_it_up_before_the_admin(self, client, staff, settings):
        settings.PAINTY_STAFF_REQUIRE_2FA = True
        log_in(client, "root@example.com")
        for path in ("/admin/", "/admin/billing/ledgerentry/"):
            response = client.get(path)
            assert response.status_code == 302 and response["Location"] == "/accounts/2fa/", path
        page = client.get("/accounts/2fa/").content.decode()
        assert "Staff accounts need two-factor authentication before the admin opens" in page
        assert client.get("/dashboard/").status_code == 200, "the rest of the site stays open"

    def test_staff_with_2fa_get_in(self, client, staff, settings):
        settings.PAINTY_STAFF_REQUIRE_2FA = True
        log_in(client, "root@example.com")
        activate_totp(client)
        assert client.get("/admin/").status_code == 200

    def test_without_the_setting_2fa_stays_optional_for_staff(self, client, staff, settings):
        settings.PAINTY_STAFF_REQUIRE_2FA = False
        log_in(client, "root@example.com")
        assert client.get("/admin/").status_code == 200

    def test_customers_are_not_asked_for_2fa(self, client, user, settings):
        settings.PAINTY_STAFF_REQUIRE_2FA = True
        log_in(client)
        response = client.get("/admin/")
        assert response.status_code == 302 and "/accounts/2fa/" not in response["Location"]
        assert client.get("/dashboard/").status_code == 200
