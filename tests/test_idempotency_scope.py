"""Idempotency keys belong to the API key that sent them: a test key and a live
key of one account never answer each other's requests."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from accounts.models import ApiKey
from billing import ledger
from photos.models import IdempotencyRecord, Job
from tests import images
from tests.test_photo_happy_path import fetch

SOURCE = images.png((64, 48), mode="RGB")


def send(client, raw_key, idempotency_key="order-42"):
    return client.post(
        "/api/v1/photo",
        {"prompt": "brighten", "image": SimpleUploadedFile("p.png", SOURCE)},
        HTTP_AUTHORIZATION=f"Bearer {raw_key}",
        HTTP_IDEMPOTENCY_KEY=idempotency_key,
    )


def result_pixels(client, response) -> bytes:
    body = b"".join(fetch(client, response.json()["data"]["resultUrls"][0]).streaming_content)
    return Image.open(io.BytesIO(body)).convert("RGB").tobytes()


def test_a_live_key_never_replays_a_test_keys_watermarked_result(client, user):
    test_key = ApiKey.issue(user, "Sandbox", test=True)[1]
    live_key = ApiKey.issue(user, "Production")[1]

    first = send(client, test_key)
    assert first.status_code == 200
    second = send(client, live_key)
    assert second.status_code == 200
    assert "Idempotent-Replayed" not in second
    assert second["X-Credits-Charged"] == "1"
    assert ledger.balance_of(user) == 9
    assert second.json()["data"]["jobId"] != first.json()["data"]["jobId"]
    assert [job.test_mode for job in Job.objects.order_by("id")] == [True, False]
    assert result_pixels(client, second) == Image.open(io.BytesIO(SOURCE)).convert("RGB").tobytes()  # no watermark
    assert IdempotencyRecord.objects.filter(key="order-42").count() == 2


def test_a_test_key_never_replays_a_live_keys_result(client, user):
    live_key = ApiKey.issue(user, "Production")[1]
    test_key = ApiKey.issue(user, "Sandbox", test=True)[1]
    assert send(client, live_key).status_code == 200
    replay = send(client, test_key)
    assert "Idempotent-Replayed" not in replay
    assert Job.objects.get(pk=replay.json()["data"]["jobId"]).test_mode is True


def test_each_key_still_replays_its_own_first_response(client, user):
    raw = ApiKey.issue(user, "Production")[1]
    first = send(client, raw)
    again = send(client, raw)
    assert again["Idempotent-Replayed"] == "true"
    assert again.json() == first.json()
    assert Job.objects.count() == 1
    assert ledger.balance_of(user) == 9
