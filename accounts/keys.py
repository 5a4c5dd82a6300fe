"""Issuing keys from the web pages: a cap on active keys per account, and one
docs-page test key per account that the page can hand its owner again.

Keys are free to create and test keys are free to use, so the pages that make
them for a signed-in user bound how many one account holds
(PAINTY_MAX_ACTIVE_KEYS, revoked keys don't count). `manage.py create_api_key`
and `rundemo` are the operator's tools and are not capped.

Both functions lock the owner's user row first, so two concurrent requests
for one account are counted one after the other and cannot both slip under
the cap (or both keep a docs key).

The docs key's raw value is derived, not random: an HMAC under SECRET_KEY of a
salt stored on the key row. Only its digest is stored, like every key's, yet the
docs page can give the signed-in owner the same key again in any new tab ("use
my test key") instead of a new one each time. Only this key, which is free and
watermarks its results, is re-derivable; a SECRET_KEY change makes it
unrecoverable, and it is then replaced by a new one."""

from __future__ import annotations

import base64
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.crypto import constant_time_compare, salted_hmac

from .models import TEST_PREFIX, ApiKey, digest

DOCS_KEY_NAME = "Docs page test key"


class TooManyKeys(Exception):
    def __init__(self, limit: int):
        super().__init__(
            f"You already have {limit} active API key{'s' if limit != 1 else ''}, the most one account may hold. "
            "Revoke a key you no longer use, then create the new one."
        )
        self.limit = limit


def _lock_owner(user) -> None:
    get_user_model().objects.select_for_update().filter(pk=user.pk).first()


def _check_room(user, replacing: int = 0) -> None:
    limit = settings.PAINTY_MAX_ACTIVE_KEYS
    if ApiKey.objects.active().filter(user=user).count() - replacing >= limit:
        raise TooManyKeys(limit)


def issue_key(user, name: str, test: bool = False) -> tuple[ApiKey, str]:
    """A new key from the dashboard; raises TooManyKeys at the cap."""
    with transaction.atomic():
        _lock_owner(user)
        _check_room(user)
        return ApiKey.issue(user, name, test=test)


def _derived_docs_key(user_id: int, salt: str) -> str:
    mac = salted_hmac("painty.accounts.docs-test-key", f"{user_id}:{salt}", algorithm="sha256").digest()
    return TEST_PREFIX + base64.urlsafe_b64encode(mac).decode().rstrip("=")  # 43 chars, 256 bits


def recover_docs_key(key: ApiKey) -> str | None:
    """The raw value of a docs key, if it is one this server can derive again (same SECRET_KEY)."""
    if not key.derivation_salt or not key.is_active or key.is_expired():
        return None
    raw = _derived_docs_key(key.user_id, key.derivation_salt)
    return raw if constant_time_compare(digest(raw), key.key_hash) else None


def current_docs_key(user) -> ApiKey | None:
    """The account's docs-page test key that the page can hand out again, if there is one."""
    for key in ApiKey.objects.active().filter(user=user, test_mode=True, name=DOCS_KEY_NAME):
        if recover_docs_key(key):
            return key
    return None


def docs_key(user, replace: bool = False) -> tuple[ApiKey, str, bool]:
    """The docs page's test key: (row, raw value, newly made?). The account's current
    docs key when it can be derived again, else (or with `replace`) a new one that
    revokes the previous: at most one docs key is ever active per account."""
    with transaction.atomic():
        _lock_owner(user)
        previous = list(ApiKey.objects.active().filter(user=user, test_mode=True, name=DOCS_KEY_NAME))
        if not replace:
            for key in previous:
                raw = recover_docs_key(key)
                if raw:
                    return key, raw, False
        _check_room(user, replacing=len(previous))
        for key in previous:
            key.revoke()
        salt = secrets.token_urlsafe(16)
        key, raw = ApiKey.issue(
            user, DOCS_KEY_NAME, test=True, raw=_derived_docs_key(user.pk, salt), derivation_salt=salt
        )
        return key, raw, True
