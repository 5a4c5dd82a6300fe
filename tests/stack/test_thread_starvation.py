"""One account can't take a web process's threads: its extra event streams are refused, health stays fast."""

import time
from concurrent.futures import ThreadPoolExecutor

import requests

from tests import images

from . import harness


def test_sixteen_streams_from_one_key_leave_healthz_and_other_accounts_fast():
    email, key = harness.new_api_key(credits=2)
    _, other_key = harness.new_api_key(credits=1)
    with harness.gunicorn(workers=1) as base:
        accepted = harness.post_photo(base, key, images.jpeg(), headers={"Prefer": "respond-async"})
        assert accepted.status_code in (200, 202), accepted.text
        job_id = accepted.json()["data"]["jobId"]
        harness.wait_until(lambda: harness.jobs_of(email)[0][1] == "succeeded", 30, "the job did not run")
        # Then it is made to look open for the whole test, as a long hosted job would be.
        harness.sql(
            "UPDATE photos_job SET status = 'running', finished_at = NULL WHERE id = %s RETURNING id", job_id
        )

        def open_stream(_):
            return requests.get(
                f"{base}/api/v1/jobs/{job_id}/events",
                headers={"Authorization": f"Bearer {key}"},
                stream=True,
                timeout=30,
            )

        with ThreadPoolExecutor(16) as pool:
            streams = list(pool.map(open_stream, range(16)))
        try:
            codes = sorted(stream.status_code for stream in streams)
            assert codes == [200] * 4 + [429] * 12
            refused = next(stream for stream in streams if stream.status_code == 429)
            assert refused.json()["error"]["code"] == "too_many_streams"
            assert refused.headers["Retry-After"]
            for stream in streams:  # a client lets go of a refused connection; the four streams stay open
                if stream.status_code == 429:
                    stream.close()

            for _ in range(5):
                started = time.monotonic()
                assert requests.get(base + "/healthz", timeout=5).status_code == 200
                assert time.monotonic() - started < 1
            started = time.monotonic()
            account = requests.get(base + "/api/v1/account", headers={"Authorization": f"Bearer {other_key}"}, timeout=5)
            assert account.status_code == 200 and time.monotonic() - started < 1
        finally:
            for stream in streams:
                stream.close()
