"""A `Job` is one accepted photo request: queued → running → succeeded | failed | expired.

Transitions are conditional updates, so when a timeout and a late engine
result race, exactly one of them wins (and the credit moves at most once)."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone

from painty import prepared


class Batch(models.Model):
    """Up to PAINTY_MAX_BATCH_ITEMS images with one prompt (`POST /api/v1/batches`).

    Each accepted image is a `Job` (charged like a photo request, refunded if
    it fails); images refused before the charge are kept in `rejected`. The
    batch ends when its last job ends, which sends one `batch.finished` webhook."""

    class Status(models.TextChoices):
        RUNNING = "running"
        FINISHED = "finished"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="batches")
    api_key = models.ForeignKey("accounts.ApiKey", null=True, blank=True, on_delete=models.SET_NULL)
    prompt = models.TextField()
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.RUNNING, db_index=True)
    webhook_url = models.URLField(max_length=500, blank=True)
    size = models.IntegerField(default=0, help_text="Images sent, accepted or not.")
    # [{"index", "name", "error": {"code", "message", "param"}}] for images refused before any charge.
    rejected = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name_plural = "batches"

    def __str__(self):
        return f"Batch {self.pk} ({self.status}, {self.size} images)"

    def finish(self) -> bool:
        """Mark the batch finished once no job of it is open; True only for the call that did it."""
        if self.items.filter(status__in=Job.OPEN).exists():
            return False
        updated = Batch.objects.filter(pk=self.pk, status=Batch.Status.RUNNING).update(
            status=Batch.Status.FINISHED, finished_at=timezone.now()
        )
        return bool(updated)


class Job(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued"
        RUNNING = "running"
        SUCCEEDED = "succeeded"
        FAILED = "failed"
        EXPIRED = "expired"

    OPEN = (Status.QUEUED, Status.RUNNING)

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="jobs")
    api_key = models.ForeignKey("accounts.ApiKey", null=True, blank=True, on_delete=models.SET_NULL)
    prompt = models.TextField()
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.QUEUED, db_index=True)
    engine = models.CharField(max_length=32)
    cost = models.IntegerField(default=0)
    test_mode = models.BooleanField(default=False, help_text="Made with a test key: free and watermarked.")
    webhook_url = models.URLField(max_length=500, blank=True, help_text="Told when the job ends.")
    edits = models.JSONField(default=list, blank=True)
    notes = models.JSONField(default=list, blank=True)
    error_code = models.CharField(max_length=64, blank=True)
    error_message = models.CharField(max_length=500, blank=True)

    # Files: all under jobs/<token>/ in the default storage.
    token = models.CharField(max_length=64, unique=True)
    input_format = models.CharField(max_length=8)  # JPEG, PNG, WEBP, GIF
    # What the caller asked the result to be written as (photos.formats): auto, png, jpg, webp.
    output_format = models.CharField(max_length=8, default="auto")
    # The request's other result options and inputs (photos.options): channels, n, stored extra files.
    options = models.JSONField(default=dict, blank=True)
    batch = models.ForeignKey(Batch, null=True, blank=True, on_delete=models.CASCADE, related_name="items")
    batch_index = models.IntegerField(null=True, blank=True, help_text="The image's place in its batch (0-based).")
    width = models.IntegerField(default=0)
    height = models.IntegerField(default=0)
    original_name = models.CharField(max_length=255, blank=True)
    result_names = models.JSONField(default=list, blank=True)

    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"Job {self.pk} ({self.status})"

    @staticmethod
    def retention_deadline():
        # Whole seconds: every kind of link states its expiry in seconds, so each
        # can end exactly at `expiresAt` (not up to a second before or after it).
        deadline = timezone.now() + timedelta(hours=settings.PAINTY_RETENTION_HOURS)
        return deadline.replace(microsecond=0)

    @property
    def duration_ms(self) -> int | None:
        if self.started_at and self.finished_at:
            return int((self.finished_at - self.started_at).total_seconds() * 1000)
        return None

    @property
    def total_ms(self) -> int | None:
        if self.finished_at:
            return int((self.finished_at - self.created_at).total_seconds() * 1000)
        return None

    def _transition(self, from_statuses, **fields) -> bool:
        """Apply `fields` only if the job is still in one of `from_statuses`."""
        updated = prepared.update_if(Job, self.pk, ("status", list(from_statuses)), **fields)
        if updated:
            for name, value in fields.items():
                setattr(self, name, value)
        return bool(updated)

    def mark_running(self) -> bool:
        return self._transition([self.Status.QUEUED], status=self.Status.RUNNING, started_at=timezone.now())

    def mark_succeeded(self, original_name: str, result_names: list[str], edits: list[dict], notes: list[str]) -> bool:
        return self._transition(
            self.OPEN,
            status=self.Status.SUCCEEDED,
            original_name=original_name,
            result_names=result_names,
            edits=edits,
            notes=notes,
            finished_at=timezone.now(),
        )

    def mark_failed(self, code: str, message: str) -> bool:
        """Fail an open job. Refunds and announcements are `photos.lifecycle.fail`'s job."""
        return self._transition(
            self.OPEN,
            status=self.Status.FAILED,
            error_code=code,
            error_message=message[:500],
            finished_at=timezone.now(),
        )

    def mark_expired(self) -> bool:
        return self._transition(
            [self.Status.SUCCEEDED, self.Status.FAILED],
            status=self.Status.EXPIRED,
            original_name="",
            result_names=[],
        )

    @property
    def file_names(self) -> list[str]:
        return [name for name in [self.original_name, *self.result_names] if name]

    @property
    def is_finished(self) -> bool:
        return self.status not in self.OPEN


class IdempotencyRecord(models.Model):
    """The first response to an `Idempotency-Key`, replayed for 24 hours.

    A row is created (unique per API key and key) before the request runs, so a
    concurrent duplicate finds it and waits instead of charging again. Per API key,
    not per account: a live key must never be answered with a test key's watermarked result."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    api_key = models.ForeignKey("accounts.ApiKey", on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=255)
    request_hash = models.CharField(max_length=64)
    status_code = models.IntegerField(null=True, blank=True)  # null while the first request runs
    body = models.BinaryField(blank=True, default=b"")
    headers = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["api_key", "key"], name="unique_idempotency_key_per_api_key")
        ]

    def __str__(self):
        return f"{self.key} → {self.status_code or 'running'}"


class WebhookDelivery(models.Model):
    """One completion event for one job, with its delivery attempts (Standard Webhooks signed)."""

    class Status(models.TextChoices):
        PENDING = "pending"
        DELIVERED = "delivered"
        FAILED = "failed"

    job = models.ForeignKey(Job, null=True, blank=True, on_delete=models.CASCADE, related_name="webhook_deliveries")
    batch = models.ForeignKey(Batch, null=True, blank=True, on_delete=models.CASCADE, related_name="webhook_deliveries")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    url = models.URLField(max_length=500)
    event = models.CharField(max_length=40)
    message_id = models.CharField(max_length=64, unique=True)
    payload = models.JSONField()
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PENDING, db_index=True)
    attempts = models.IntegerField(default=0)
    last_status_code = models.IntegerField(null=True, blank=True)
    last_error = models.CharField(max_length=300, blank=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name_plural = "webhook deliveries"

    def __str__(self):
        return f"{self.event} for job {self.job_id} → {self.status}"
