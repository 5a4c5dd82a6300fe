"""50 concurrent photo requests through gunicorn (2 workers) and Celery on PostgreSQL."""

from concurrent.futures import ThreadPoolExecutor

import requests

from tests import images

from . import harness


def test_fifty_concurrent_requests_each_end_succeeded_or_refunded_and_never_overdraw():
    email, key = harness.new_api_key(credits=40)
    image = images.jpeg((256, 256))
    # All fifty wait at once now (a wait costs no thread), so the per-account cap is raised
    # above them: this test is about the credits, tests/test_open_request_caps.py about the cap.
    with harness.gunicorn(workers=2, PAINTY_MAX_WAITING_PER_ACCOUNT=50) as base:
        with ThreadPoolExecutor(max_workers=50) as pool:
            responses = list(pool.map(lambda _: harness.post_photo(base, key, image), range(50)))
        account = requests.get(base + "/api/v1/account", headers={"Authorization": f"Bearer {key}"}, timeout=10)

    codes = sorted(r.status_code for r in responses)
    assert codes == [200] * 40 + [402] * 10, [r.text for r in responses if r.status_code not in (200, 402)]
    for response in responses:
        assert response.headers["Content-Type"] == "application/json"
        assert response.json()["status"] == ("ok" if response.status_code == 200 else "error")

    jobs = harness.jobs_of(email)
    assert len(jobs) == 40  # a refused request (402) leaves no job behind
    assert {status for _, status, _ in jobs} == {"succeeded"}
    ledger = harness.ledger_of(email)
    assert ledger["balance"] == ledger["sum"] == 0
    assert sorted(ledger["entries"]["job"]) == [job_id for job_id, _, _ in jobs]
    assert "refund" not in ledger["entries"]
    assert account.json()["data"]["credits"] == 0

    # The returned links are presigned S3 URLs that work.
    data = responses[codes.index(200)].json()["data"]
    for url in [data["originalUrl"], *data["resultUrls"]]:
        assert "X-Amz-Signature=" in url
        fetched = requests.get(url, timeout=10)
        assert fetched.status_code == 200
        assert fetched.content[:3] == b"\xff\xd8\xff"  # still a JPEG
