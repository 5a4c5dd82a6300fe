"""Issuing keys from the web pages: a cap on active keys per account, and one
docs-page test key per account.

Keys are free to create and test keys are free to use, so the pages that make
them for a signed-in user bound how many one account holds
(PAINTY_MAX_ACTIVE_KEYS, revoked keys don't count). `manage.py create_api_key`
and `rundemo` are the operator's tools and are not capped.

Both functions lock the owner's user row first, so two concurrent requests
for one account are counted one after the other and cannot both slip under
the cap (or both keep a docs key)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction

from .models import ApiKey

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


def reissue_docs_key(user) -> tuple[ApiKey, str]:
    """The docs page's "create a test key": a pk_test_ key that replaces the
    account's previous docs key. Its raw value can't be shown again (only a
    digest is stored), so "reusing" it means revoking the old one and issuing a
    new one: at most one docs key is ever active per account."""
    with transaction.atomic():
        _lock_owner(user)
        previous = ApiKey.objects.active().filter(user=user, test_mode=True, name=DOCS_KEY_NAME)
        _check_room(user, replacing=previous.count())
        for key in previous:
            key.revoke()
        return ApiKey.issue(user, DOCS_KEY_NAME, test=True)
