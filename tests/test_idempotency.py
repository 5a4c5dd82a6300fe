"""`Idempotency-Key`: same key and body → the first response, charged once; different body → 409."""

from concurrent.futures import ThreadPoolExecutor

import requests

from accounts.models import ApiKey
from billing import ledger
from photos.models import IdempotencyRecord, Job
from tests import images


def test_a_replay_returns_the_first_response_and_charges_once(post_photo, user):
    image = images.jpeg()
    first = post_photo(image, HTTP_IDEMPOTENCY_KEY="order-1")
    second = post_photo(image, HTTP_IDEMPOTENCY_KEY="order-1")
    assert first.status_code == second.status_code == 200
    assert first.json() == second.json()
    assert second["Idempotent-Replayed"] == "true"
    assert second["X-Credits-Charged"] == "0"
    assert Job.objects.count() == 1
    assert ledger.balance_of(user) == 9


def test_the_same_key_with_a_different_body_is_409(post_photo, user):
    post_photo(images.jpeg(), HTTP_IDEMPOTENCY_KEY="order-2")
    response = post_photo(images.jpeg(), prompt="something else", HTTP_IDEMPOTENCY_KEY="order-2")
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "idempotency_key_reused"
    response = post_photo(images.png(), HTTP_IDEMPOTENCY_KEY="order-2")
    assert response.status_code == 409
    assert ledger.balance_of(user) == 9


def test_different_keys_are_different_requests(post_photo, user):
    image = images.jpeg()
    post_photo(image, HTTP_IDEMPOTENCY_KEY="a")
    post_photo(image, HTTP_IDEMPOTENCY_KEY="b")
    assert ledger.balance_of(user) == 8


def test_a_validation_error_is_replayed_too(post_photo, user):
    first = post_photo(b"<html>", HTTP_IDEMPOTENCY_KEY="bad-1")
    second = post_photo(b"<html>", HTTP_IDEMPOTENCY_KEY="bad-1")
    assert first.status_code == second.status_code == 415
    assert second["Idempotent-Replayed"] == "true"


def test_a_retryable_failure_is_not_kept(post_photo, user, settings):
    settings.PAINTY_JOB_TIMEOUT = 0.2
    settings.PAINTY_ECHO_DELAY = 1
    image = images.jpeg()
    assert post_photo(image, HTTP_IDEMPOTENCY_KEY="retry-me").status_code == 504
    assert not IdempotencyRecord.objects.exists()
    settings.PAINTY_ECHO_DELAY = 0
    assert post_photo(image, HTTP_IDEMPOTENCY_KEY="retry-me").status_code == 200
    assert ledger.balance_of(user) == 9


def test_keys_are_scoped_to_the_account(client, user, other_user):
    from django.core.files.uploadedfile import SimpleUploadedFile

    image = images.jpeg()
    for owner in (user, other_user):
        raw = ApiKey.issue(owner, "k")[1]
        response = client.post(
            "/api/v1/photo",
            {"prompt": "brighten", "image": SimpleUploadedFile("p.jpg", image)},
            HTTP_AUTHORIZATION=f"Bearer {raw}",
            HTTP_IDEMPOTENCY_KEY="shared-name",
        )
        assert response.status_code == 200
        assert "Idempotent-Replayed" not in response
    assert ledger.balance_of(user) == ledger.balance_of(other_user) == 9


def test_concurrent_duplicates_charge_once(live_server, transactional_db, django_user_model, settings):
    settings.PAINTY_ECHO_DELAY = 0.5
    owner = django_user_model.objects.create_user("idem@example.com", "idem@example.com", "pw-12345678")
    raw = ApiKey.issue(owner, "k")[1]
    image = images.jpeg()

    def call(_):
        response = requests.post(
            f"{live_server.url}/api/v1/photo",
            headers={"Authorization": f"Bearer {raw}", "Idempotency-Key": "concurrent-1"},
            files={"image": ("p.jpg", image, "image/jpeg")},
            data={"prompt": "brighten"},
            timeout=60,
        )
        return response.status_code, response.json()

    with ThreadPoolExecutor(max_workers=8) as pool:
        outcomes = list(pool.map(call, range(8)))
    assert {status for status, _ in outcomes} == {200}
    assert len({body["data"]["jobId"] for _, body in outcomes}) == 1
    assert Job.objects.filter(user=owner).count() == 1
    assert ledger.balance_of(owner) == 9
