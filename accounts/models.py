"""API keys: a prefix plus ≥ 32 random characters, shown once, stored as a SHA-256 digest."""

from __future__ import annotations

import hashlib
import ipaddress
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Sum
from django.utils import timezone

from painty.prepared import Prepared

LIVE_PREFIX = "pk_live_"
TEST_PREFIX = "pk_test_"

# An erased account keeps its row (the ledger and orders point at it) under this
# address: `.invalid` can never receive mail or belong to anyone (RFC 2606).
ERASED_DOMAIN = "erased.invalid"


def erased_email(user_id: int) -> str:
    return f"deleted-{user_id}@{ERASED_DOMAIN}"


def is_erased(user) -> bool:
    """The account was deleted on request (accounts.erasure)."""
    return user is not None and (user.email or "").lower().endswith("@" + ERASED_DOMAIN)


def parse_networks(text: str) -> list[ipaddress.IPv4Network | ipaddress.IPv6Network]:
    """'203.0.113.0/24, 2001:db8::1' → networks; raises ValidationError on a bad entry."""
    networks = []
    for item in text.replace("\n", ",").split(","):
        item = item.strip()
        if not item:
            continue
        try:
            networks.append(ipaddress.ip_network(item, strict=False))
        except ValueError:
            raise ValidationError(f"{item!r} is not an IP address or CIDR range.") from None
    return networks


def month_start(now=None):
    now = now or timezone.now()
    return now.replace(day=1, hour=0, minute=0, second=0, microsecond=0)


def digest(raw_key: str) -> str:
    return hashlib.sha256(raw_key.encode()).hexdigest()


class ApiKeyQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True)


class ApiKey(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_keys")
    name = models.CharField(max_length=100)
    prefix = models.CharField(max_length=16, default=LIVE_PREFIX)
    # Test keys are free, watermark their results and understand magic prompts.
    test_mode = models.BooleanField(default=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    last4 = models.CharField(max_length=4, editable=False)
    # The docs page's test key only (accounts.keys.docs_key): its raw value is an HMAC of this
    # salt under SECRET_KEY, so the signed-in owner can be handed it again in a new tab instead
    # of a new key each time. Empty for every other key, whose raw value exists nowhere.
    derivation_salt = models.CharField(max_length=32, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    # Per-key limits set by the owner in the dashboard.
    monthly_credit_cap = models.PositiveIntegerField(
        null=True, blank=True, help_text="Most credits this key may spend per calendar month (UTC)."
    )
    expires_at = models.DateTimeField(null=True, blank=True, help_text="The key stops working after this.")
    allowed_ips = models.TextField(blank=True, help_text="Comma-separated IPs or CIDR ranges; empty allows all.")
    webhook_url = models.URLField(max_length=500, blank=True, help_text="Default completion webhook.")

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
    def issue(cls, user, name: str, test: bool = False, *, raw: str | None = None, derivation_salt: str = ""
              ) -> tuple["ApiKey", str]:
        """Create a key; returns (row, raw key). The raw key is never stored. `raw` and
        `derivation_salt` are for the docs page's re-derivable test key (accounts.keys)."""
        prefix = TEST_PREFIX if test else LIVE_PREFIX
        raw = raw or prefix + secrets.token_urlsafe(32)  # 43 url-safe chars, 256 bits
        if not raw.startswith(prefix):
            raise ValueError("a key's raw value starts with its prefix")
        key = cls.objects.create(
            user=user,
            name=name[:100] or "Default",
            prefix=prefix,
            test_mode=test,
            key_hash=digest(raw),
            last4=raw[-4:],
            derivation_salt=derivation_salt,
        )
        return key, raw

    def is_expired(self, now=None) -> bool:
        return self.expires_at is not None and self.expires_at <= (now or timezone.now())

    def allows_ip(self, address: str) -> bool:
        networks = parse_networks(self.allowed_ips)
        if not networks:
            return True
        try:
            ip = ipaddress.ip_address(address)
        except ValueError:
            return False
        return any(ip in network for network in networks)

    def credits_spent_this_month(self) -> int:
        """What jobs on this key cost this month; failed jobs were refunded and don't count."""
        from photos.models import Job

        jobs = Job.objects.filter(api_key=self, created_at__gte=month_start()).exclude(status=Job.Status.FAILED)
        return jobs.aggregate(total=Sum("cost"))["total"] or 0

    @classmethod
    def find(cls, raw_key: str) -> "ApiKey | None":
        """Look a raw key up by its digest; revoked and unknown keys give None."""
        if not raw_key or len(raw_key) > 200:
            return None
        return _BY_DIGEST.first(digest(raw_key))

    def revoke(self):
        ApiKey.objects.filter(pk=self.pk, revoked_at__isnull=True).update(revoked_at=timezone.now())
        self.refresh_from_db(fields=["revoked_at"])

    def touch(self):
        """Record use, at most once a minute per key, to keep writes off the hot path."""
        now = timezone.now()
        if self.last_used_at is None or (now - self.last_used_at).total_seconds() > 60:
            ApiKey.objects.filter(pk=self.pk).update(last_used_at=now)
            self.last_used_at = now


def new_webhook_secret() -> str:
    import base64

    return "whsec_" + base64.b64encode(secrets.token_bytes(24)).decode()


# ApiKey.find's query: every API request starts with it, so it is compiled once per thread.
_BY_DIGEST = Prepared(
    lambda key_hash: ApiKey.objects.active().select_related("user").filter(key_hash=key_hash).order_by("pk")[:1]
)


class Profile(models.Model):
    """Per-account API settings: the secret that signs completion webhooks."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_profile")
    webhook_secret = models.CharField(max_length=100, default=new_webhook_secret)

    def __str__(self):
        return f"API profile of {self.user}"

    @classmethod
    def of(cls, user) -> "Profile":
        profile, _ = cls.objects.get_or_create(user=user)
        return profile

    def rotate_secret(self) -> str:
        self.webhook_secret = new_webhook_secret()
        self.save(update_fields=["webhook_secret"])
        return self.webhook_secret
