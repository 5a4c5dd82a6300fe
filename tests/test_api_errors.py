"""One JSON error shape on every /api/ path, with DEBUG on or off, and rate limiting."""

import pytest

from tests import images


def error_of(response):
    assert response["Content-Type"].startswith("application/json"), response.content[:200]
    body = response.json()
    assert body["status"] == "error" and set(body["error"]) == {"code", "message", "param"}
    return body["error"]


@pytest.mark.parametrize("debug", [False, True])
def test_unknown_api_paths_are_json_404(client, settings, debug):
    settings.DEBUG = debug
    response = client.get("/api/v1/nope")
    assert response.status_code == 404
    assert error_of(response)["code"] == "not_found"


def test_wrong_method_is_json_405(client, auth):
    response = client.delete("/api/v1/photo", **auth)
    assert response.status_code == 405
    assert error_of(response)["code"] == "method_not_allowed"


@pytest.mark.parametrize("debug", [False, True])
def test_an_unhandled_exception_is_json_500_without_traceback(client, auth, settings, monkeypatch, debug):
    settings.DEBUG = debug
    from photos import api

    def explode(*args, **kwargs):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(api.ledger, "balance_of", explode)
    client.raise_request_exception = False
    response = client.get("/api/v1/account", **auth)
    assert response.status_code == 500
    error = error_of(response)
    assert error["code"] == "internal_error"
    assert "secret internals" not in response.content.decode()


def test_the_slash_variant_of_the_endpoint_works(post_photo, client, auth):
    assert client.get("/api/v1/account/", **auth).status_code == 200


def test_responses_carry_a_request_id(client, auth):
    response = client.get("/api/v1/account", HTTP_X_REQUEST_ID="abc-123", **auth)
    assert response["X-Request-Id"] == "abc-123"
    assert len(client.get("/api/v1/account", **auth)["X-Request-Id"]) == 32


def test_rate_limit_is_429_with_retry_after(client, auth, settings):
    settings.PAINTY_RATE_LIMIT = "3/m"
    statuses = [client.get("/api/v1/account", **auth).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    response = client.get("/api/v1/account", **auth)
    assert error_of(response)["code"] == "rate_limited"
    assert 1 <= int(response["Retry-After"]) <= 60


def test_rate_limit_is_per_key(client, user, settings):
    from accounts.models import ApiKey

    settings.PAINTY_RATE_LIMIT = "2/m"
    first, second = (ApiKey.issue(user, name)[1] for name in ("a", "b"))
    for _ in range(2):
        client.get("/api/v1/account", HTTP_AUTHORIZATION=f"Bearer {first}")
    assert client.get("/api/v1/account", HTTP_AUTHORIZATION=f"Bearer {first}").status_code == 429
    assert client.get("/api/v1/account", HTTP_AUTHORIZATION=f"Bearer {second}").status_code == 200


def test_rate_limited_photo_requests_cost_nothing(post_photo, user, settings):
    from billing.ledger import balance_of

    settings.PAINTY_RATE_LIMIT = "1/m"
    assert post_photo(images.jpeg()).status_code == 200
    assert post_photo(images.jpeg()).status_code == 429
    assert balance_of(user) == 9
