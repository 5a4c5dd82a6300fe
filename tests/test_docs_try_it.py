"""/docs "Try it", server side: the account's test key is offered by its masked form
(never its raw value in the page), and the page's script asks for the async API."""

from __future__ import annotations

from django.contrib.staticfiles import finders

from accounts.keys import docs_key
from accounts.models import ApiKey


def test_the_page_offers_the_accounts_test_key_by_its_masked_form(client, user):
    key, raw, _ = docs_key(user)
    client.force_login(user)
    html = client.get("/docs").content.decode()
    assert f'id="try-use-test-key" data-masked="{key.masked}">Use your test key {key.masked}</button>' in html
    assert raw not in html


def test_without_a_test_key_it_offers_to_create_one(client, user):
    ApiKey.issue(user, "CI", test=True)  # a dashboard test key can't be shown again, so it isn't offered
    client.force_login(user)
    html = client.get("/docs").content.decode()
    assert '<button type="button" class="secondary small" id="try-use-test-key">Create a free test key</button>' in html
    assert 'id="try-replace-test-key" hidden' in html


def test_the_try_it_script_follows_jobs_with_the_async_api():
    script = open(finders.find("js/docs.js")).read()
    assert '"Prefer": "respond-async"' in script
    assert '"/events"' in script and "text/event-stream" in script and "getReader" in script
    assert "sessionStorage" in script and "document.cookie =" not in script
