"""`Prefer: respond-async` and `Prefer: wait=N` on the seed's endpoint."""

import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from billing import ledger
from photos.models import Job
from tests import images

pytestmark = pytest.mark.django_db(transaction=True)  # the job runs in another thread


def send(client, auth, prefer, prompt="brighten"):
    upload = SimpleUploadedFile("p.jpg", images.jpeg())
    return client.post("/api/v1/photo", {"prompt": prompt, "image": upload}, HTTP_PREFER=prefer, **auth)


def wait_for_end(job_id, timeout=10):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job = Job.objects.get(pk=job_id)
        if job.is_finished:
            return job
        time.sleep(0.05)
    raise AssertionError("the job did not end")


def test_respond_async_answers_202_with_location_then_the_job_finishes(client, auth, user, settings):
    settings.PAINTY_ECHO_DELAY = 0.5
    started = time.monotonic()
    response = send(client, auth, "respond-async")
    assert time.monotonic() - started < 0.5
    assert response.status_code == 202
    assert response["Preference-Applied"] == "respond-async"
    data = response.json()["data"]
    assert data["status"] in ("queued", "running")
    assert response["Location"] == f"/api/v1/jobs/{data['jobId']}"
    assert response["X-Credits-Charged"] == "1"
    assert wait_for_end(data["jobId"]).status == "succeeded"
    finished = client.get(response["Location"], **auth).json()["data"]
    assert finished["status"] == "succeeded" and finished["resultUrls"]
    assert ledger.balance_of(user) == 9


def test_wait_returns_the_result_when_it_is_ready_in_time(client, auth):
    response = send(client, auth, "wait=10")
    assert response.status_code == 200
    data = response.json()["data"]
    assert data["status"] == "succeeded" and data["resultUrls"] and data["originalUrl"]


def test_wait_falls_back_to_202_when_the_job_is_slower(client, auth, settings):
    settings.PAINTY_ECHO_DELAY = 1.0
    started = time.monotonic()
    response = send(client, auth, "respond-async, wait=0.3")
    assert 0.25 < time.monotonic() - started < 1.0
    assert response.status_code == 202
    assert wait_for_end(response.json()["data"]["jobId"]).status == "succeeded"


def test_an_async_job_that_fails_is_refunded(client, auth, user, settings):
    settings.PAINTY_ECHO_DELAY = 1.0
    settings.PAINTY_JOB_TIMEOUT = 0.3
    response = send(client, auth, "respond-async")
    assert response.status_code == 202
    job = wait_for_end(response.json()["data"]["jobId"])
    assert job.status == "failed" and job.error_code == "timeout"
    assert ledger.balance_of(user) == 10


def test_wait_reports_a_failure_that_happens_in_time(client, auth, user, monkeypatch):
    from photos.engines import EngineUnavailable
    from photos.engines.echo import EchoEngine

    def down(self, image, prompt):
        raise EngineUnavailable("down")

    monkeypatch.setattr(EchoEngine, "edit", down)
    response = send(client, auth, "wait=5")
    assert response.status_code == 503
    assert response.json()["error"]["code"] == "engine_unavailable"
    assert response["X-Credits-Charged"] == "0"
    assert ledger.balance_of(user) == 10


def test_validation_errors_are_immediate_even_when_async(client, auth, user):
    upload = SimpleUploadedFile("p.jpg", b"<html>")
    response = client.post("/api/v1/photo", {"prompt": "x", "image": upload}, HTTP_PREFER="respond-async", **auth)
    assert response.status_code == 415
    assert not Job.objects.exists()


def test_a_bad_wait_value_is_400(client, auth, user):
    assert send(client, auth, "wait=soon").status_code == 400
    assert ledger.balance_of(user) == 10


def test_without_prefer_the_seed_contract_is_unchanged(client, auth):
    upload = SimpleUploadedFile("p.jpg", images.jpeg())
    response = client.post("/api/v1/photo", {"prompt": "x", "image": upload}, **auth)
    assert response.status_code == 200
    assert "Preference-Applied" not in response and "Location" not in response
