"""Open event streams cost no server thread: one account stops at its cap, and a hundred
streams open on one web process leave /healthz and other accounts fast."""

import time
from concurrent.futures import ThreadPoolExecutor

import requests

from tests import images

from . import harness

CAP = 20


def open_job(base, email, key) -> int:
    """A job of this account that looks open for the whole test, as a long hosted job would."""
    accepted = harness.post_photo(base, key, images.jpeg(), headers={"Prefer": "respond-async"})
    assert accepted.status_code in (200, 202), accepted.text
    job_id = accepted.json()["data"]["jobId"]
    harness.wait_until(lambda: harness.jobs_of(email)[0][1] == "succeeded", 30, "the job did not run")
    harness.sql("UPDATE photos_job SET status = 'running', finished_at = NULL WHERE id = %s RETURNING id", job_id)
    return job_id


def open_streams(base, key, job_id, count):
    def one(_):
        return requests.get(
            f"{base}/api/v1/jobs/{job_id}/events",
            headers={"Authorization": f"Bearer {key}"},
            stream=True,
            timeout=30,
        )

    with ThreadPoolExecutor(count) as pool:
        return list(pool.map(one, range(count)))


def test_one_account_stops_at_its_stream_cap_and_a_hundred_open_streams_leave_healthz_fast():
    accounts = [harness.new_api_key(credits=2) for _ in range(5)]
    _, other_key = harness.new_api_key(credits=1)
    streams = []
    with harness.gunicorn(workers=1, PAINTY_MAX_STREAMS_PER_ACCOUNT=CAP) as base:
        try:
            (email, key), *others = accounts
            first = open_streams(base, key, open_job(base, email, key), CAP + 5)
            streams += first
            codes = sorted(stream.status_code for stream in first)
            assert codes == [200] * CAP + [429] * 5
            refused = next(stream for stream in first if stream.status_code == 429)
            assert refused.json()["error"]["code"] == "too_many_streams"
            assert refused.headers["Retry-After"]

            for email, key in others:  # 80 more, from four other accounts, each within its cap
                more = open_streams(base, key, open_job(base, email, key), CAP)
                streams += more
                assert [stream.status_code for stream in more] == [200] * CAP

            # 100 streams are open on one process, each waiting for its job to change.
            for _ in range(5):
                started = time.monotonic()
                assert requests.get(base + "/healthz", timeout=5).status_code == 200
                assert time.monotonic() - started < 0.5
            started = time.monotonic()
            account = requests.get(base + "/api/v1/account", headers={"Authorization": f"Bearer {other_key}"}, timeout=5)
            assert account.status_code == 200 and time.monotonic() - started < 1
        finally:
            for stream in streams:
                stream.close()
