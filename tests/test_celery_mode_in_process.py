"""CELERY_BROKER_URL mode, with the task run in this process (eager): the API stores
the original and enqueues `run_job`; the task loads it, runs the engine, stores the
results and records the outcome; the API answers from the Job row."""

import asyncio
import base64
import threading
from datetime import timedelta
from types import SimpleNamespace

import pytest
from celery.exceptions import SoftTimeLimitExceeded
from django.db import transaction
from kombu.exceptions import OperationalError

from billing.ledger import balance_of
from billing.models import LedgerEntry
from painty.middleware import request_id_var
from photos import rendering, runners, services, storage, tasks, waiting
from photos.engines import EngineUnavailable
from photos.engines.echo import EchoEngine
from photos.models import Job
from tests import images


@pytest.fixture(autouse=True)
def celery_mode(settings, monkeypatch):
    settings.CELERY_BROKER_URL = "memory://"
    # The test's transaction never commits, so what waits for a commit (a job's end,
    # announced to the request waiting for it) happens at once, as after a real commit.
    monkeypatch.setattr(transaction, "on_commit", lambda func, using=None, robust=False: func())


@pytest.fixture
def worker_reads(monkeypatch):
    """Records what the worker side loads from storage."""
    paths = []
    read = storage.read

    def spy(path):
        paths.append(path)
        return read(path)

    monkeypatch.setattr(storage, "read", spy)
    return paths


@pytest.fixture
def big_uploads(monkeypatch):
    """Every upload counts as too big to travel in the task's message."""
    monkeypatch.setattr(runners, "TASK_UPLOAD_BYTES", 0)


def refunds(job):
    return LedgerEntry.objects.filter(job=job, kind=LedgerEntry.Kind.REFUND).count()


def assert_failed_and_refunded(response, status: int, code: str, user):
    """A JSON error with `status`/`code`, the job failed with that code, its credit given back once."""
    assert response.status_code == status
    assert response.json()["status"] == "error"
    assert response.json()["error"]["code"] == code
    job = Job.objects.get()
    assert (job.status, job.error_code) == (Job.Status.FAILED, code)
    assert refunds(job) == 1
    assert balance_of(user) == 10
    return job


def test_a_small_upload_travels_in_the_task_and_the_worker_reads_nothing_back(post_photo, user, worker_reads,
                                                                              monkeypatch):
    sent = []
    apply_async = tasks.run_job.apply_async
    monkeypatch.setattr(tasks.run_job, "apply_async", lambda *a, **k: sent.append(a[1]) or apply_async(*a, **k))
    upload = images.jpeg()
    response = post_photo(upload)
    assert response.status_code == 200, response.content
    job = Job.objects.get(pk=response.json()["data"]["jobId"])
    assert job.status == Job.Status.SUCCEEDED
    assert worker_reads == []
    assert base64.b64decode(sent[0]["upload"]) == upload
    assert storage.exists(job.original_name)  # still stored, for the original's link
    assert len(job.result_names) == 1 and storage.exists(job.result_names[0])
    assert balance_of(user) == 9


def test_the_worker_loads_a_big_upload_from_the_stored_original_and_the_api_returns_its_results(
        post_photo, user, worker_reads, big_uploads):
    response = post_photo(images.jpeg())
    assert response.status_code == 200, response.content
    job = Job.objects.get(pk=response.json()["data"]["jobId"])
    assert job.status == Job.Status.SUCCEEDED
    assert worker_reads == [job.original_name]
    assert job.original_name.endswith("original.jpg")
    assert len(job.result_names) == 1 and storage.exists(job.result_names[0])
    assert len(response.json()["data"]["resultUrls"]) == 1
    assert balance_of(user) == 9


def test_the_worker_logs_under_the_id_of_the_request_that_enqueued_the_job(post_photo, monkeypatch):
    seen = []
    render = rendering.render

    def spy(*args, **kwargs):
        seen.append(request_id_var.get())
        return render(*args, **kwargs)

    monkeypatch.setattr(rendering, "render", spy)
    response = post_photo(images.jpeg(), HTTP_X_REQUEST_ID="req-from-client-7")
    assert response.status_code == 200
    assert response["X-Request-Id"] == "req-from-client-7"
    assert seen == ["req-from-client-7"]


def test_an_engine_failure_on_the_worker_is_a_503_and_refunded(post_photo, user, monkeypatch):
    def down(self, image, prompt):
        raise EngineUnavailable("model server is down")

    monkeypatch.setattr(EchoEngine, "edit", down)
    assert_failed_and_refunded(post_photo(images.jpeg()), 503, "engine_unavailable", user)


def test_storage_failing_on_the_worker_is_a_503_and_refunded(post_photo, user, monkeypatch, big_uploads):
    def broken(path):
        raise storage.StorageUnavailable("connection refused")

    monkeypatch.setattr(storage, "read", broken)
    assert_failed_and_refunded(post_photo(images.jpeg()), 503, "storage_unavailable", user)


def test_storing_a_small_upload_failing_on_the_worker_is_a_503_and_refunded(post_photo, user, monkeypatch):
    monkeypatch.setattr(storage.default_storage, "save", lambda *a, **k: (_ for _ in ()).throw(OSError("disk full")))
    job = assert_failed_and_refunded(post_photo(images.jpeg()), 503, "storage_unavailable", user)
    assert job.original_name == ""


def test_storage_failing_before_enqueue_is_a_503_and_nothing_is_enqueued(post_photo, user, monkeypatch, big_uploads):
    sent = []
    monkeypatch.setattr(tasks.run_job, "apply_async", lambda *args, **kwargs: sent.append(args))
    monkeypatch.setattr(storage.default_storage, "save", lambda *a, **k: (_ for _ in ()).throw(OSError("disk full")))
    response = post_photo(images.jpeg())
    assert response.status_code == 503
    assert response.json() == {
        "status": "error",
        "error": {
            "code": "storage_unavailable",
            "message": "File storage is unavailable — retry later.",
            "param": None,
        },
    }
    assert sent == []
    assert balance_of(user) == 10


def test_an_unreachable_broker_is_a_503_and_refunded(post_photo, user, monkeypatch):
    def refused(*args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(tasks.run_job, "apply_async", refused)
    assert_failed_and_refunded(post_photo(images.jpeg()), 503, "queue_unavailable", user)


def test_no_worker_in_time_is_a_504_refunded_and_a_late_worker_cannot_flip_it(post_photo, user, settings, monkeypatch):
    settings.PAINTY_JOB_TIMEOUT = 0.3
    queued = []
    monkeypatch.setattr(tasks.run_job, "apply_async", lambda args, kwargs, **options: queued.append(args[0]))
    job = assert_failed_and_refunded(post_photo(images.jpeg()), 504, "timeout", user)

    settings.PAINTY_JOB_TIMEOUT = 240  # the late worker would still be within its own limit
    assert tasks.run_job(queued[0]) == Job.Status.FAILED
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED
    assert job.result_names == []
    assert refunds(job) == 1
    assert balance_of(user) == 10


@pytest.fixture
def queued_job(user):
    """A job the API accepted and enqueued, as the worker finds it."""
    picture = services.imaging.decode(images.jpeg())
    job = services.accept(user, None, "make it bright", picture, "echo", [])
    job.original_name = runners.store_original(job.token, picture)
    job.save(update_fields=["original_name"])
    return job


def test_a_redelivered_running_job_runs_again_and_is_charged_once(queued_job, user):
    queued_job.mark_running()  # the first worker died here
    assert tasks.run_job(queued_job.pk) == Job.Status.SUCCEEDED
    queued_job.refresh_from_db()
    assert queued_job.status == Job.Status.SUCCEEDED
    assert refunds(queued_job) == 0
    assert balance_of(user) == 9


def test_a_message_without_its_upload_for_a_job_with_no_stored_original_fails_and_refunds(user, caplog):
    """Neither the message nor storage holds the original: the job fails as a storage
    fault, logged as what it is (not an "Is a directory" from reading the store's root),
    and its credit goes back once."""
    picture = services.imaging.decode(images.jpeg())
    job = services.accept(user, None, "make it bright", picture, "echo", [])
    assert job.original_name == ""
    assert tasks.run_job(job.pk) == Job.Status.FAILED
    job.refresh_from_db()
    assert job.error_code == "storage_unavailable"
    assert f"Storage failed for job {job.pk}: no stored file to read" in caplog.text
    assert refunds(job) == 1
    assert balance_of(user) == 10


def test_a_second_delivery_of_a_finished_job_changes_nothing(queued_job, user):
    assert tasks.run_job(queued_job.pk) == Job.Status.SUCCEEDED
    queued_job.refresh_from_db()
    names = queued_job.result_names
    assert tasks.run_job(queued_job.pk) == Job.Status.SUCCEEDED
    queued_job.refresh_from_db()
    assert queued_job.result_names == names
    assert balance_of(user) == 9


def test_a_job_redelivered_past_its_time_limit_is_failed_and_refunded_not_run(queued_job, user, settings):
    Job.objects.filter(pk=queued_job.pk).update(created_at=queued_job.created_at - timedelta(seconds=300))
    settings.PAINTY_JOB_TIMEOUT = 240
    assert tasks.run_job(queued_job.pk) == Job.Status.FAILED
    queued_job.refresh_from_db()
    assert queued_job.error_code == "timeout"
    assert queued_job.result_names == []
    assert balance_of(user) == 10


def test_the_soft_time_limit_fails_and_refunds_the_job(queued_job, user, monkeypatch):
    def slow(*args, **kwargs):
        raise SoftTimeLimitExceeded()

    monkeypatch.setattr(rendering, "render", slow)
    assert tasks.run_job(queued_job.pk) == Job.Status.FAILED
    queued_job.refresh_from_db()
    assert queued_job.error_code == "timeout"
    assert refunds(queued_job) == 1
    assert balance_of(user) == 10


def test_a_job_that_no_longer_exists_is_skipped(db):
    assert tasks.run_job(987654) == "missing"


def test_the_purge_task_runs_purge_expired(queued_job):
    assert tasks.run_job(queued_job.pk) == Job.Status.SUCCEEDED
    queued_job.refresh_from_db()
    files = queued_job.file_names
    assert len(files) == 2 and all(storage.exists(name) for name in files)
    Job.objects.filter(pk=queued_job.pk).update(expires_at=queued_job.created_at)
    counts = tasks.purge_expired.delay().get()
    assert counts["expired"] == 1
    queued_job.refresh_from_db()
    assert queued_job.status == Job.Status.EXPIRED
    assert not any(storage.exists(name) for name in files)


def test_respond_async_enqueues_and_answers_202_from_the_job_row(post_photo, user, worker_reads, monkeypatch,
                                                                 big_uploads):
    """Eager mode runs the task inside .delay(), so the job has ended by the time the API looks."""
    response = post_photo(images.jpeg(), HTTP_PREFER="respond-async")
    assert response.status_code == 202
    job = Job.objects.get(pk=response.json()["data"]["jobId"])
    assert job.status == Job.Status.SUCCEEDED
    assert worker_reads == [job.original_name]


def test_webhook_deliveries_go_through_the_worker(user, monkeypatch):
    from photos import webhooks
    from photos.models import WebhookDelivery

    job = Job.objects.create(
        user=user, prompt="x", engine="echo", token="w" * 32, input_format="JPEG",
        expires_at=Job.retention_deadline(), status=Job.Status.SUCCEEDED,
    )
    delivery = WebhookDelivery.objects.create(
        job=job, user=user, url="https://hooks.example.com/x", event="job.succeeded", message_id="msg_w", payload={}
    )
    attempted = []
    monkeypatch.setattr(webhooks, "attempt", lambda pk: attempted.append(pk) or delivery)
    webhooks.schedule(delivery.pk, 0)
    assert attempted == [delivery.pk]


def test_a_waiting_request_queues_its_job_from_the_io_pool_and_an_async_one_before_answering(monkeypatch):
    """Storing the original in S3 and publishing the task wait on the network: for a request
    that waits anyway, that happens in the large I/O pool, never holding a step thread."""
    queued_in = []
    monkeypatch.setattr(runners.CeleryRunner, "enqueue",
                        staticmethod(lambda job, picture, upload: queued_in.append(threading.current_thread().name)))

    async def ended(job, deadline, step, first=None):
        if first is not None:
            await first()
        return True

    monkeypatch.setattr(runners, "until_ended", ended)
    runner = runners.CeleryRunner()
    synchronous = runners.Submitted(SimpleNamespace(pk=1, is_finished=True), None, b"", wait=None)
    runner.begin(synchronous)
    assert queued_in == [] and not synchronous.queued
    assert asyncio.run(runner.wait(synchronous, waiting.pooled)) is None
    assert queued_in[0].startswith("painty-io") and synchronous.queued

    answered_at_once = runners.Submitted(SimpleNamespace(pk=2), None, b"", wait=0)
    runner.begin(answered_at_once)
    assert queued_in[1] == threading.current_thread().name and answered_at_once.queued
