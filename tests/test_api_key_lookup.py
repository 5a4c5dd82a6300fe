"""The API-key lookup every API request starts with: one compiled query per thread
(painty.prepared) that finds exactly what the ORM would, in one round trip."""

import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.forms.models import model_to_dict
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import ApiKey, digest
from painty.prepared import Prepared


def by_the_orm(raw):
    return ApiKey.objects.active().select_related("user").filter(key_hash=digest(raw)).first()


def test_it_finds_the_same_key_and_user_as_the_orm_in_one_query(user, api_key):
    ApiKey.objects.filter(user=user).update(expires_at=timezone.now() + timedelta(days=3), test_mode=True)
    with CaptureQueriesContext(connection) as queries:
        found = ApiKey.find(api_key)
        email, active = found.user.email, found.user.is_active  # already there: no second query
    assert len(queries) == 1
    expected = by_the_orm(api_key)
    assert model_to_dict(found) == model_to_dict(expected)
    assert (found.pk, found.created_at, found.expires_at, found.test_mode) == (
        expected.pk, expected.created_at, expected.expires_at, True)
    assert isinstance(found.test_mode, bool) and found.created_at.tzinfo is not None
    assert (email, active) == (user.email, True)
    assert found._state.db == "default" and not found._state.adding


def test_unknown_and_revoked_keys_are_not_found(user, api_key):
    assert ApiKey.find(api_key + "x") is None
    assert ApiKey.find("") is None
    ApiKey.objects.get(user=user).revoke()
    assert ApiKey.find(api_key) is None


def test_each_thread_finds_keys_on_its_own_connection(transactional_db, user, api_key):
    ApiKey.find(api_key)  # compiled on this thread's connection first
    found, errors = [], []

    def lookup():
        try:
            found.append(ApiKey.find(api_key))
            found.append(ApiKey.find("pk_live_nobody"))
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connection.close()

    thread = threading.Thread(target=lookup)
    thread.start()
    thread.join()
    assert not errors
    assert found[0].user == user and found[1] is None


@pytest.mark.parametrize("build", [
    lambda value: ApiKey.objects.all(),
    lambda value: ApiKey.objects.filter(key_hash=value, name=value),
])
def test_a_query_must_take_its_parameter_exactly_once(db, build):
    with pytest.raises(ValueError, match="takes its parameter once"):
        Prepared(build).first("anything")
