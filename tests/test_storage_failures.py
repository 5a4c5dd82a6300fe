"""A store that refuses to delete (read-only disk, permissions, an S3 error):
`DELETE /api/v1/jobs/{id}` is a 503 that leaves the job as it was, and the
retention purge logs the job, leaves it for its next run and carries on."""

import logging
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from billing.ledger import balance_of
from photos import storage
from photos.models import Job
from tests import images
from tests.storage_faults import break_storage


def finished_job(post_photo) -> Job:
    response = post_photo(images.jpeg((32, 24)))
    assert response.status_code == 200, response.content
    return Job.objects.get(pk=response.json()["data"]["jobId"])


@pytest.mark.parametrize("fault", ["read_only", "permission", "s3_denied"])
def test_deleting_a_job_on_a_store_that_refuses_is_a_503(client, auth, post_photo, settings, user, fault):
    job = finished_job(post_photo)
    break_storage(settings, fault)
    response = client.delete(f"/api/v1/jobs/{job.pk}", **auth)
    assert response.status_code == 503, response.content
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["status"] == "error"
    assert response.json()["error"]["code"] == "storage_unavailable"
    job.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED  # not marked expired: its files are still there
    assert job.file_names and all(storage.exists(name) for name in job.file_names)
    assert balance_of(user) == 9


def test_the_delete_can_be_retried_once_the_store_recovers(client, auth, post_photo, settings):
    job = finished_job(post_photo)
    names = job.file_names
    original = settings.STORAGES
    break_storage(settings)
    assert client.delete(f"/api/v1/jobs/{job.pk}", **auth).status_code == 503
    settings.STORAGES = original
    response = client.delete(f"/api/v1/jobs/{job.pk}", **auth)
    assert response.status_code == 200
    assert response.json()["data"]["status"] == "expired"
    assert not any(storage.exists(name) for name in names)


def expire(*jobs: Job) -> None:
    Job.objects.filter(pk__in=[job.pk for job in jobs]).update(expires_at=timezone.now() - timedelta(minutes=1))


def test_purge_carries_on_past_a_job_whose_files_it_cannot_delete(post_photo, settings, caplog, capsys):
    stuck, other = finished_job(post_photo), finished_job(post_photo)
    expire(stuck, other)
    other_names = other.file_names
    break_storage(settings, "permission", only=stuck.token)

    with caplog.at_level(logging.ERROR, logger="photos.retention"):
        call_command("purge_expired")

    other.refresh_from_db()
    assert other.status == Job.Status.EXPIRED
    assert not any(storage.exists(name) for name in other_names)
    stuck.refresh_from_db()
    assert stuck.status == Job.Status.SUCCEEDED  # left for the next run
    assert all(storage.exists(name) for name in stuck.file_names)
    assert f"job {stuck.pk}" in caplog.text
    assert "Could not delete the files of 1 jobs" in capsys.readouterr().err


def test_the_next_purge_finishes_the_job_it_had_to_leave(post_photo, settings):
    from photos.retention import purge_expired

    job = finished_job(post_photo)
    expire(job)
    original = settings.STORAGES
    break_storage(settings, "read_only")
    assert purge_expired() == {"expired": 0, "files": 0, "stuck": 0, "failed": 1}
    settings.STORAGES = original
    counts = purge_expired()
    assert counts["expired"] == 1 and counts["failed"] == 0
    job.refresh_from_db()
    assert job.status == Job.Status.EXPIRED


def test_the_503_is_documented_in_the_schema(client, auth, post_photo, settings):
    from tests.test_schema_responses import assert_documented

    job = finished_job(post_photo)
    break_storage(settings)
    response = client.delete(f"/api/v1/jobs/{job.pk}", **auth)
    spec = client.get("/api/v1/schema").json()
    path = next(path for path in spec["paths"] if path.startswith("/api/v1/jobs/{") and path.count("/") == 4)
    assert_documented(spec, path, "delete", response)
