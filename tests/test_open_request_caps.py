"""Per-account caps on requests that stay open while their job runs: event streams and synchronous calls."""

from __future__ import annotations

import pytest

from accounts.models import ApiKey
from billing.ledger import balance_of
from photos import concurrency, services
from photos.models import Job
from tests import images
from tests.test_jobs_api import read_events, stream_body

# Streams are read on an event loop of their own (stream_body), so these tests
# don't run inside one wrapping transaction.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def open_job(user):
    """A job that is still running: its event stream stays open."""
    job = services.accept(user, None, "brighten", services.imaging.decode(images.jpeg()), "echo", [])
    job.mark_running()
    return job


def drain(response) -> bytes:
    """Read a stream to its end; the test client then closes the response as a server would."""
    return stream_body(response)


def stream(client, auth, job, **headers):
    return client.get(f"/api/v1/jobs/{job.pk}/events", HTTP_ACCEPT="text/event-stream", **auth, **headers)


def test_an_account_over_its_open_streams_gets_429_until_one_closes(client, auth, open_job, settings):
    settings.PAINTY_MAX_STREAMS_PER_ACCOUNT = 2
    settings.PAINTY_STREAM_MAX_SECONDS = 0.2
    first, second = stream(client, auth, open_job), stream(client, auth, open_job)
    assert (first.status_code, second.status_code) == (200, 200)

    third = stream(client, auth, open_job)
    assert third.status_code == 429
    assert third.json()["error"]["code"] == "too_many_streams"
    assert third["Retry-After"] == "1"

    drain(first)  # the stream ended and its response was closed
    fourth = stream(client, auth, open_job)
    assert fourth.status_code == 200
    drain(second)
    drain(fourth)


def test_another_accounts_streams_are_not_counted_against_this_one(client, auth, open_job, other_user, settings):
    settings.PAINTY_MAX_STREAMS_PER_ACCOUNT = 1
    settings.PAINTY_STREAM_MAX_SECONDS = 0.2
    held = stream(client, auth, open_job)
    other_job = services.accept(other_user, None, "brighten", services.imaging.decode(images.jpeg()), "echo", [])
    _, raw = ApiKey.issue(other_user, "Other")
    response = client.get(f"/api/v1/jobs/{other_job.pk}/events", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert (held.status_code, response.status_code) == (200, 200)
    drain(held)
    drain(response)


def test_a_stream_that_ends_by_itself_gives_its_slot_back(client, auth, post_photo, settings):
    settings.PAINTY_MAX_STREAMS_PER_ACCOUNT = 1
    job_id = post_photo(images.jpeg()).json()["data"]["jobId"]
    for _ in range(3):  # each stream of a finished job ends at once and is closed
        response = client.get(f"/api/v1/jobs/{job_id}/events", **auth)
        assert response.status_code == 200
        assert [name for name, _ in read_events(response)] == ["status"]


def test_a_stream_ends_after_its_maximum_duration_and_a_reconnect_resumes(client, auth, open_job, settings):
    settings.PAINTY_STREAM_MAX_SECONDS = 0.3
    first = stream(client, auth, open_job)
    text = drain(first).decode()
    assert text.startswith("retry: 1000\n")  # reconnect after a second
    assert f"id: {open_job.pk}-running" in text
    assert "event: timeout" not in text  # the job is fine; only this stream ended

    # The reconnect names the last event it got: the unchanged status isn't sent again.
    again = stream(client, auth, open_job, HTTP_LAST_EVENT_ID=f"{open_job.pk}-running")
    assert drain(again) == b""

    open_job.mark_succeeded("o.jpg", [], [], [])
    last = stream(client, auth, open_job, HTTP_LAST_EVENT_ID=f"{open_job.pk}-running")
    assert [(name, data["status"]) for name, data in read_events(last)] == [("status", "succeeded")]


def test_a_synchronous_request_over_the_waiting_cap_is_429_and_costs_nothing(post_photo, user, settings):
    settings.PAINTY_MAX_WAITING_PER_ACCOUNT = 1
    concurrency.acquire("waiting", user.pk)  # another synchronous request of this account is waiting
    try:
        response = post_photo(images.jpeg())
        assert response.status_code == 429
        assert response.json()["error"]["code"] == "too_many_waiting"
        assert response["Retry-After"] == "1"
        assert not Job.objects.exists()
        assert balance_of(user) == 10

        # Asynchronous requests hold no thread while the job runs, so they are not capped.
        accepted = post_photo(images.jpeg(), HTTP_PREFER="respond-async")
        assert accepted.status_code == 202
    finally:
        concurrency.release("waiting", user.pk)
    assert post_photo(images.jpeg()).status_code == 200


def test_a_finished_synchronous_request_gives_its_waiting_slot_back(post_photo, settings):
    settings.PAINTY_MAX_WAITING_PER_ACCOUNT = 1
    assert [post_photo(images.jpeg()).status_code for _ in range(3)] == [200, 200, 200]
    failing = post_photo(images.jpeg(), prompt="")  # refused before it waits
    assert failing.status_code == 400
    assert post_photo(images.jpeg()).status_code == 200
