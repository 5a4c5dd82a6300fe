"""The embedded engine runs in worker processes that are killed at the job's deadline."""

from __future__ import annotations

import os
import time

import pytest

from billing.ledger import balance_of
from photos import rendering
from photos.models import Job
from photos.workers import Pool, WorkerTimeout
from tests import images, worker_tasks


def alive(pid: int) -> bool:
    """True while `pid` exists and is not a zombie."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def gone_within(pid: int, seconds: float) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if not alive(pid):
            return True
        time.sleep(0.05)
    return not alive(pid)


def read_pid() -> int:
    with open(worker_tasks.pid_file(os.getpid())) as handle:
        return int(handle.read())


@pytest.fixture
def pool():
    pool = Pool(1, max_rss_mb=4096)
    yield pool
    pool.close()


def test_a_task_past_its_deadline_is_killed_and_the_next_task_gets_a_fresh_process(pool):
    first = pool.run(worker_tasks.whoami, (), timeout=60)
    with pytest.raises(WorkerTimeout):
        pool.run(worker_tasks.burn_forever, (), timeout=1.0)
    assert read_pid() == first  # the burning task ran in the pool's one process…
    assert gone_within(first, 2)  # …which no longer exists
    second = pool.run(worker_tasks.whoami, (), timeout=60)
    assert second != first and alive(second)


def test_an_exception_in_a_task_is_raised_in_the_caller_and_the_worker_is_kept(pool):
    first = pool.run(worker_tasks.whoami, (), timeout=60)
    with pytest.raises(ZeroDivisionError):
        pool.run(divmod, (1, 0), timeout=60)
    assert pool.run(worker_tasks.whoami, (), timeout=60) == first


def test_a_worker_that_grew_too_big_is_replaced_after_its_task():
    pool = Pool(1, max_rss_mb=1)  # every worker is "too big" after its task
    try:
        first = pool.run(worker_tasks.whoami, (), timeout=60)
        assert gone_within(first, 2)
        assert pool.run(worker_tasks.whoami, (), timeout=60) != first
    finally:
        pool.close()


def test_a_job_over_the_time_limit_is_504_refunded_and_its_process_killed(settings, post_photo, user, monkeypatch):
    settings.PAINTY_ENGINE = "local"
    assert post_photo(images.jpeg(), prompt="make it brighter").status_code == 200  # the pool is up and warm
    settings.PAINTY_JOB_TIMEOUT = 2
    monkeypatch.setattr(rendering, "render_bytes", worker_tasks.burn_forever)

    started = time.monotonic()
    response = post_photo(images.jpeg(), prompt="make it brighter")

    assert response.status_code == 504, response.content
    assert response.json()["error"]["code"] == "timeout"
    assert time.monotonic() - started < 10
    assert gone_within(read_pid(), 2)  # not still computing for nobody
    job = Job.objects.latest("id")
    assert (job.status, job.error_code) == (Job.Status.FAILED, "timeout")
    assert balance_of(user) == 9  # the first request's credit; the timed-out one was refunded


def test_a_test_keys_image_is_downscaled_in_the_worker_process_too(settings, client, user):
    from io import BytesIO

    from PIL import Image

    from django.core.files.uploadedfile import SimpleUploadedFile

    from accounts.models import ApiKey
    from tests.test_photo_happy_path import fetch

    settings.PAINTY_ENGINE = "local"
    settings.PAINTY_TEST_MAX_SIDE = 256
    _, raw = ApiKey.issue(user, "Test", test=True)
    response = client.post(
        "/api/v1/photo",
        {"prompt": "make it brighter", "image": SimpleUploadedFile("p.jpg", images.jpeg((1200, 900)))},
        HTTP_AUTHORIZATION=f"Bearer {raw}",
    )
    assert response.status_code == 200, response.content
    result = Image.open(BytesIO(b"".join(fetch(client, response.json()["data"]["resultUrls"][0]).streaming_content)))
    assert result.size == (256, 192)
