"""`GET /api/v1/jobs/{id}`, `GET /api/v1/jobs` (cursor pages) and `DELETE /api/v1/jobs/{id}`."""

import json
import threading
import time

from asgiref.sync import async_to_sync
from django.db import connection

from photos import lifecycle, storage
from photos.models import Job
from tests import images


def test_a_job_shows_status_timings_cost_edits_and_urls(client, auth, post_photo):
    job_id = post_photo(images.jpeg()).json()["data"]["jobId"]
    data = client.get(f"/api/v1/jobs/{job_id}", **auth).json()["data"]
    assert data["jobId"] == job_id and data["status"] == "succeeded"
    assert data["creditsCharged"] == 1
    assert data["createdAt"].endswith("Z") and data["finishedAt"]
    assert data["durationMs"] >= 0
    assert data["originalUrl"] and len(data["resultUrls"]) == 1
    assert data["error"] is None


def test_only_the_owner_sees_a_job(client, post_photo, other_user):
    from accounts.models import ApiKey

    job_id = post_photo(images.jpeg()).json()["data"]["jobId"]
    stranger = ApiKey.issue(other_user, "k")[1]
    response = client.get(f"/api/v1/jobs/{job_id}", HTTP_AUTHORIZATION=f"Bearer {stranger}")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
    assert client.delete(f"/api/v1/jobs/{job_id}", HTTP_AUTHORIZATION=f"Bearer {stranger}").status_code == 404
    assert Job.objects.get().status == "succeeded"


def test_a_failed_job_shows_its_error(client, auth, post_photo, settings):
    settings.PAINTY_JOB_TIMEOUT = 0.2
    settings.PAINTY_ECHO_DELAY = 1
    post_photo(images.jpeg())
    data = client.get(f"/api/v1/jobs/{Job.objects.get().pk}", **auth).json()["data"]
    assert data["status"] == "failed"
    assert data["error"]["code"] == "timeout"


def test_the_list_pages_with_a_cursor(client, auth, post_photo):
    ids = [post_photo(images.jpeg()).json()["data"]["jobId"] for _ in range(5)]
    first = client.get("/api/v1/jobs?limit=2", **auth).json()["data"]
    assert [job["jobId"] for job in first["jobs"]] == ids[::-1][:2]
    second = client.get(f"/api/v1/jobs?limit=2&cursor={first['nextCursor']}", **auth).json()["data"]
    assert [job["jobId"] for job in second["jobs"]] == ids[::-1][2:4]
    third = client.get(f"/api/v1/jobs?limit=2&cursor={second['nextCursor']}", **auth).json()["data"]
    assert [job["jobId"] for job in third["jobs"]] == ids[:1]
    assert third["nextCursor"] is None


def test_the_list_shows_only_my_jobs(client, post_photo, other_user):
    from accounts.models import ApiKey

    post_photo(images.jpeg())
    stranger = ApiKey.issue(other_user, "k")[1]
    assert client.get("/api/v1/jobs", HTTP_AUTHORIZATION=f"Bearer {stranger}").json()["data"]["jobs"] == []


def test_a_bad_cursor_or_limit_is_400(client, auth):
    assert client.get("/api/v1/jobs?cursor=%%%", **auth).json()["error"]["param"] == "cursor"
    assert client.get("/api/v1/jobs?limit=ten", **auth).json()["error"]["param"] == "limit"


def test_delete_removes_the_files_now(client, auth, post_photo):
    data = post_photo(images.jpeg()).json()["data"]
    job = Job.objects.get()
    names = job.file_names
    response = client.delete(f"/api/v1/jobs/{job.pk}", **auth)
    assert response.status_code == 200
    assert response.json()["data"]["status"] == "expired"
    assert response.json()["data"]["resultUrls"] == []
    assert not any(storage.exists(name) for name in names)
    path = data["resultUrls"][0].split("testserver", 1)[1]
    assert client.get(path).status_code == 410


def test_a_running_job_cannot_be_deleted(client, auth, user):
    from photos import services
    from photos.imaging import decode

    job = services.accept(user, None, "brighten", decode(images.jpeg()), "echo", [])
    response = client.delete(f"/api/v1/jobs/{job.pk}", **auth)
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "job_running"


def stream_body(response) -> bytes:
    """An event stream read to its end. Streams are async iterators (they wait on the
    server's event loop), so they are read the way an ASGI server reads them."""

    async def collect() -> bytes:
        return b"".join([chunk async for chunk in response.streaming_content])

    return async_to_sync(collect)()


def read_events(response) -> list[tuple[str, dict]]:
    text = stream_body(response).decode()
    events = []
    for block in text.strip().split("\n\n"):
        fields = dict(line.split(": ", 1) for line in block.splitlines() if not line.startswith(":"))
        events.append((fields["event"], json.loads(fields["data"])))
    return events


def test_events_of_a_finished_job_end_with_its_final_status(client, auth, post_photo):
    job_id = post_photo(images.jpeg()).json()["data"]["jobId"]
    response = client.get(f"/api/v1/jobs/{job_id}/events", HTTP_ACCEPT="text/event-stream", **auth)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/event-stream"
    events = read_events(response)
    assert [(name, data["status"]) for name, data in events] == [("status", "succeeded")]


def test_events_follow_a_running_job_to_its_end(transactional_db, client, auth, user):
    from photos import services
    from photos.imaging import decode

    job = services.accept(user, None, "brighten", decode(images.jpeg()), "echo", [])

    def finish_later():
        time.sleep(0.4)
        lifecycle.start(job)  # each change wakes the stream (photos.waiting): no polling
        time.sleep(0.4)
        lifecycle.succeed(job, "", [], [], [])
        connection.close()

    threading.Thread(target=finish_later).start()
    started = time.monotonic()
    response = client.get(f"/api/v1/jobs/{job.pk}/events", **auth)
    statuses = [data["status"] for _, data in read_events(response)]
    assert statuses == ["queued", "running", "succeeded"]
    assert time.monotonic() - started < 3  # woken by each change, not by the 10 s re-read


def test_events_are_owner_only(client, post_photo, other_user):
    from accounts.models import ApiKey

    job_id = post_photo(images.jpeg()).json()["data"]["jobId"]
    stranger = ApiKey.issue(other_user, "k")[1]
    response = client.get(f"/api/v1/jobs/{job_id}/events", HTTP_AUTHORIZATION=f"Bearer {stranger}")
    assert response.status_code == 404
