"""Every API response says what it cost, what is left, and where the rate limit stands."""

import time

from tests import images


def test_a_successful_photo_request_reports_cost_balance_and_rate(post_photo, settings):
    settings.PAINTY_RATE_LIMIT = "5/m"
    response = post_photo(images.jpeg())
    assert response["X-Credits-Charged"] == "1"
    assert response["X-Credits-Remaining"] == "9"
    assert response["X-RateLimit-Limit"] == "5"
    assert response["X-RateLimit-Remaining"] == "4"
    assert -1 < int(response["X-RateLimit-Reset"]) - time.time() <= 61  # whole seconds: the reset may be this second
    assert response["X-Request-Id"]


def test_an_error_reports_nothing_charged(post_photo):
    response = post_photo(images.jpeg(), prompt="")
    assert response.status_code == 400
    assert response["X-Credits-Charged"] == "0"
    assert response["X-Credits-Remaining"] == "10"


def test_a_refunded_failure_reports_nothing_charged(post_photo, settings):
    settings.PAINTY_JOB_TIMEOUT = 0.2
    settings.PAINTY_ECHO_DELAY = 1
    response = post_photo(images.jpeg())
    assert response.status_code == 504
    assert response["X-Credits-Charged"] == "0"
    assert response["X-Credits-Remaining"] == "10"


def test_a_429_carries_retry_after_and_zero_remaining(client, auth, settings):
    settings.PAINTY_RATE_LIMIT = "1/m"
    client.get("/api/v1/account", **auth)
    response = client.get("/api/v1/account", **auth)
    assert response.status_code == 429
    assert response["X-RateLimit-Remaining"] == "0"
    assert int(response["Retry-After"]) >= 1


def test_a_401_still_carries_a_request_id_and_charge(client):
    response = client.get("/api/v1/account")
    assert response["X-Credits-Charged"] == "0" and response["X-Request-Id"]
