"""PAINTY_STORAGE=s3 in this process, against moto's S3 server on loopback: where files
go, which links come back, and what happens when the store is unreachable."""

import time

import pytest
import requests

from billing.ledger import balance_of
from photos.models import Job
from tests import images
from tests.s3_fixtures import BUCKET, client, use_s3
from tests.stack.harness import free_port, link_deadline

@pytest.fixture
def s3(settings, s3_endpoint):
    use_s3(settings, s3_endpoint)
    return client(s3_endpoint)


def test_originals_and_results_are_stored_in_the_bucket_and_linked_by_presigned_urls(post_photo, s3, settings):
    settings.PAINTY_RETENTION_HOURS = 2
    response = post_photo(images.jpeg())
    assert response.status_code == 200, response.content
    data = response.json()["data"]
    job = Job.objects.get(pk=data["jobId"])
    keys = {obj["Key"] for obj in s3.list_objects_v2(Bucket=BUCKET, Prefix=f"jobs/{job.token}/")["Contents"]}
    assert keys == {job.original_name, *job.result_names}

    for url in [data["originalUrl"], *data["resultUrls"]]:
        assert url.startswith(f"{settings.AWS_S3_ENDPOINT_URL}/{BUCKET}/jobs/{job.token}/")  # path style
        # The link's lifetime ends with retention, not at the library's default hour.
        deadline, _ = link_deadline(url)
        assert abs(deadline - job.expires_at.timestamp()) <= 2
        fetched = requests.get(url, timeout=10)
        assert fetched.status_code == 200
        assert fetched.content[:3] == b"\xff\xd8\xff"


def test_a_link_made_close_to_expiry_lives_only_until_then(post_photo, s3, settings):
    settings.PAINTY_RETENTION_HOURS = 30 / 3600
    response = post_photo(images.jpeg())
    job = Job.objects.get()
    deadline, lifetime = link_deadline(response.json()["data"]["resultUrls"][0])
    assert 1 <= lifetime <= 30
    assert abs(deadline - job.expires_at.timestamp()) <= 2


def test_an_unreachable_store_is_a_503_json_error_and_refunded(post_photo, user, settings):
    use_s3(settings, f"http://127.0.0.1:{free_port()}")
    started = time.monotonic()
    response = post_photo(images.jpeg())
    assert response.status_code == 503
    assert response.json()["status"] == "error"
    assert response.json()["error"]["code"] == "storage_unavailable"
    assert time.monotonic() - started < 20  # fails fast, not after the whole job budget
    assert Job.objects.get().status == Job.Status.FAILED
    assert balance_of(user) == 10


def test_readyz_reports_an_unreachable_store(db, client, settings):
    use_s3(settings, f"http://127.0.0.1:{free_port()}")
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["storage"].startswith("error")
    assert response.json()["checks"]["database"] == "ok"


def test_readyz_is_ok_with_a_reachable_store(db, client, s3):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json()["checks"]["storage"] == "ok"


def test_files_are_written_read_and_deleted_in_one_request_each(s3, monkeypatch):
    """photos.s3 sends a job's file operations straight through the client: PutObject with
    django-storages' parameters, GetObject alone to read, DeleteObject; no resource objects."""
    from django.core.files.storage import default_storage

    from photos import storage

    calls = []
    real_call = type(default_storage.client)._make_api_call

    def counting(client, operation, params):
        calls.append(operation)
        return real_call(client, operation, params)

    monkeypatch.setattr(type(default_storage.client), "_make_api_call", counting)
    name = storage.save("jobs/tok/result.png", images.png())
    assert name == "jobs/tok/result.png" and calls == ["PutObject"]
    head = s3.head_object(Bucket=BUCKET, Key=name)
    assert head["ContentType"] == "image/png" and head["ContentLength"] == len(images.png())
    assert storage.read(name) == images.png() and calls[-1] == "GetObject" and len(calls) == 2
    storage.delete(name)
    assert calls[-1] == "DeleteObject" and "Contents" not in s3.list_objects_v2(Bucket=BUCKET, Prefix="jobs/tok/")
    with pytest.raises(storage.StorageUnavailable):
        storage.read(name)
    storage.delete(name)  # already gone is fine
    assert default_storage.exists(name) is False
