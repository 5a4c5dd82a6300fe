"""The `gemini` engine, through the real google-genai SDK against a fake server on loopback."""

import io
import logging
import time

import pytest
from PIL import Image

from billing.ledger import balance_of
from photos.engines import EngineTimeout, EngineUnavailable, PromptRejected, get_engine
from photos.models import Job
from tests import images
from tests.fake_providers import assert_refunded, fetch_image, free_port_url, gemini_server, png_b64  # noqa: F401


@pytest.fixture
def engine(gemini_server):
    return get_engine("gemini")


def test_it_sends_the_prompt_and_image_to_generate_content(engine, gemini_server, settings):
    settings.PAINTY_GEMINI_MODEL = "gemini-3-pro-image-preview"
    engine.edit(images.picture((320, 240)), "Put me on a beach")

    [request] = gemini_server.requests
    assert request.path == "/v1beta/models/gemini-3-pro-image-preview:generateContent"
    assert request.headers["x-goog-api-key"] == "gemini-test-key"
    assert request.fields["prompt"] == "Put me on a beach"
    assert request.fields["image_content_type"] == "image/jpeg"
    assert Image.open(io.BytesIO(request.fields["image"])).size == (320, 240)
    assert "IMAGE" in request.fields["generationConfig"]["responseModalities"]


def test_it_takes_the_image_part_of_the_answer_at_the_input_size(engine, gemini_server):
    result = engine.edit(images.picture((320, 240)), "Put me on a beach")

    [image] = result.images
    assert (image.size, image.mode) == ((320, 240), "RGB")
    assert result.edits == [{"op": "generative_edit", "provider": "gemini", "model": "gemini-2.5-flash-image"}]


def test_it_keeps_alpha_for_a_transparent_input_when_the_provider_returns_it(engine, gemini_server):
    answer = Image.new("RGBA", (1024, 1024), (200, 10, 10, 255))
    answer.paste((0, 0, 0, 0), (0, 0, 1024, 300))
    gemini_server.reply(gemini_server.success(answer))

    [image] = engine.edit(images.picture((256, 256), mode="RGBA"), "Remove the background").images

    assert gemini_server.requests[0].fields["image_content_type"] == "image/png"
    assert image.mode == "RGBA"
    assert image.getchannel("A").getextrema() == (0, 255)


def test_a_server_error_is_retried_then_succeeds(engine, gemini_server):
    gemini_server.reply(gemini_server.server_error(), gemini_server.error(503, "The model is overloaded.", "UNAVAILABLE"))

    result = engine.edit(images.picture(), "Put me on a beach")

    assert len(gemini_server.requests) == 3
    assert result.images[0].size == (320, 240)


def test_persistent_server_errors_give_up_after_the_configured_retries(engine, gemini_server, settings):
    settings.PAINTY_HOSTED_RETRIES = 0
    gemini_server.default = gemini_server.server_error()

    with pytest.raises(EngineUnavailable, match="failing right now"):
        engine.edit(images.picture(), "Put me on a beach")
    assert len(gemini_server.requests) == 1


def test_a_refused_connection_is_retried_then_reported_unavailable(engine, settings):
    settings.GEMINI_BASE_URL = free_port_url()

    with pytest.raises(EngineUnavailable, match="connection failed"):
        engine.edit(images.picture(), "Put me on a beach")


@pytest.mark.parametrize("status", [400, 401, 403, 404])
def test_key_model_and_permission_errors_are_unavailable_and_logged_loudly(engine, gemini_server, caplog, status):
    gemini_server.reply(gemini_server.error(status, "API key not valid. Please pass a valid API key.", "INVALID_ARGUMENT"))

    with caplog.at_level(logging.ERROR), pytest.raises(EngineUnavailable, match="not configured") as raised:
        engine.edit(images.picture(), "Put me on a beach")

    assert raised.value.retry_after is None
    assert any("API key not valid" in record.getMessage() for record in caplog.records)
    assert len(gemini_server.requests) == 1


def test_a_rate_limit_passes_on_the_retry_delay(engine, gemini_server):
    gemini_server.reply(gemini_server.rate_limited(retry_delay="17.5s"))

    with pytest.raises(EngineUnavailable, match="rate limiting") as raised:
        engine.edit(images.picture(), "Put me on a beach")

    assert raised.value.retry_after == 18
    assert len(gemini_server.requests) == 1


def test_a_rate_limit_header_wins_over_the_default(engine, gemini_server):
    gemini_server.reply(gemini_server.error(429, "Quota exceeded.", "RESOURCE_EXHAUSTED", headers={"Retry-After": "5"}))

    with pytest.raises(EngineUnavailable) as raised:
        engine.edit(images.picture(), "Put me on a beach")
    assert raised.value.retry_after == 5


def test_a_blocked_prompt_is_rejected_with_the_providers_reason(engine, gemini_server):
    gemini_server.reply(gemini_server.prompt_blocked())

    with pytest.raises(PromptRejected, match=r"\(SAFETY\): The prompt was blocked"):
        engine.edit(images.picture(), "Something unsafe")


@pytest.mark.parametrize("reason", ["SAFETY", "IMAGE_SAFETY", "PROHIBITED_CONTENT"])
def test_a_safety_finish_is_rejected_with_the_providers_reason(engine, gemini_server, reason):
    gemini_server.reply(gemini_server.candidate([{"text": "I can't edit this image."}], reason))

    with pytest.raises(PromptRejected, match=rf"\({reason}\): I can't edit this image"):
        engine.edit(images.picture(), "Something unsafe")


def test_an_answer_in_words_only_is_a_rejected_prompt(engine, gemini_server):
    gemini_server.reply(gemini_server.candidate([{"text": "I cannot put people on beaches."}], "STOP"))

    with pytest.raises(PromptRejected, match="without an image: I cannot put people on beaches"):
        engine.edit(images.picture(), "Put me on a beach")


def test_an_empty_answer_is_retried(engine, gemini_server):
    gemini_server.reply(gemini_server.candidate([], "OTHER"))

    result = engine.edit(images.picture(), "Put me on a beach")

    assert len(gemini_server.requests) == 2
    assert result.images[0].size == (320, 240)


def test_a_non_image_part_is_not_taken_for_the_image(engine, gemini_server):
    parts = [
        {"inlineData": {"mimeType": "application/pdf", "data": "JVBERi0="}},
        {"inlineData": {"mimeType": "image/png", "data": png_b64(Image.new("RGB", (64, 48), (0, 255, 0)))}},
    ]
    gemini_server.reply(gemini_server.candidate(parts, "STOP"))

    [image] = engine.edit(images.picture((64, 48)), "Make it green").images
    assert image.getpixel((10, 10)) == (0, 255, 0)


def test_a_slow_provider_times_out_within_the_job_timeout(engine, gemini_server, settings):
    settings.PAINTY_JOB_TIMEOUT = 0.5
    gemini_server.reply(gemini_server.slow(5))

    started = time.monotonic()
    with pytest.raises(EngineTimeout):
        engine.edit(images.picture(), "Put me on a beach")
    assert time.monotonic() - started < 2.5


def test_a_missing_key_is_refused_before_anything_is_sent(engine, gemini_server, settings):
    settings.GEMINI_API_KEY = None

    with pytest.raises(EngineUnavailable, match="not configured"):
        engine.plan("Put me on a beach")
    assert gemini_server.requests == []


# --- Through POST /api/v1/photo ---------------------------------------------


@pytest.fixture
def api(gemini_server, settings):
    settings.PAINTY_ENGINE = "gemini"
    return gemini_server


def test_the_api_returns_the_providers_edit_in_the_input_format(api, client, post_photo, user):
    response = post_photo(images.webp((300, 200)), name="photo.webp", prompt="Put me on a beach")

    assert response.status_code == 200, response.content
    data = response.json()["data"]
    result = fetch_image(client, data["resultUrls"][0])
    assert (result.format, result.size) == ("WEBP", (300, 200))
    assert Job.objects.get(pk=data["jobId"]).engine == "gemini"
    assert balance_of(user) == 9


def test_the_api_answers_a_safety_block_with_422_and_refunds(api, post_photo, user):
    api.reply(api.image_safety())

    response = post_photo(images.jpeg(), prompt="Something unsafe")

    assert_refunded(response, 422, "prompt_rejected", user)
    assert "IMAGE_SAFETY" in response.json()["error"]["message"]


def test_the_api_answers_a_rate_limit_with_503_and_retry_after_and_refunds(api, post_photo, user):
    api.reply(api.rate_limited())

    response = post_photo(images.jpeg(), prompt="Put me on a beach")

    assert_refunded(response, 503, "engine_unavailable", user)
    assert response["Retry-After"] == "17"


def test_the_api_answers_a_slow_provider_with_504_and_refunds(api, post_photo, user, settings):
    settings.PAINTY_JOB_TIMEOUT = 0.5
    api.reply(api.slow(5))

    response = post_photo(images.jpeg(), prompt="Put me on a beach")

    assert_refunded(response, 504, "timeout", user)


def test_the_api_answers_persistent_provider_errors_with_503_and_refunds(api, post_photo, user):
    api.default = api.server_error()

    response = post_photo(images.jpeg(), prompt="Put me on a beach")

    assert_refunded(response, 503, "engine_unavailable", user)
    assert len(api.requests) == 3
