"""Per-API-key rate limit (PAINTY_RATE_LIMIT) on django-ratelimit's shared-cache counters."""

from django.conf import settings
from django_ratelimit.core import get_usage
from rest_framework.throttling import BaseThrottle


def _key(group, request):
    # The key digest, not its id: ids can repeat across test databases, digests can't.
    return request.painty_api_key.key_hash


class ApiKeyRateThrottle(BaseThrottle):
    def allow_request(self, request, view):
        api_key = request.auth
        if api_key is None:
            return True
        django_request = request._request
        django_request.painty_api_key = api_key
        usage = get_usage(
            django_request, group="api", key=_key, rate=settings.PAINTY_RATE_LIMIT, increment=True
        )
        if usage is None:
            return True
        django_request.painty_rate_usage = usage
        self.time_left = max(1, usage["time_left"])
        return not usage["should_limit"]

    def wait(self):
        return self.time_left
