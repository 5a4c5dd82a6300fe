"""S3 storage on the stack: presigned links, an unreachable store, readiness, and the shared rate limit."""

import time
from datetime import datetime

import requests

from tests import images

from . import harness


def test_presigned_urls_work_expire_with_retention_and_stop_working_once_purged():
    email, key = harness.new_api_key(credits=2)
    retention_seconds = 4
    with harness.gunicorn(PAINTY_RETENTION_HOURS=retention_seconds / 3600) as base:
        response = harness.post_photo(base, key, images.jpeg())
    assert response.status_code == 200, response.text
    data = response.json()["data"]
    urls = [data["originalUrl"], *data["resultUrls"]]
    expires_at = datetime.fromisoformat(data["expiresAt"].replace("Z", "+00:00"))
    for url in urls:
        assert requests.get(url, timeout=10).status_code == 200
        # S3 itself refuses the link after X-Amz-Date + X-Amz-Expires: that must be the retention deadline.
        deadline, _ = harness.link_deadline(url)
        assert abs(deadline - expires_at.timestamp()) <= 2

    # Past retention, the beat task (run here by the stack's own worker) deletes the files.
    time.sleep(max(0, expires_at.timestamp() - time.time()) + 0.5)
    harness.send_task("photos.purge_expired")
    harness.wait_until(lambda: harness.jobs_of(email)[0][1] == "expired", 30, "purge_expired did not run")
    for url in urls:
        assert requests.get(url, timeout=10).status_code in (403, 404)


def test_unreachable_storage_answers_503_json_and_refunds():
    """The deployment's store is down, for the web process and its worker alike: a small
    upload travels to the worker in the task, and the worker's failed write is the answer."""
    email, key = harness.new_api_key(credits=3)
    dead = f"http://127.0.0.1:{harness.free_port()}"
    settings = dict(CELERY_BROKER_URL=harness.broker_db(7), AWS_S3_ENDPOINT_URL=dead)
    with harness.celery_worker(**settings), harness.gunicorn(**settings) as base:
        response = harness.post_photo(base, key, images.jpeg())
        ready = requests.get(base + "/readyz", timeout=30)

    harness.assert_failed_and_refunded(response, email, 503, "storage_unavailable", balance=3)

    assert ready.status_code == 503
    checks = ready.json()["checks"]
    assert checks["storage"].startswith("error")
    assert checks["database"] == checks["cache"] == checks["broker"] == "ok"


def test_readyz_is_ok_when_database_cache_broker_and_storage_answer():
    with harness.gunicorn(workers=1) as base:
        response = requests.get(base + "/readyz", timeout=30, headers={"X-Request-Id": "probe-1"})
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "ok", "cache": "ok", "storage": "ok", "broker": "ok"},
    }
    assert response.headers["X-Request-Id"] == "probe-1"


def test_two_processes_share_one_rate_limit_counter_through_redis():
    _, key = harness.new_api_key(credits=1)
    headers = {"Authorization": f"Bearer {key}"}
    with harness.gunicorn(workers=1, PAINTY_RATE_LIMIT="4/h") as first, harness.gunicorn(
        workers=1, PAINTY_RATE_LIMIT="4/h"
    ) as second:
        harness.stay_in_one_rate_window(key, period=3600, seconds_needed=30)
        codes = [requests.get(base + "/api/v1/account", headers=headers, timeout=10) for base in [first, second] * 3]
    assert [r.status_code for r in codes] == [200, 200, 200, 200, 429, 429]
    assert codes[4].json()["error"]["code"] == "rate_limited"
    assert int(codes[4].headers["Retry-After"]) >= 1
