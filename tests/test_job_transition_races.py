"""Job transitions racing in separate connections (sqlite here, PostgreSQL in the stack pass):
exactly one outcome wins and a credit moves at most once."""

import threading

import pytest
from django.db import connection

from billing.ledger import balance_of
from billing.models import LedgerEntry
from photos import lifecycle, services
from photos.models import Job
from tests import images


def race(*actions):
    """Run each action in its own thread (own DB connection), all released at once."""
    barrier = threading.Barrier(len(actions))
    results = [None] * len(actions)

    def runner(index, action):
        try:
            barrier.wait()
            results[index] = action()
        finally:
            connection.close()

    threads = [threading.Thread(target=runner, args=(i, a)) for i, a in enumerate(actions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


@pytest.fixture
def running_job(transactional_db, user):
    picture = services.imaging.decode(images.jpeg())
    job = services.accept(user, None, "make it bright", picture, "echo", [])
    job.mark_running()
    return job


def fresh(job):
    return Job.objects.get(pk=job.pk)


def test_a_timeout_and_a_late_result_racing_end_the_job_once(running_job, user):
    outcomes = race(
        lambda: lifecycle.fail(fresh(running_job), "timeout", "too slow"),
        lambda: lifecycle.succeed(fresh(running_job), "o.jpg", ["r.jpg"], [], []),
    )
    assert outcomes.count(True) == 1
    job = fresh(running_job)
    refunds = LedgerEntry.objects.filter(job=job, kind=LedgerEntry.Kind.REFUND).count()
    if job.status == Job.Status.FAILED:
        assert (refunds, balance_of(user)) == (1, 10)
    else:
        assert job.status == Job.Status.SUCCEEDED
        assert (refunds, balance_of(user)) == (0, 9)


def test_many_concurrent_failures_of_one_job_refund_it_once(running_job, user):
    outcomes = race(*[lambda: lifecycle.fail(fresh(running_job), "timeout", "too slow")] * 8)
    assert outcomes.count(True) == 1
    assert LedgerEntry.objects.filter(job=running_job, kind=LedgerEntry.Kind.REFUND).count() == 1
    assert balance_of(user) == 10
