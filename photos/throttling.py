"""Per-API-key rate limits on django-ratelimit's shared-cache counters.

Every request counts against PAINTY_RATE_LIMIT. A test key's POSTs (the
requests that make jobs) also count against PAINTY_TEST_RATE_LIMIT, kept apart
and lower: test jobs are free, so they must stay cheap; polling a test job
(GET) is as cheap as polling a live one and keeps the ordinary limit."""

from django.conf import settings
from django_ratelimit.core import get_usage
from rest_framework.throttling import BaseThrottle


def _usage(request, api_key, group: str, rate: str):
    # Counted by the key's digest, not its id: ids can repeat across test databases, digests can't.
    return get_usage(request, group=group, key=lambda group, request: api_key.key_hash, rate=rate, increment=True)


class ApiKeyRateThrottle(BaseThrottle):
    usage: dict | None = None

    def allow_request(self, request, view):
        api_key = request.auth
        if api_key is None:
            return True
        django_request = request._request
        usage = _usage(django_request, api_key, "api", settings.PAINTY_RATE_LIMIT)
        if usage is not None and not usage["should_limit"] and api_key.test_mode and request.method == "POST":
            test_usage = _usage(django_request, api_key, "api-test", settings.PAINTY_TEST_RATE_LIMIT)
            if test_usage is not None:
                # The headers describe the limit this request is held to: the one that is exceeded, else the tighter.
                usage = min(usage, test_usage, key=lambda u: (not u["should_limit"], u["limit"] - u["count"]))
        if usage is None:
            return True
        self.usage = usage  # the view reports it in X-RateLimit-* headers
        self.time_left = max(1, usage["time_left"])
        return not usage["should_limit"]

    def wait(self):
        return self.time_left
