"""The management commands that scripts and black-box checks rely on."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from accounts.models import ApiKey, digest
from billing import ledger


def run(*args) -> list[str]:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue().strip().splitlines()


def test_create_api_key_creates_the_user_with_signup_credits(db):
    raw = run("create_api_key", "ops@example.com", "--name", "Batch")[-1]
    user = get_user_model().objects.get(email="ops@example.com")
    assert ledger.balance_of(user) == 10
    key = ApiKey.objects.get(key_hash=digest(raw))
    assert key.user == user and key.name == "Batch"


def test_create_api_key_reuses_an_existing_user(user):
    raw = run("create_api_key", "ALICE@example.com")[-1]
    assert ApiKey.objects.get(key_hash=digest(raw)).user == user
    assert get_user_model().objects.count() == 1
    assert ledger.balance_of(user) == 10


def test_create_api_key_refuses_a_bad_email(db):
    with pytest.raises(CommandError):
        run("create_api_key", "not-an-email")


def test_the_printed_key_authenticates(client, db):
    raw = run("create_api_key", "ops@example.com")[-1]
    assert client.get("/api/v1/account", HTTP_AUTHORIZATION=f"Bearer {raw}").json()["data"]["credits"] == 10
