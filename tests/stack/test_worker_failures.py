"""A Celery worker killed mid-job: the job is retried or failed and refunded, never stuck with the credit gone."""

import os
import signal
import threading

from tests import images

from . import harness


def post_in_background(base, key, **kwargs):
    box = {}
    thread = threading.Thread(
        target=lambda: box.update(response=harness.post_photo(base, key, images.jpeg(), **kwargs))
    )
    thread.start()
    return thread, box


def running_job(email):
    jobs = harness.jobs_of(email)
    return jobs[0] if jobs and jobs[0][1] == "running" else None


def test_a_killed_worker_process_has_its_job_retried_and_charged_once():
    email, key = harness.new_api_key(credits=5)
    broker = harness.broker_db(5)
    settings = dict(CELERY_BROKER_URL=broker, PAINTY_ECHO_DELAY=3, PAINTY_JOB_TIMEOUT=60)
    with harness.celery_worker(**settings) as worker, harness.gunicorn(**settings) as base:
        thread, box = post_in_background(base, key, headers={"X-Request-Id": "retry-me-1"})
        harness.wait_until(lambda: running_job(email), 30, "the job never started", worker)
        [pool_process] = worker.children()
        os.kill(pool_process, signal.SIGKILL)  # what the OOM killer does
        thread.join(timeout=90)

    assert box["response"].status_code == 200, box["response"].text
    assert "WorkerLostError" in worker.output() or "exited with 'signal 9" in worker.output()
    assert "[retry-me-1]" in worker.output()  # the worker logs under the API request's id
    [(job_id, status, _)] = harness.jobs_of(email)
    assert status == "succeeded"
    ledger = harness.ledger_of(email)
    assert ledger["entries"]["job"] == [job_id]
    assert "refund" not in ledger["entries"]
    assert ledger["balance"] == ledger["sum"] == 4


def test_a_worker_killed_outright_leaves_the_job_failed_and_refunded_and_a_redelivery_changes_nothing():
    email, key = harness.new_api_key(credits=5)
    broker = harness.broker_db(6)
    settings = dict(CELERY_BROKER_URL=broker, PAINTY_ECHO_DELAY=30, PAINTY_JOB_TIMEOUT=5)
    with harness.gunicorn(**settings) as base:
        with harness.celery_worker(**settings) as worker:
            thread, box = post_in_background(base, key)
            harness.wait_until(lambda: running_job(email), 30, "the job never started", worker)
            worker.kill_group()  # the whole machine is gone: nobody rejects the message
            thread.join(timeout=60)

        job_id = harness.assert_failed_and_refunded(box["response"], email, 504, "timeout", balance=5)

        # The unacknowledged message comes back (visibility timeout) to a new worker, which must
        # leave the already-refunded job alone.
        with harness.celery_worker(CELERY_VISIBILITY_TIMEOUT=1, **settings) as fresh:
            harness.wait_until(
                lambda: "photos.run_job" in fresh.output() and "succeeded in" in fresh.output(),
                60,
                "the lost message was not redelivered",
                fresh,
                every=0.5,
            )
        assert "'failed'" in fresh.output()
    [(_, status, _)] = harness.jobs_of(email)
    assert status == "failed"
    ledger = harness.ledger_of(email)
    assert ledger["balance"] == ledger["sum"] == 5
    assert ledger["entries"]["refund"] == [job_id]


def test_celery_beat_starts_with_the_purge_schedule():
    beat = harness.Process(
        [str(harness.BIN / "celery"), "-A", "painty", "beat", "-l", "DEBUG",
         "-s", str(harness.free_dir() / "schedule")],
        harness.server_env(),
        "beat.log",
    )
    try:
        harness.wait_until(lambda: "beat: Starting" in beat.output(), 60, "celery beat did not start", beat)
        # Beat lists its schedule at start: the purge every 15 minutes.
        harness.wait_until(
            lambda: "purge-expired photos.purge_expired() <freq: 15.00 minutes>" in beat.output(),
            30,
            "no purge schedule",
            beat,
        )
    finally:
        beat.stop()
