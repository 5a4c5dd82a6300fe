"""Which change of a job wakes which waiter, and how little a waiting request reads.

A job's start wakes its event streams (they send `running`); a request waiting for the
result sleeps through it. A synchronous request on Celery listens before it queues its
job, so it never has to look at the row before the job has ended, and the one read after
the end is also what it answers from."""

import asyncio

import pytest

from photos import runners, waiting
from photos.models import Job


def test_channel_messages_say_the_job_and_whether_it_ended():
    assert waiting.parse(b"12") == (12, True)
    assert waiting.parse("12") == (12, True)
    assert waiting.parse(b"12 started") == (12, False)
    for junk in (b"", b"x", b"started 12", None):
        with pytest.raises((ValueError, TypeError)):
            waiting.parse(junk)


def test_a_start_wakes_streams_but_not_a_wait_for_the_result():
    async def run():
        with waiting.hub.listening(7) as stream, waiting.hub.listening(7, ends_only=True) as result:
            waiting.announce(7, ended=False)
            assert await stream.wait(1)
            assert not await result.wait(0.05)
            waiting.announce(7)
            assert await stream.wait(1)
            assert await result.wait(1)

    asyncio.run(run())
    assert waiting.hub.count() == 0


def test_a_wait_that_sets_its_job_going_listens_first_and_skips_the_first_look():
    looks, events = [], []

    async def step(fn, *args):
        return fn(*args)

    async def first():
        events.append(waiting.hub.count())
        waiting.announce(5)  # the job ends at once: before the wait would have looked

    def done():
        looks.append(1)
        return True

    async def run():
        return await waiting.until_changed(5, asyncio.get_running_loop().time() + 1e9, done, step,
                                           ends_only=True, first=first)

    assert asyncio.run(run()) is True
    assert events == [1]  # listening while the job was queued
    assert looks == [1]  # one look: after the end, none before


@pytest.fixture
def queued_job(user):
    return Job.objects.create(
        user=user, prompt="x", engine="echo", token="q" * 32, input_format="JPEG",
        expires_at=Job.retention_deadline(), status=Job.Status.QUEUED,
    )


@pytest.mark.django_db(transaction=True)  # the loop's steps use a connection of their own
def test_a_synchronous_celery_wait_reads_the_ended_job_once(queued_job, monkeypatch):
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # the steps below run on the loop's thread
    reads = []
    job_ended = runners.job_ended
    monkeypatch.setattr(runners, "job_ended", lambda job: reads.append(job.pk) or job_ended(job))

    async def inline(fn, *args, **kwargs):
        return fn(*args, **kwargs)

    def enqueue(job, picture, upload):  # a worker starts and finishes the job at once
        Job.objects.filter(pk=job.pk).update(status=Job.Status.SUCCEEDED, result_names=["r.jpg"])
        waiting.announce(job.pk, ended=False)
        waiting.announce(job.pk)

    monkeypatch.setattr(runners.CeleryRunner, "enqueue", staticmethod(enqueue))
    submitted = runners.Submitted(queued_job, None, b"", wait=None)
    assert asyncio.run(runners.CeleryRunner().wait(submitted, inline)) is None
    assert reads == [queued_job.pk]  # no look before the end, and none for the start
    assert submitted.current  # the answer needs no other read
    assert queued_job.status == Job.Status.SUCCEEDED and queued_job.result_names == ["r.jpg"]
    assert waiting.hub.count() == 0
