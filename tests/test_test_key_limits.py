"""Test keys are free, so their jobs are cheap by construction: the engine sees
at most PAINTY_TEST_MAX_SIDE px, a test key has its own low rate limit for
the requests that make jobs, and an account may start PAINTY_TEST_DAILY_QUOTA
test jobs per 24 hours."""

import io
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from accounts.models import ApiKey
from billing import ledger
from photos.models import Job
from tests import images
from tests.test_photo_happy_path import fetch


@pytest.fixture
def test_key(user) -> str:
    return ApiKey.issue(user, "Sandbox", test=True)[1]


@pytest.fixture
def live_key(user) -> str:
    return ApiKey.issue(user, "Production")[1]


def send(client, raw_key, image=None, query=""):
    upload = SimpleUploadedFile("p.jpg", image or images.jpeg((64, 48)))
    return client.post(
        f"/api/v1/photo{query}", {"prompt": "brighten", "image": upload}, HTTP_AUTHORIZATION=f"Bearer {raw_key}"
    )


def size_of(client, url) -> tuple[int, int]:
    return Image.open(io.BytesIO(b"".join(fetch(client, url).streaming_content))).size


# --- the input is scaled down before the engine ---------------------------------


def test_a_test_job_works_on_at_most_512_px(client, test_key):
    response = send(client, test_key, images.jpeg((1024, 768)))
    assert response.status_code == 200, response.content
    data = response.json()["data"]
    assert size_of(client, data["resultUrls"][0]) == (512, 384)  # the echo engine returns what it was given
    assert size_of(client, data["originalUrl"]) == (512, 384)
    job = Job.objects.get()
    assert (job.width, job.height) == (512, 384)


def test_the_limit_is_a_setting(client, test_key, settings):
    settings.PAINTY_TEST_MAX_SIDE = 100
    data = send(client, test_key, images.png((300, 600), mode="RGBA")).json()["data"]
    assert size_of(client, data["resultUrls"][0]) == (50, 100)


def test_a_dry_run_quotes_the_scaled_size(client, test_key):
    data = send(client, test_key, images.jpeg((1024, 256)), query="?dry_run=1").json()["data"]
    assert (data["image"]["width"], data["image"]["height"]) == (512, 128)


def test_live_jobs_keep_their_size(client, live_key):
    data = send(client, live_key, images.jpeg((800, 600))).json()["data"]
    assert size_of(client, data["resultUrls"][0]) == (800, 600)


# --- a rate limit of their own ---------------------------------------------------


def test_a_test_key_has_its_own_lower_rate_limit_for_new_jobs(client, test_key, settings):
    settings.PAINTY_TEST_RATE_LIMIT = "2/h"
    assert send(client, test_key).status_code == 200
    second = send(client, test_key)
    assert second.status_code == 200
    assert second["X-RateLimit-Limit"] == "2"
    assert second["X-RateLimit-Remaining"] == "0"
    third = send(client, test_key)
    assert third.status_code == 429
    assert third.json()["error"]["code"] == "rate_limited"
    assert int(third["Retry-After"]) > 0
    assert Job.objects.count() == 2


def test_reading_with_a_test_key_and_live_keys_keep_the_ordinary_limit(client, test_key, live_key, settings, user):
    settings.PAINTY_TEST_RATE_LIMIT = "1/h"
    assert send(client, test_key).status_code == 200
    assert send(client, test_key).status_code == 429
    assert client.get("/api/v1/account", HTTP_AUTHORIZATION=f"Bearer {test_key}").status_code == 200
    assert client.get("/api/v1/jobs", HTTP_AUTHORIZATION=f"Bearer {test_key}").status_code == 200
    assert send(client, live_key).status_code == 200
    assert send(client, live_key).status_code == 200
    assert ledger.balance_of(user) == 8


def test_each_test_key_is_limited_on_its_own(client, test_key, user, settings):
    settings.PAINTY_TEST_RATE_LIMIT = "1/h"
    assert send(client, test_key).status_code == 200
    other = ApiKey.issue(user, "Sandbox 2", test=True)[1]
    assert send(client, other).status_code == 200


# --- a daily quota per account ---------------------------------------------------


def test_an_account_may_start_a_daily_quota_of_test_jobs(client, test_key, user, settings):
    settings.PAINTY_TEST_DAILY_QUOTA = 2
    assert send(client, test_key).status_code == 200
    assert send(client, ApiKey.issue(user, "Sandbox 2", test=True)[1]).status_code == 200  # shared by the account
    refused = send(client, test_key)
    assert refused.status_code == 429
    error = refused.json()["error"]
    assert error["code"] == "test_quota_exceeded"
    assert "2 jobs per 24 hours" in error["message"]
    assert 86_000 < int(refused["Retry-After"]) <= 86_400
    assert Job.objects.count() == 2
    assert send(client, test_key, query="?dry_run=1").status_code == 429  # a dry run says so too


def test_retry_after_counts_down_to_when_the_oldest_job_ages_out(client, test_key, settings):
    settings.PAINTY_TEST_DAILY_QUOTA = 2
    send(client, test_key), send(client, test_key)
    oldest = Job.objects.order_by("created_at").first()
    Job.objects.filter(pk=oldest.pk).update(created_at=timezone.now() - timedelta(hours=23))
    retry_after = int(send(client, test_key)["Retry-After"])
    assert 3_500 < retry_after <= 3_600

    Job.objects.filter(pk=oldest.pk).update(created_at=timezone.now() - timedelta(hours=24, seconds=1))
    assert send(client, test_key).status_code == 200


def test_the_quota_leaves_live_keys_and_other_accounts_alone(client, test_key, live_key, other_user, settings):
    settings.PAINTY_TEST_DAILY_QUOTA = 1
    assert send(client, test_key).status_code == 200
    assert send(client, test_key).status_code == 429
    assert send(client, live_key).status_code == 200
    stranger = ApiKey.issue(other_user, "Sandbox", test=True)[1]
    assert send(client, stranger).status_code == 200


def test_a_quota_of_zero_means_no_quota(client, test_key, settings):
    settings.PAINTY_TEST_DAILY_QUOTA = 0
    for _ in range(3):
        assert send(client, test_key).status_code == 200
