"""Test keys: free, watermarked, and magic prompts that simulate errors."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageChops

from accounts.models import ApiKey
from billing import ledger
from photos.models import Job
from tests import images
from tests.test_photo_happy_path import fetch


@pytest.fixture
def test_auth(user):
    key, raw = ApiKey.issue(user, "Sandbox", test=True)
    assert raw.startswith("pk_test_") and key.test_mode
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def send(client, test_auth, prompt="brighten", image=None):
    upload = SimpleUploadedFile("p.jpg", image or images.jpeg())
    return client.post("/api/v1/photo", {"prompt": prompt, "image": upload}, **test_auth)


def test_test_keys_are_never_charged(client, test_auth, user):
    response = send(client, test_auth)
    assert response.status_code == 200
    assert response["X-Credits-Charged"] == "0"
    assert ledger.balance_of(user) == 10
    assert Job.objects.get().test_mode is True


def test_test_keys_work_even_with_no_credits(client, test_auth, user):
    ledger.grant(user, -10, "admin", reason="empty")
    assert send(client, test_auth).status_code == 200


def test_test_results_are_watermarked(client, test_auth):
    source = images.jpeg()
    data = send(client, test_auth, image=source).json()["data"]
    result = Image.open(io.BytesIO(b"".join(fetch(client, data["resultUrls"][0]).streaming_content)))
    original = Image.open(io.BytesIO(source)).convert("RGB")
    difference = ImageChops.difference(result.convert("RGB"), original).convert("L")
    changed = sum(difference.histogram()[41:])
    assert changed > 0.01 * result.size[0] * result.size[1]


def test_live_results_are_not_watermarked(client, auth):
    source = images.png(mode="RGB")
    upload = SimpleUploadedFile("p.png", source)
    data = client.post("/api/v1/photo", {"prompt": "x", "image": upload}, **auth).json()["data"]
    result = Image.open(io.BytesIO(b"".join(fetch(client, data["resultUrls"][0]).streaming_content)))
    assert result.convert("RGB").tobytes() == Image.open(io.BytesIO(source)).convert("RGB").tobytes()


@pytest.mark.parametrize(
    "prompt, status, code",
    [
        ("simulate:402", 402, "insufficient_credits"),
        ("SIMULATE:429", 429, "rate_limited"),
        ("simulate:503", 503, "engine_unavailable"),
    ],
)
def test_magic_prompts_simulate_errors(client, test_auth, prompt, status, code):
    response = send(client, test_auth, prompt=prompt)
    assert response.status_code == status
    assert response.json()["error"]["code"] == code
    if status in (429, 503):
        assert int(response["Retry-After"]) > 0
    assert not Job.objects.exists()


def test_magic_prompts_are_ordinary_prompts_on_live_keys(post_photo, user):
    assert post_photo(images.jpeg(), prompt="simulate:402").status_code == 200
    assert ledger.balance_of(user) == 9


def test_the_slow_magic_prompt_makes_a_slow_job(client, test_auth, monkeypatch, settings):
    from photos import testmode

    monkeypatch.setattr(testmode, "SLOW_SECONDS", 0.4)
    settings.PAINTY_ENGINE = "no-such-engine"  # the slow simulation needs no real engine
    response = send(client, test_auth, prompt="simulate:slow")
    assert response.status_code == 200
    job = Job.objects.get()
    assert job.duration_ms >= 400
    assert job.edits == [{"op": "simulate_slow", "seconds": testmode.SLOW_SECONDS}]
