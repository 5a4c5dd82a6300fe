"""Bearer API keys: digests only, revocation at once, 401 with WWW-Authenticate."""

from accounts.models import ApiKey, digest
from tests import images


def test_it_requires_a_key(client):
    response = client.get("/api/v1/account")
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert response.json()["error"]["code"] == "missing_api_key"


def test_it_rejects_an_unknown_key(client, user):
    response = client.get("/api/v1/account", HTTP_AUTHORIZATION="Bearer pk_live_" + "x" * 43)
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "invalid_api_key"


def test_it_rejects_a_non_bearer_scheme(client, api_key):
    response = client.get("/api/v1/account", HTTP_AUTHORIZATION=f"Basic {api_key}")
    assert response.status_code == 401


def test_it_stores_only_a_digest_and_the_last_four(user):
    key, raw = ApiKey.issue(user, "CI")
    assert raw.startswith("pk_live_") and len(raw) >= len("pk_live_") + 32
    assert key.key_hash == digest(raw) and raw not in key.key_hash
    assert key.last4 == raw[-4:]
    assert raw not in str(ApiKey.objects.values().get(pk=key.pk))


def test_a_revoked_key_stops_working_at_once(client, user, api_key, auth, post_photo):
    assert client.get("/api/v1/account", **auth).status_code == 200
    ApiKey.objects.get(user=user).revoke()
    assert client.get("/api/v1/account", **auth).status_code == 401
    assert post_photo(images.jpeg()).status_code == 401


def test_a_deactivated_user_cannot_use_their_keys(client, user, auth):
    user.is_active = False
    user.save()
    assert client.get("/api/v1/account", **auth).status_code == 401


def test_use_is_recorded(client, user, auth):
    key = ApiKey.objects.get(user=user)
    assert key.last_used_at is None
    client.get("/api/v1/account", **auth)
    key.refresh_from_db()
    assert key.last_used_at is not None


def test_auth_is_checked_before_the_body(client, user):
    response = client.post("/api/v1/photo", {"prompt": ""})
    assert response.status_code == 401
