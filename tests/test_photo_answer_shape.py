"""The synchronous call's answer is built directly (photos.serializers.photo_result), not
through its serializer: it must stay exactly what PhotoResultSerializer — the schema —
says, key for key and type for type, whatever state the job is in."""

from datetime import timedelta

import pytest
from django.utils import timezone

from photos import serializers, storage
from photos.models import Job

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _links(monkeypatch):
    # The same link function serves both; a fixed stand-in keeps S3's clock out of the comparison.
    monkeypatch.setattr(storage, "public_url", lambda name, expires, request=None: f"link:{name}:{expires}:{request}")


def job_in(user, **fields) -> Job:
    base = dict(user=user, prompt="p", engine="echo", token=f"t-{Job.objects.count()}", input_format="JPEG",
                expires_at=timezone.now() + timedelta(hours=3))
    job = Job.objects.create(**{**base, **fields})
    return Job.objects.get(pk=job.pk)  # as read back, the way the answer sees it


def by_the_serializer(job, request, balance):
    return serializers.PhotoResultSerializer(job, context={"request": request, "credits_remaining": balance}).data


@pytest.mark.parametrize("fields", [
    dict(status=Job.Status.SUCCEEDED, cost=2, original_name="jobs/a/original.jpg",
         result_names=["jobs/a/result-1.png", "jobs/a/result-2.png"],
         edits=[{"op": "remove_background"}, {"op": "tone", "amount": 1.5, "channels": None, 3: "x"}]),
    dict(status=Job.Status.EXPIRED, cost=1),  # its files are gone: no links
    dict(status=Job.Status.FAILED, cost=0, edits=[]),
    dict(status=Job.Status.RUNNING, cost=4, original_name="jobs/b/original.webp"),
])
def test_the_direct_answer_is_the_serializers_key_for_key(user, fields):
    job = job_in(user, **fields)
    for request, balance in ((None, 7), ("a request", 0)):
        direct = serializers.photo_result(job, request, balance)
        expected = by_the_serializer(job, request, balance)
        assert list(direct) == list(expected)  # the same keys in the same order
        assert direct == dict(expected)
        assert [type(value) for value in direct.values()] == [type(value) for value in expected.values()]


def test_every_field_the_schema_names_is_in_the_answer(user):
    job = job_in(user, status=Job.Status.SUCCEEDED, original_name="jobs/c/original.jpg", result_names=["r.jpg"])
    assert set(serializers.photo_result(job, None, 1)) == set(serializers.PhotoResultSerializer().fields)
