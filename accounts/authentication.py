from rest_framework import authentication, exceptions

from painty.errors import ApiError

from .models import ApiKey


class ApiKeyAuthentication(authentication.BaseAuthentication):
    """`Authorization: Bearer <key>`; sets request.user and request.auth (the ApiKey)."""

    keyword = "bearer"

    def authenticate(self, request):
        header = request.META.get("HTTP_AUTHORIZATION", "")
        if not header:
            return None  # → NotAuthenticated → 401 missing_api_key
        scheme, _, raw = header.partition(" ")
        raw = raw.strip()
        if scheme.lower() != self.keyword or not raw:
            raise exceptions.AuthenticationFailed(
                "Malformed Authorization header. Send 'Authorization: Bearer YOUR_API_KEY'."
            )
        key = ApiKey.find(raw)
        if key is None or not key.user.is_active:
            raise exceptions.AuthenticationFailed("Invalid or revoked API key. Verify that the API key is correct.")
        if key.is_expired():
            raise exceptions.AuthenticationFailed("This API key has expired. Create a new one in the dashboard.")
        if not key.allows_ip(request.META.get("REMOTE_ADDR", "")):
            raise ApiError(
                403,
                "ip_not_allowed",
                f"This API key does not accept requests from {request.META.get('REMOTE_ADDR')}. "
                "Check the key's allowed IP ranges in the dashboard.",
            )
        key.touch()
        return key.user, key

    def authenticate_header(self, request):
        # DRF only uses this to choose 401 over 403; painty.errors.drf_exception_handler
        # answers every authentication failure itself with 401 and this same header,
        # so no client can tell what is returned here.
        return 'Bearer realm="api"'  # pragma: no mutate
