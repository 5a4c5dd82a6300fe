"""One description of a job as the API shows it: used by the API's answers, the
completion-webhook payload and the OpenAPI schema alike, so they can't drift."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from . import storage
from .models import Job


LINKS = (
    "Signed links that stop working at `expiresAt`: signed by this server (local storage; `ETag`, `304` and "
    "byte ranges supported), S3-presigned, or CloudFront-signed when a CDN is in front of the bucket."
)


class JobResultSerializer(serializers.Serializer):
    """The seed's `data` object (`jobId`, `originalUrl`, `resultUrls`) plus a few keys callers find useful."""

    jobId = serializers.IntegerField(source="pk")
    originalUrl = serializers.SerializerMethodField(
        help_text="The uploaded image as stored, without metadata. " + LINKS
    )
    resultUrls = serializers.SerializerMethodField(help_text="Edited images. " + LINKS)
    status = serializers.ChoiceField(choices=Job.Status.choices)
    edits = serializers.ListField(child=serializers.DictField(), help_text="The edit plan applied.")
    creditsCharged = serializers.IntegerField(source="cost")
    expiresAt = serializers.DateTimeField(source="expires_at", help_text="When the links stop working (retention).")

    def _url(self, job: Job, name: str) -> str:
        return storage.public_url(name, job.expires_at, self.context.get("request"))

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_originalUrl(self, job: Job) -> str | None:
        # An expired job has no file names left, so no URLs.
        return self._url(job, job.original_name) if job.original_name else None

    @extend_schema_field(serializers.ListField(child=serializers.URLField()))
    def get_resultUrls(self, job: Job) -> list[str]:
        return [self._url(job, name) for name in job.result_names]


class PhotoResultSerializer(JobResultSerializer):
    """`POST /api/v1/photo`'s answer: the job's result and the balance after it."""

    creditsRemaining = serializers.SerializerMethodField(help_text="Your balance after this request.")

    @extend_schema_field(serializers.IntegerField())
    def get_creditsRemaining(self, job: Job) -> int:
        return self.context["credits_remaining"]


class JobSerializer(JobResultSerializer):
    """`GET /api/v1/jobs/{id}`, the job lists, event streams and webhook payloads."""

    prompt = serializers.CharField()
    engine = serializers.CharField()
    testMode = serializers.BooleanField(source="test_mode")
    createdAt = serializers.DateTimeField(source="created_at")
    startedAt = serializers.DateTimeField(source="started_at", allow_null=True)
    finishedAt = serializers.DateTimeField(source="finished_at", allow_null=True)
    durationMs = serializers.IntegerField(source="duration_ms", allow_null=True)
    # A plain nullable object: OpenAPI 3.0 cannot make a referenced component nullable.
    error = serializers.SerializerMethodField(help_text="`{code, message}` when the job failed, else null.")

    @extend_schema_field(serializers.DictField(child=serializers.CharField(), allow_null=True))
    def get_error(self, job: Job) -> dict | None:
        return {"code": job.error_code, "message": job.error_message} if job.error_code else None


_DATETIME = serializers.DateTimeField()


def photo_result(job: Job, request, credits_remaining: int) -> dict:
    """`PhotoResultSerializer(job).data`, built directly: the answer every synchronous call
    ends with, where building a serializer's fields per request was a tenth of the CPU of
    answering. The serializer stays the schema; tests/test_photo_answer_shape.py checks
    that the two agree key for key."""
    def url(name):
        return storage.public_url(name, job.expires_at, request)

    return {
        "jobId": int(job.pk),
        "originalUrl": url(job.original_name) if job.original_name else None,
        "resultUrls": [url(name) for name in job.result_names],
        "status": str(job.status),
        "edits": [None if edit is None else {str(key): value for key, value in edit.items()} for edit in job.edits],
        "creditsCharged": int(job.cost),
        "expiresAt": _DATETIME.to_representation(job.expires_at),
        "creditsRemaining": credits_remaining,
    }


def job_detail(job: Job, request=None) -> dict:
    return JobSerializer(job, context={"request": request}).data


class BatchSerializer(serializers.Serializer):
    """`GET /api/v1/batches/{id}` and the `batch.finished` webhook: the batch and every image in it."""

    batchId = serializers.IntegerField(source="pk")
    status = serializers.ChoiceField(choices=["running", "finished"])
    prompt = serializers.CharField()
    createdAt = serializers.DateTimeField(source="created_at")
    finishedAt = serializers.DateTimeField(source="finished_at", allow_null=True)
    counts = serializers.SerializerMethodField(help_text="total, succeeded, failed, open and rejected images.")
    creditsCharged = serializers.SerializerMethodField(help_text="Credits held or spent (failed images refunded).")
    zipUrl = serializers.SerializerMethodField(help_text="All results in one zip, once the batch has finished.")
    items = serializers.SerializerMethodField(help_text="One entry per image sent, in order: its job, or why it was refused.")

    def _jobs(self, batch):
        if not hasattr(batch, "_jobs"):
            batch._jobs = list(batch.items.order_by("batch_index"))
        return batch._jobs

    @extend_schema_field(serializers.DictField(child=serializers.IntegerField()))
    def get_counts(self, batch) -> dict:
        jobs = self._jobs(batch)
        return {
            "total": batch.size,
            "succeeded": sum(job.status == Job.Status.SUCCEEDED for job in jobs),
            "failed": sum(job.status == Job.Status.FAILED for job in jobs),
            "open": sum(job.status in Job.OPEN for job in jobs),
            "rejected": len(batch.rejected),
        }

    @extend_schema_field(serializers.IntegerField())
    def get_creditsCharged(self, batch) -> int:
        return sum(job.cost for job in self._jobs(batch) if job.status != Job.Status.FAILED)

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_zipUrl(self, batch) -> str | None:
        if batch.status != "finished" or not any(job.status == Job.Status.SUCCEEDED for job in self._jobs(batch)):
            return None
        from painty.links import absolute_url

        return absolute_url(f"/api/v1/batches/{batch.pk}/zip", self.context.get("request"))

    @extend_schema_field(serializers.ListField(child=serializers.DictField()))
    def get_items(self, batch) -> list[dict]:
        request = self.context.get("request")
        items = [
            {"index": job.batch_index, "jobId": job.pk, "status": job.status,
             "resultUrls": JobResultSerializer(job, context={"request": request}).data["resultUrls"],
             "error": {"code": job.error_code, "message": job.error_message} if job.error_code else None}
            for job in self._jobs(batch)
        ]
        items += [
            {"index": item["index"], "jobId": None, "status": "rejected", "resultUrls": [], "error": item["error"],
             "name": item["name"]}
            for item in batch.rejected
        ]
        return sorted(items, key=lambda item: item["index"])


def batch_detail(batch, request=None) -> dict:
    return BatchSerializer(batch, context={"request": request}).data
