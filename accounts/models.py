"""API keys: a prefix plus ≥ 32 random characters, shown once, stored as a SHA-256 digest."""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone

LIVE_PREFIX = "pk_live_"


def digest(raw_key: str) -> str:
    return hashlib.sha256(raw_key.encode()).hexdigest()


class ApiKeyQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True)


class ApiKey(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_keys")
    name = models.CharField(max_length=100)
    prefix = models.CharField(max_length=16, default=LIVE_PREFIX)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    last4 = models.CharField(max_length=4, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = ApiKeyQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "API key"

    def __str__(self):
        return f"{self.name} ({self.masked})"

    @property
    def masked(self) -> str:
        return f"{self.prefix}…{self.last4}"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None

    @classmethod
    def issue(cls, user, name: str) -> tuple["ApiKey", str]:
        """Create a key; returns (row, raw key). The raw key is never stored."""
        raw = LIVE_PREFIX + secrets.token_urlsafe(32)  # 43 url-safe chars, 256 bits
        key = cls.objects.create(user=user, name=name[:100] or "Default", key_hash=digest(raw), last4=raw[-4:])
        return key, raw

    @classmethod
    def find(cls, raw_key: str) -> "ApiKey | None":
        """Look a raw key up by its digest; revoked and unknown keys give None."""
        if not raw_key or len(raw_key) > 200:
            return None
        return cls.objects.active().select_related("user").filter(key_hash=digest(raw_key)).first()

    def revoke(self):
        ApiKey.objects.filter(pk=self.pk, revoked_at__isnull=True).update(revoked_at=timezone.now())
        self.refresh_from_db(fields=["revoked_at"])

    def touch(self):
        """Record use, at most once a minute per key, to keep writes off the hot path."""
        now = timezone.now()
        if self.last_used_at is None or (now - self.last_used_at).total_seconds() > 60:
            ApiKey.objects.filter(pk=self.pk).update(last_used_at=now)
            self.last_used_at = now
