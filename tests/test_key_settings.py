"""Per-key limits: a monthly credit cap, an expiry date and allowed IP ranges."""

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.models import ApiKey
from billing import ledger
from tests import images


def key_of(user) -> ApiKey:
    return ApiKey.objects.get(user=user)


def test_the_monthly_cap_stops_spending_on_that_key(post_photo, user):
    ApiKey.objects.filter(user=user).update(monthly_credit_cap=2)
    assert post_photo(images.jpeg()).status_code == 200
    assert post_photo(images.jpeg()).status_code == 200
    response = post_photo(images.jpeg())
    assert response.status_code == 402
    assert response.json()["error"]["code"] == "key_cap_reached"
    assert ledger.balance_of(user) == 8


def test_refunded_jobs_do_not_count_against_the_cap(post_photo, user, settings):
    ApiKey.objects.filter(user=user).update(monthly_credit_cap=1)
    settings.PAINTY_JOB_TIMEOUT = 0.2
    settings.PAINTY_ECHO_DELAY = 1
    assert post_photo(images.jpeg()).status_code == 504
    settings.PAINTY_ECHO_DELAY = 0
    assert post_photo(images.jpeg()).status_code == 200


def test_an_expired_key_is_401(client, user, auth):
    ApiKey.objects.filter(user=user).update(expires_at=timezone.now() - timedelta(minutes=1))
    response = client.get("/api/v1/account", **auth)
    assert response.status_code == 401
    assert "expired" in response.json()["error"]["message"]


def test_a_key_before_its_expiry_works(client, user, auth):
    ApiKey.objects.filter(user=user).update(expires_at=timezone.now() + timedelta(days=1))
    assert client.get("/api/v1/account", **auth).status_code == 200


def test_allowed_ip_ranges_are_enforced(client, user, auth):
    ApiKey.objects.filter(user=user).update(allowed_ips="203.0.113.0/24, 2001:db8::/32")
    response = client.get("/api/v1/account", REMOTE_ADDR="198.51.100.7", **auth)
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "ip_not_allowed"
    assert client.get("/api/v1/account", REMOTE_ADDR="203.0.113.9", **auth).status_code == 200
    assert client.get("/api/v1/account", REMOTE_ADDR="2001:db8::5", **auth).status_code == 200


def test_the_owner_edits_key_settings_in_the_dashboard(client, user, api_key):
    client.force_login(user)
    key = key_of(user)
    response = client.post(
        f"/dashboard/keys/{key.pk}/settings",
        {"monthly_credit_cap": "50", "expires_at": "2031-01-01T00:00", "allowed_ips": "10.0.0.0/8", "webhook_url": ""},
    )
    assert response.status_code == 302
    key.refresh_from_db()
    assert key.monthly_credit_cap == 50
    assert key.expires_at.year == 2031
    assert key.allowed_ips == "10.0.0.0/8"


def test_bad_ip_ranges_are_refused(client, user, api_key):
    client.force_login(user)
    key = key_of(user)
    response = client.post(f"/dashboard/keys/{key.pk}/settings", {"allowed_ips": "10.0.0.0/99"})
    assert response.status_code == 200
    assert "not an IP address" in response.content.decode()
    key.refresh_from_db()
    assert key.allowed_ips == ""


@pytest.mark.parametrize(
    "url", ["https://10.0.0.5/hook", "https://[::ffff:127.0.0.1]/hook", "https://169.254.169.254/", "http://8.8.8.8/x"]
)
def test_a_default_webhook_url_painty_may_not_call_is_refused(client, user, api_key, url):
    client.force_login(user)
    key = key_of(user)
    response = client.post(f"/dashboard/keys/{key.pk}/settings", {"webhook_url": url})
    assert response.status_code == 200
    assert "Painty can&#x27;t call this URL" in response.content.decode()
    key.refresh_from_db()
    assert key.webhook_url == ""


def test_a_public_default_webhook_url_is_saved(client, user, api_key):
    client.force_login(user)
    key = key_of(user)
    response = client.post(f"/dashboard/keys/{key.pk}/settings", {"webhook_url": "https://8.8.8.8/hook"})
    assert response.status_code == 302
    key.refresh_from_db()
    assert key.webhook_url == "https://8.8.8.8/hook"


def test_a_test_key_is_created_from_the_dashboard(client, user):
    client.force_login(user)
    client.post("/dashboard/keys/new", {"name": "Sandbox", "test_mode": "on"})
    assert key_of(user).test_mode is True
    assert "pk_test_" in client.get("/dashboard/").content.decode()
