"""/privacy is written from the live settings: retention, links, and where images go with
the engine in use; it is linked from the footer, the docs and sign-up."""

import re

import pytest

from front.privacy import PROVIDERS


def page(client) -> str:
    response = client.get("/privacy")
    assert response.status_code == 200
    return re.sub(r"\s+", " ", response.content.decode())


def image_route(text: str) -> str:
    return re.search(r'data-fact="image-route">(.*?)</p>', text).group(1)


def test_it_says_what_is_stored_how_long_and_how_to_delete_it(client, db, settings):
    settings.PAINTY_RETENTION_HOURS = 6
    text = page(client)
    assert "never used to train models" in text
    assert '<strong data-fact="retention">6 hours</strong>' in text
    assert "metadata" in text and "The prompt" in text
    assert "DELETE /api/v1/jobs/{id}" in text
    assert "curl -X DELETE 'http://testserver/api/v1/jobs/123'" in text
    assert "Delete my account" in text and "Export my data" in text
    assert "anonymised" in text


def test_it_follows_the_retention_setting(client, db, settings):
    settings.PAINTY_RETENTION_HOURS = 1.5
    assert '<strong data-fact="retention">1.5 hours</strong>' in page(client)


@pytest.mark.parametrize("engine", ["local", "echo"])
def test_with_the_local_engine_images_never_leave_the_machine(client, db, settings, engine):
    settings.PAINTY_ENGINE = engine
    text = page(client)
    assert "never leave this machine" in image_route(text)
    assert f'<code data-fact="engine">{engine}</code>' in text
    for provider in PROVIDERS.values():
        assert provider.terms[0][1] not in text


@pytest.mark.parametrize("engine", ["openai", "gemini"])
def test_a_hosted_engine_sends_every_image_to_its_provider_under_its_terms(client, db, settings, engine):
    settings.PAINTY_ENGINE = engine
    provider = PROVIDERS[engine]
    text = page(client)
    route = image_route(text)
    assert f"Every image and its prompt are sent to {provider.name}" in route
    assert "never leave" not in route
    for _, url in provider.terms:
        assert f'href="{url}"' in text
    assert f"As stated by {provider.name} in {provider.as_of}" in text
    assert "PAINTY_HOSTED_ENGINE=none" in text


def test_openai_terms_say_api_data_is_not_used_for_training(client, db, settings):
    settings.PAINTY_ENGINE = "openai"
    settings.PAINTY_OPENAI_MODEL = "gpt-image-1-mini"
    text = page(client)
    assert "not used to train or improve its models" in text
    assert "30 days" in text
    assert "<code>gpt-image-1-mini</code>" in text


def test_gemini_terms_say_paid_use_is_not_used_for_training_and_warn_about_the_free_tier(client, db, settings):
    settings.PAINTY_ENGINE = "gemini"
    text = page(client)
    assert "does not use prompts, images or responses to improve its products" in text
    assert "free tier" in text and "billing activated" in text


def test_auto_with_a_hosted_key_sends_only_what_the_local_engine_cannot_do(client, db, settings):
    settings.PAINTY_ENGINE = "auto"
    settings.PAINTY_HOSTED_ENGINE = ""
    settings.OPENAI_API_KEY = None
    settings.GEMINI_API_KEY = "g-test"
    route = image_route(page(client))
    assert "Prompts the built-in engine can do are edited here" in route
    assert "sent with their image to Google (Gemini API)" in route


def test_auto_names_the_configured_hosted_engine(client, db, settings):
    settings.PAINTY_ENGINE = "auto"
    settings.PAINTY_HOSTED_ENGINE = "openai"
    settings.OPENAI_API_KEY = "sk-test"
    settings.GEMINI_API_KEY = "g-test"
    assert "sent with their image to OpenAI" in image_route(page(client))


@pytest.mark.parametrize("hosted, openai_key", [("none", "sk-test"), ("", None)])
def test_auto_without_a_hosted_engine_keeps_images_on_the_machine(client, db, settings, hosted, openai_key):
    settings.PAINTY_ENGINE = "auto"
    settings.PAINTY_HOSTED_ENGINE = hosted
    settings.OPENAI_API_KEY = openai_key
    settings.GEMINI_API_KEY = None
    route = image_route(page(client))
    assert "never leave this machine" in route
    assert "422 unsupported_prompt" in route


def test_local_links_are_described_as_signed_by_this_server(client, db):
    text = page(client)
    assert "signed by this server" in text and "Cache-Control: private" in text


def test_with_a_cdn_the_page_says_links_go_through_it(client, db, settings):
    settings.PAINTY_STORAGE = "s3"
    settings.AWS_S3_CUSTOM_DOMAIN = "cdn.painty.test"
    text = page(client)
    assert "CloudFront-signed" in text and "cdn.painty.test" in text


@pytest.mark.parametrize("path", ["/", "/docs", "/accounts/signup/", "/billing/pricing"])
def test_it_is_linked_from_the_footer_the_docs_and_sign_up(client, db, path):
    response = client.get(path)
    assert response.status_code == 200
    assert 'href="/privacy"' in response.content.decode()


def test_sign_up_says_images_are_not_used_for_training_next_to_the_form(client, db):
    text = client.get("/accounts/signup/").content.decode()
    assert 'data-testid="signup-privacy"' in text and 'name="password1"' in text


def test_the_docs_page_has_a_privacy_section(client, db):
    text = client.get("/docs").content.decode()
    assert 'id="privacy"' in text and 'href="#privacy"' in text


def test_the_schema_points_at_the_page_and_describes_the_links(client, db):
    spec = client.get("/api/v1/schema").json()
    assert "never used to train models" in spec["info"]["description"]
    assert "http://testserver/privacy" in spec["info"]["description"]
    job = spec["components"]["schemas"]["Job"]["properties"]
    for field in ("originalUrl", "resultUrls"):
        assert "CloudFront-signed" in job[field]["description"] and "`expiresAt`" in job[field]["description"]
    unauthorized = spec["paths"]["/api/v1/jobs/{job_id}"]["get"]["responses"]["401"]
    assert "account_deleted" in unauthorized["description"]
