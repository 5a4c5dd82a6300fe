"""The dashboard and API keys from the browser side (sign-up: test_signup_credits.py)."""

import re

from accounts.models import ApiKey
from tests import images


def test_the_dashboard_requires_login(client, db):
    response = client.get("/dashboard/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_new_key_is_shown_exactly_once_and_works(client, user):
    client.force_login(user)
    client.post("/dashboard/keys/new", {"name": "Production"})
    first = client.get("/dashboard/").content.decode()
    raw = re.search(r'id="new-key"[^>]*>(pk_live_[A-Za-z0-9_-]+)<', first).group(1)
    assert raw not in client.get("/dashboard/").content.decode()
    assert client.get("/api/v1/account", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 200
    assert ApiKey.objects.get(user=user).name == "Production"


def test_a_key_needs_a_name(client, user):
    client.force_login(user)
    client.post("/dashboard/keys/new", {"name": ""})
    assert not ApiKey.objects.filter(user=user).exists()


def test_revoking_from_the_dashboard_cuts_the_key_off(client, user, api_key):
    client.force_login(user)
    key = ApiKey.objects.get(user=user)
    client.post(f"/dashboard/keys/{key.pk}/revoke")
    assert client.get("/api/v1/account", HTTP_AUTHORIZATION=f"Bearer {api_key}").status_code == 401


def test_nobody_can_revoke_someone_elses_key(client, user, other_user, api_key):
    client.force_login(other_user)
    key = ApiKey.objects.get(user=user)
    assert client.post(f"/dashboard/keys/{key.pk}/revoke").status_code == 404
    key.refresh_from_db()
    assert key.is_active


def test_recent_jobs_show_with_thumbnail_status_cost_and_time(client, user, post_photo):
    post_photo(images.jpeg(), prompt="Brighten the sky")
    client.force_login(user)
    page = client.get("/dashboard/").content.decode()
    assert "Brighten the sky" in page
    assert 'class="thumb"' in page and "/files/jobs/" in page
    assert "succeeded" in page and " ms" in page


def test_password_reset_sends_an_email_with_a_working_link(client, user, mailoutbox):
    client.post("/accounts/password/reset/", {"email": "alice@example.com"})
    assert len(mailoutbox) == 1
    link = re.search(r"http://testserver(/accounts/password/reset/key/\S+)", mailoutbox[0].body).group(1)
    page = client.get(link, follow=True)
    assert page.status_code == 200
    response = client.post(
        page.redirect_chain[-1][0] if page.redirect_chain else link,
        {"password1": "brand-new-pass-77", "password2": "brand-new-pass-77"},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("brand-new-pass-77")


def test_login_with_email_and_password(client, user):
    response = client.post("/accounts/login/", {"login": "alice@example.com", "password": "correct horse battery"})
    assert response.status_code == 302 and response["Location"] == "/dashboard/"
