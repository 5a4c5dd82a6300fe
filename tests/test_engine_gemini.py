"""The `gemini` engine, through the real google-genai SDK against a fake server on loopback."""

import io
import logging

import pytest
from PIL import Image

from photos.engines import EngineUnavailable, PromptRejected, get_engine
from tests import images
from tests.fake_providers import assert_refunded, png_b64
from tests.hosted_behaviour import HostedEngineBehaviour


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


def test_a_retry_after_header_is_honoured_too(engine, gemini_server):
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


def test_only_an_image_part_of_the_final_answer_is_taken(engine, gemini_server):
    parts = [
        {"inlineData": {"mimeType": "application/pdf", "data": "JVBERi0="}},
        {"inlineData": {"mimeType": "image/png", "data": png_b64(Image.new("RGB", (64, 48), (255, 0, 0)))}, "thought": True},
        {"inlineData": {"mimeType": "image/png", "data": png_b64(Image.new("RGB", (64, 48), (0, 255, 0)))}},
    ]
    gemini_server.reply(gemini_server.candidate(parts, "STOP"))

    [image] = engine.edit(images.picture((64, 48)), "Make it green").images
    assert image.getpixel((10, 10)) == (0, 255, 0)


# --- Through POST /api/v1/photo ---------------------------------------------


@pytest.fixture
def api(gemini_server, settings):
    settings.PAINTY_ENGINE = "gemini"
    return gemini_server


def test_the_api_answers_a_safety_block_with_422_and_refunds(api, post_photo, user):
    api.reply(api.image_safety())

    response = post_photo(images.jpeg(), prompt="Something unsafe")

    assert_refunded(response, 422, "prompt_rejected", user)
    assert "IMAGE_SAFETY" in response.json()["error"]["message"]


class TestWhatEveryHostedEngineDoes(HostedEngineBehaviour):
    @pytest.fixture
    def server(self, gemini_server):
        return gemini_server
