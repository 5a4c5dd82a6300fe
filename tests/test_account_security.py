"""Logins are throttled everywhere (the admin too), and no page tells a stranger
whether an email address has an account."""

import os
import re
import subprocess
import sys

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

ADMIN_PASSWORD = "pw-admin-123"


@pytest.fixture
def admin_user(db):
    return get_user_model().objects.create_superuser("root@example.com", "root@example.com", ADMIN_PASSWORD)


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


class TestTheAdminLogin:
    def test_it_sends_you_to_the_sites_login_page_keeping_next(self, client, db):
        response = client.get("/admin/login/?next=/admin/photos/job/")
        assert response.status_code == 302
        assert response["Location"] == "/accounts/login/?next=%2Fadmin%2Fphotos%2Fjob%2F"

    def test_it_drops_a_next_that_leaves_the_site(self, client, db):
        response = client.get("/admin/login/?next=https://evil.example/")
        assert response["Location"] == "/accounts/login/?next=%2Fadmin%2F"

    def test_the_admin_index_leads_to_the_sites_login_page(self, client, db):
        first = client.get("/admin/")
        assert first.status_code == 302
        assert client.get(first["Location"])["Location"].startswith("/accounts/login/?next=%2Fadmin%2F")

    def test_thirty_wrong_passwords_then_the_right_one_do_not_get_in(self, client, admin_user):
        for attempt in range(30):
            client.post("/admin/login/", {"username": "root@example.com", "password": f"guess-{attempt}"})
        response = client.post("/admin/login/", {"username": "root@example.com", "password": ADMIN_PASSWORD})
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
        assert not signed_in(client)
        assert client.get("/admin/").status_code == 302

    def test_after_repeated_failures_even_the_right_password_is_refused(self, client, admin_user):
        for attempt in range(5):
            response = client.post("/accounts/login/?next=/admin/", {"login": "root@example.com", "password": f"x{attempt}"})
            assert response.status_code == 200 and not signed_in(client)
        response = client.post("/accounts/login/?next=/admin/", {"login": "root@example.com", "password": ADMIN_PASSWORD})
        assert response.status_code in (200, 429)
        assert "Too many failed login attempts" in response.content.decode()
        assert not signed_in(client)

    def test_the_right_password_gets_a_staff_user_into_the_admin(self, client, admin_user):
        response = client.post("/accounts/login/?next=/admin/", {"login": "root@example.com", "password": ADMIN_PASSWORD})
        assert response.status_code == 302 and response["Location"] == "/admin/"
        assert client.get("/admin/").status_code == 200
        assert client.get("/admin/login/?next=/admin/photos/job/")["Location"] == "/admin/photos/job/"

    def test_a_signed_in_customer_is_told_they_have_no_admin_access(self, client, user):
        client.force_login(user)
        response = client.get("/admin/login/?next=/admin/")
        assert response.status_code == 403
        assert "not a staff account" in response.content.decode()


class TestTrustedProxies:
    def failures_then_login(self, settings, proxies: int):
        settings.ALLAUTH_TRUSTED_PROXY_COUNT = proxies
        attacker, alice = Client(), Client()
        for n in range(10):
            attacker.post("/accounts/login/", {"login": f"who{n}@example.com", "password": "x"}, HTTP_X_FORWARDED_FOR="198.51.100.7")
        alice.post("/accounts/login/", {"login": "alice@example.com", "password": "correct horse battery"}, HTTP_X_FORWARDED_FOR="203.0.113.9")
        return signed_in(alice)

    def test_behind_a_proxy_one_clients_failures_do_not_lock_out_another(self, settings, user):
        assert self.failures_then_login(settings, proxies=1)

    def test_without_the_setting_every_client_shares_the_proxys_address(self, settings, user):
        assert not self.failures_then_login(settings, proxies=0)

    def test_the_setting_comes_from_painty_trusted_proxies(self):
        code = "from painty import settings; print(settings.ALLAUTH_TRUSTED_PROXY_COUNT)"
        env = {**os.environ, "SECRET_KEY": "x", "PAINTY_TRUSTED_PROXIES": "2"}
        out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
        assert out.stdout.strip() == "2"


def page_text(response, email="") -> str:
    """The page without the parts that differ on every request (CSRF tokens) or echo the input."""
    text = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())
    return text.replace(email, "EMAIL") if email else text


class TestNoEmailEnumeration:
    def sign_up(self, email):
        client = Client()
        response = client.post(
            "/accounts/signup/", {"email": email, "password1": "a-long-passphrase-42", "password2": "a-long-passphrase-42"}
        )
        return response, client.get(response["Location"]) if response.status_code == 302 else response

    def test_signing_up_with_a_taken_email_looks_like_a_new_sign_up(self, user, mailoutbox):
        taken, taken_page = self.sign_up("alice@example.com")
        new, new_page = self.sign_up("someone-new@example.com")
        assert (taken.status_code, taken["Location"]) == (new.status_code, new["Location"]) == (302, "/accounts/confirm-email/")
        assert page_text(taken_page, "alice@example.com") == page_text(new_page, "someone-new@example.com")
        assert "already" not in page_text(taken_page).lower()
        # The taken address gets a "you already have an account" email instead; the account is untouched.
        assert get_user_model().objects.filter(email__iexact="alice@example.com").count() == 1
        user.refresh_from_db()
        assert user.check_password("correct horse battery")
        assert {tuple(m.to) for m in mailoutbox} == {("alice@example.com",), ("someone-new@example.com",)}

    def test_password_reset_for_an_unknown_email_looks_like_a_known_one(self, user, mailoutbox):
        known = Client().post("/accounts/password/reset/", {"email": "alice@example.com"})
        unknown = Client().post("/accounts/password/reset/", {"email": "nobody@example.com"})
        assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
        assert known.status_code == 302
        assert page_text(Client().get(known["Location"])) == page_text(Client().get(unknown["Location"]))
