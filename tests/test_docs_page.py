"""/docs states what the server enforces, and hands signed-in users a way to try it."""

from __future__ import annotations

import pytest

from accounts.models import ApiKey
from front.docs import TEST_KEY_NAME
from photos.imaging import EXTENSIONS, WEB_FORMATS
from photos.schema import API_ERRORS, rate_text


def page(client) -> str:
    response = client.get("/docs")
    assert response.status_code == 200
    return response.content.decode()


def test_it_states_the_limits_the_api_enforces(client, db, settings):
    settings.PAINTY_MAX_UPLOAD_MB = 7
    settings.PAINTY_JOB_TIMEOUT = 90.0
    settings.PAINTY_RETENTION_HOURS = 6.0
    settings.PAINTY_RATE_LIMIT = "30/h"
    settings.PAINTY_CREDITS_PER_IMAGE = 3
    html = page(client)
    assert 'data-limit="size">7 MB<' in html
    assert "max size: 7MB" in html
    assert 'data-limit="timeout">90 seconds<' in html
    assert 'data-limit="retention">6 hours<' in html
    assert 'data-limit="rate">30 requests per hour<' in html
    assert 'data-limit="price">3 credits<' in html
    assert "Links work for 6 hours" in html


def test_it_lists_the_formats_the_decoder_accepts(client, db):
    html = page(client)
    assert 'data-limit="formats">JPG, PNG, WebP, GIF<' in html
    assert f"formats: {', '.join(EXTENSIONS[name] for name in WEB_FORMATS)};" in html
    assert "HEIC and AVIF" in html


def test_its_error_table_lists_every_status_the_api_returns(client, db):
    html = page(client)
    for status in (400, 401, 402, 413, 415, 422, 429, 500, 503, 504):
        assert f'id="error-{status}"' in html
    for info in API_ERRORS:
        for code in info.codes:
            assert f"<code>{code}</code>" in html


def test_examples_use_the_public_url_when_set(client, db, settings):
    settings.PAINTY_PUBLIC_URL = "https://api.painty.example"
    html = page(client)
    assert html.count("https://api.painty.example/api/v1/photo") >= 4  # endpoint, cURL, JavaScript, Python
    assert "testserver" not in html


def test_examples_use_the_request_host_otherwise(client, db):
    html = page(client)
    assert "curl -X POST 'http://testserver/api/v1/photo'" in html
    assert 'url = "http://testserver/api/v1/photo"' in html


def test_a_visitor_sees_the_docs_and_a_sign_in_call_to_action(client, db):
    html = page(client)
    assert "Sign in to try the API here." in html
    assert 'href="/accounts/login/?next=/docs%23try"' in html
    assert 'id="try-form"' not in html


def test_a_signed_in_user_gets_the_try_it_form_with_their_masked_keys(client, user):
    key, raw = ApiKey.issue(user, "Server")
    revoked, _ = ApiKey.issue(user, "Old")
    revoked.revoke()
    client.force_login(user)
    html = page(client)
    assert 'id="try-form"' in html
    assert key.masked in html and revoked.masked not in html
    assert raw not in html


@pytest.mark.parametrize(
    "rate, text",
    [("60/m", "60 requests per minute"), ("1/s", "1 request per second"), ("10/5m", "10 requests per 5 minutes")],
)
def test_rates_read_as_sentences(rate, text):
    assert rate_text(rate) == text


class TestTheTestKeyEndpoint:
    def test_it_issues_a_working_key_shown_once(self, client, user):
        client.force_login(user)
        response = client.post("/docs/test-key")
        assert response.status_code == 201
        body = response.json()
        key = ApiKey.find(body["key"])
        assert key.user == user and key.name == TEST_KEY_NAME and body["masked"] == key.masked
        account = client.get("/api/v1/account", HTTP_AUTHORIZATION=f"Bearer {body['key']}")
        assert account.json()["data"]["email"] == user.email

    def test_it_needs_a_signed_in_user(self, client, db):
        response = client.post("/docs/test-key")
        assert response.status_code == 401
        assert ApiKey.objects.count() == 0

    def test_it_only_allows_post(self, client, user):
        client.force_login(user)
        assert client.get("/docs/test-key").status_code == 405
        assert ApiKey.objects.count() == 0

    def test_it_checks_the_csrf_token(self, user):
        from django.test import Client

        client = Client(enforce_csrf_checks=True)
        client.force_login(user)
        assert client.post("/docs/test-key").status_code == 403
        assert ApiKey.objects.count() == 0


def test_it_lists_the_prompt_vocabulary_from_the_engines_own_tables(client, db):
    from photos.engines.local.vocabulary import LANGUAGES

    html = page(client)
    assert 'id="prompts"' in html
    for code, module in LANGUAGES.items():
        assert f'data-language="{code}"' in html
        for phrase in (module.OPS["grayscale"][0], module.TARGETS["background"][0]):
            assert phrase in html
