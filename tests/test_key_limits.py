"""An account holds a bounded number of active keys, and the docs page keeps one test key, not a pile."""

import pytest

from accounts.keys import DOCS_KEY_NAME
from accounts.models import ApiKey


@pytest.fixture
def signed_in(client, user):
    client.force_login(user)
    return client


def active_keys(user):
    return ApiKey.objects.active().filter(user=user)


class TestTheActiveKeyCap:
    def test_the_dashboard_refuses_the_key_over_the_cap_with_a_clear_message(self, signed_in, user, settings):
        settings.PAINTY_MAX_ACTIVE_KEYS = 3
        for n in range(3):
            signed_in.post("/dashboard/keys/new", {"name": f"Key {n}"})
        signed_in.get("/dashboard/")  # shows (and forgets) the last new key
        response = signed_in.post("/dashboard/keys/new", {"name": "One too many"}, follow=True)
        assert active_keys(user).count() == 3
        assert not ApiKey.objects.filter(name="One too many").exists()
        page = response.content.decode()
        assert "You already have 3 active API keys" in page and "Revoke a key you no longer use" in page
        assert 'id="new-key"' not in page

    def test_the_default_cap_is_twenty(self, signed_in, user):
        for n in range(21):
            signed_in.post("/dashboard/keys/new", {"name": f"Key {n}"})
        assert active_keys(user).count() == 20

    def test_revoking_a_key_makes_room(self, signed_in, user, settings):
        settings.PAINTY_MAX_ACTIVE_KEYS = 1
        signed_in.post("/dashboard/keys/new", {"name": "First"})
        ApiKey.objects.get(name="First").revoke()
        signed_in.post("/dashboard/keys/new", {"name": "Second"})
        assert list(active_keys(user).values_list("name", flat=True)) == ["Second"]

    def test_the_cap_is_per_account(self, client, user, other_user, settings):
        settings.PAINTY_MAX_ACTIVE_KEYS = 1
        ApiKey.issue(other_user, "Bob's")
        client.force_login(user)
        client.post("/dashboard/keys/new", {"name": "Alice's"})
        assert active_keys(user).count() == 1

    def test_the_operator_command_is_not_capped(self, user, settings):
        from django.core.management import call_command

        settings.PAINTY_MAX_ACTIVE_KEYS = 1
        call_command("create_api_key", user.email, stdout=open("/dev/null", "w"))
        call_command("create_api_key", user.email, stdout=open("/dev/null", "w"))
        assert active_keys(user).count() == 2


class TestTheDocsPageTestKey:
    def test_it_is_a_free_pk_test_key(self, signed_in, user):
        body = signed_in.post("/docs/test-key").json()
        assert body["key"].startswith("pk_test_") and body["masked"].startswith("pk_test_")
        key = ApiKey.find(body["key"])
        assert key.test_mode and key.name == DOCS_KEY_NAME and key.user == user

    def test_asking_again_hands_out_the_same_key(self, signed_in, user):
        first = signed_in.post("/docs/test-key")
        second = signed_in.post("/docs/test-key")
        assert (first.status_code, second.status_code) == (201, 200)
        assert first.json()["key"] == second.json()["key"] and second.json()["created"] is False
        assert list(active_keys(user).values_list("name", flat=True)) == [DOCS_KEY_NAME]

    def test_asking_for_a_new_one_replaces_the_previous_docs_key(self, signed_in, user):
        first = signed_in.post("/docs/test-key", {"replace": "1"}).json()["key"]
        second = signed_in.post("/docs/test-key", {"replace": "1"}).json()["key"]
        third = signed_in.post("/docs/test-key", {"replace": "1"}).json()["key"]
        assert len({first, second, third}) == 3
        assert ApiKey.find(first) is None and ApiKey.find(second) is None
        assert ApiKey.find(third) is not None
        assert list(active_keys(user).values_list("name", flat=True)) == [DOCS_KEY_NAME]
        assert ApiKey.objects.filter(user=user).count() == 3  # the old ones are revoked, not deleted
        assert signed_in.get("/api/v1/account", HTTP_AUTHORIZATION=f"Bearer {first}").status_code == 401

    def test_it_leaves_the_accounts_other_keys_alone(self, signed_in, user):
        _, live = ApiKey.issue(user, DOCS_KEY_NAME)  # a live key that happens to share the name
        _, test = ApiKey.issue(user, "CI", test=True)
        signed_in.post("/docs/test-key")
        signed_in.post("/docs/test-key", {"replace": "1"})
        assert ApiKey.find(live) is not None and ApiKey.find(test) is not None
        assert active_keys(user).count() == 3

    def test_at_the_cap_a_replacement_is_still_allowed(self, signed_in, user, settings):
        settings.PAINTY_MAX_ACTIVE_KEYS = 2
        ApiKey.issue(user, "Production")
        assert signed_in.post("/docs/test-key").status_code == 201
        assert signed_in.post("/docs/test-key", {"replace": "1"}).status_code == 201
        assert active_keys(user).count() == 2

    def test_at_the_cap_a_first_docs_key_is_refused_with_a_clear_message(self, signed_in, user, settings):
        settings.PAINTY_MAX_ACTIVE_KEYS = 1
        ApiKey.issue(user, "Production")
        response = signed_in.post("/docs/test-key")
        assert response.status_code == 409
        assert "You already have 1 active API key," in response.json()["error"]
        assert active_keys(user).count() == 1

    def test_the_key_can_be_handed_out_again_but_only_while_it_is_usable(self, signed_in, user, settings):
        from accounts.keys import recover_docs_key

        raw = signed_in.post("/docs/test-key").json()["key"]
        key = ApiKey.find(raw)
        assert key.derivation_salt and recover_docs_key(key) == raw
        settings.SECRET_KEY = "another-secret-key-after-a-rotation"
        assert recover_docs_key(key) is None  # the old value can't be derived any more…
        signed_in.force_login(user)  # (the rotation also ended the session)
        renewed = signed_in.post("/docs/test-key")
        assert renewed.status_code == 201 and renewed.json()["key"] != raw  # …so a new key replaces it
        assert ApiKey.find(raw) is None

    def test_a_docs_key_from_before_derivation_is_replaced_once(self, signed_in, user):
        old, raw = ApiKey.issue(user, DOCS_KEY_NAME, test=True)  # random, like every key before
        first = signed_in.post("/docs/test-key")
        assert first.status_code == 201 and ApiKey.find(raw) is None
        assert signed_in.post("/docs/test-key").json()["key"] == first.json()["key"]

    def test_an_expired_docs_key_is_replaced(self, signed_in, user):
        from datetime import timedelta

        from django.utils import timezone

        raw = signed_in.post("/docs/test-key").json()["key"]
        ApiKey.objects.filter(key_hash=ApiKey.find(raw).key_hash).update(expires_at=timezone.now() - timedelta(hours=1))
        assert signed_in.post("/docs/test-key").json()["key"] != raw

    def test_a_bad_replace_value_is_a_clear_400(self, signed_in, user):
        response = signed_in.post("/docs/test-key", {"replace": "maybe"})
        assert response.status_code == 400 and "'replace'" in response.json()["error"]
        assert not active_keys(user).exists()

    def test_other_keys_are_never_re_derivable(self, user):
        from accounts.keys import recover_docs_key

        key, _ = ApiKey.issue(user, "CI", test=True)
        assert key.derivation_salt == "" and recover_docs_key(key) is None
