"""/readyz reports storage as ready only if it can write and delete, the way
every job does: a read-only or full disk (or an S3 bucket that is missing or
read-only) is a 503 here, not only on every photo request."""

import pytest

from tests.storage_faults import break_storage
from tests.s3_fixtures import client as s3_client
from tests.s3_fixtures import use_s3


@pytest.mark.parametrize("fault", ["read_only", "disk_full", "s3_denied"])
def test_a_store_that_cannot_be_written_is_not_ready(db, client, settings, fault):
    break_storage(settings, fault)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response["Content-Type"].startswith("application/json")
    checks = response.json()["checks"]
    assert checks["storage"].startswith("error")
    assert checks["database"] == "ok"


def test_a_writable_store_is_ready_and_the_probe_leaves_nothing_behind(db, client, settings):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json()["checks"]["storage"] == "ok"
    probes = settings.MEDIA_ROOT / "readyz"
    assert not probes.exists() or not any(probes.iterdir())


def test_a_missing_s3_bucket_is_not_ready(db, client, settings, s3_endpoint):
    use_s3(settings, s3_endpoint)
    settings.AWS_STORAGE_BUCKET_NAME = "painty-no-such-bucket"
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["storage"].startswith("error")


def test_a_writable_s3_bucket_is_ready_and_keeps_no_probe_object(db, client, settings, s3_endpoint):
    use_s3(settings, s3_endpoint)
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json()["checks"]["storage"] == "ok"
    listing = s3_client(s3_endpoint).list_objects_v2(Bucket=settings.AWS_STORAGE_BUCKET_NAME, Prefix="readyz/")
    assert listing.get("KeyCount", 0) == 0
