"""The `openai` engine, through the real OpenAI SDK against a fake server on loopback."""

import logging

import pytest
from PIL import Image

from photos.engines import EngineUnavailable, PromptRejected, get_engine
from tests import images
from tests.fake_providers import Reply, assert_refunded, fetch_image
from tests.hosted_behaviour import HostedEngineBehaviour


@pytest.fixture
def engine(openai_server):
    return get_engine("openai")


def test_it_sends_the_image_prompt_and_model_to_the_edits_endpoint(engine, openai_server, settings):
    settings.PAINTY_OPENAI_MODEL = "gpt-image-1-mini"
    engine.edit(images.picture((320, 240)), "Put me on a beach")

    [request] = openai_server.requests
    assert request.path == "/v1/images/edits"
    assert request.headers["authorization"] == "Bearer openai-test-key"
    assert request.fields["model"] == "gpt-image-1-mini"
    assert request.fields["prompt"] == "Put me on a beach"
    assert request.fields["image_content_type"] == "image/jpeg"
    assert request.image().size == (320, 240)
    assert "quality" not in request.fields


def test_it_asks_for_the_configured_quality(engine, openai_server, settings):
    settings.PAINTY_OPENAI_QUALITY = "medium"
    engine.edit(images.picture(), "Put me on a beach")

    assert openai_server.requests[0].fields["quality"] == "medium"


def test_it_returns_the_answer_at_the_input_size_and_mode(engine, openai_server):
    # The provider answers 1536×1024 (3:2); the input is 4:3.
    result = engine.edit(images.picture((320, 240)), "Put me on a beach")

    [image] = result.images
    assert image.size == (320, 240)
    assert image.mode == "RGB"
    assert result.edits == [{"op": "generative_edit", "provider": "openai", "model": "gpt-image-1"}]


def test_the_answer_is_cropped_to_the_input_aspect_ratio_not_squashed(engine, openai_server):
    # A wide answer with a red left third and a blue rest; the input is square.
    wide = Image.new("RGB", (1536, 512), (0, 0, 255))
    wide.paste((255, 0, 0), (0, 0, 512, 512))
    openai_server.reply(openai_server.success(wide))

    [image] = engine.edit(images.picture((200, 200)), "Make it pop").images

    # Centre crop keeps the middle third: all blue. Squashing would keep red on the left.
    assert image.size == (200, 200)
    assert image.getpixel((5, 100))[2] > 200 and image.getpixel((5, 100))[0] < 50


def test_it_keeps_alpha_for_a_transparent_input_when_the_provider_returns_it(engine, openai_server):
    answer = Image.new("RGBA", (1024, 1024), (10, 200, 10, 255))
    answer.paste((0, 0, 0, 0), (0, 0, 512, 1024))
    openai_server.reply(openai_server.success(answer))

    [image] = engine.edit(images.picture((300, 300), mode="RGBA"), "Remove the background").images

    assert openai_server.requests[0].fields["image_content_type"] == "image/png"
    assert openai_server.requests[0].image().mode == "RGBA"
    assert image.mode == "RGBA"
    assert image.getchannel("A").getextrema() == (0, 255)


def test_a_transparent_answer_for_an_opaque_input_is_flattened_on_white(engine, openai_server):
    openai_server.reply(openai_server.success(Image.new("RGBA", (1024, 1024), (0, 0, 0, 0))))

    [image] = engine.edit(images.picture((100, 100)), "Remove the background").images

    assert image.mode == "RGB"
    assert image.getpixel((50, 50)) == (255, 255, 255)


def test_a_large_input_is_scaled_down_for_upload_and_the_answer_back_up(engine, openai_server):
    [image] = engine.edit(images.picture((3000, 1000)), "Put me on a beach").images

    assert openai_server.requests[0].image().size == (2048, 683)
    assert image.size == (3000, 1000)


def test_the_providers_words_about_our_key_go_to_the_log_not_the_caller(engine, openai_server, caplog):
    openai_server.reply(openai_server.unauthorized())

    with caplog.at_level(logging.ERROR), pytest.raises(EngineUnavailable) as raised:
        engine.edit(images.picture(), "Put me on a beach")

    assert "sk-wrong" not in str(raised.value)
    assert "invalid_api_key: Incorrect API key provided: sk-wrong" in caplog.text


@pytest.mark.parametrize("header, seconds", [("7", 7), ("0.2", 1), ("soon", 30), ("Wed, 21 Oct 2015 07:28:00 GMT", 1)])
def test_a_rate_limit_passes_on_the_providers_retry_after(engine, openai_server, header, seconds):
    openai_server.reply(openai_server.rate_limited(retry_after=header))

    with pytest.raises(EngineUnavailable) as raised:
        engine.edit(images.picture(), "Put me on a beach")

    assert raised.value.retry_after == seconds
    assert len(openai_server.requests) == 1


def test_an_exhausted_quota_is_a_configuration_problem_not_a_rate_limit(engine, openai_server):
    openai_server.reply(
        openai_server.error(429, "You exceeded your current quota.", "insufficient_quota", "insufficient_quota")
    )

    with pytest.raises(EngineUnavailable, match="not configured") as raised:
        engine.edit(images.picture(), "Put me on a beach")
    assert raised.value.retry_after is None


def test_a_moderation_refusal_is_a_rejected_prompt_with_the_providers_reason(engine, openai_server):
    openai_server.reply(openai_server.moderation_blocked())

    with pytest.raises(PromptRejected, match="rejected as a result of our safety system"):
        engine.edit(images.picture(), "Something unsafe")


def test_an_answer_without_an_image_is_unavailable(engine, openai_server):
    openai_server.reply(Reply(200, {"created": 1, "data": [{"url": "https://example.invalid/x.png"}]}))

    with pytest.raises(EngineUnavailable):
        engine.edit(images.picture(), "Put me on a beach")


def test_an_unreadable_image_in_the_answer_is_unavailable(engine, openai_server):
    openai_server.reply(Reply(200, {"created": 1, "data": [{"b64_json": "bm90IGFuIGltYWdl"}]}))

    with pytest.raises(EngineUnavailable, match="unreadable image"):
        engine.edit(images.picture(), "Put me on a beach")


# --- Through POST /api/v1/photo ---------------------------------------------


@pytest.fixture
def api(openai_server, settings):
    settings.PAINTY_ENGINE = "openai"
    return openai_server


def test_the_api_keeps_png_alpha_when_the_provider_returns_it(api, client, post_photo):
    answer = Image.new("RGBA", (1024, 1024), (10, 200, 10, 255))
    answer.paste((0, 0, 0, 0), (0, 0, 512, 1024))
    api.reply(api.success(answer))

    response = post_photo(images.png((300, 200)), name="cut.png", prompt="Remove the background")

    result = fetch_image(client, response.json()["data"]["resultUrls"][0])
    assert (result.format, result.mode, result.size) == ("PNG", "RGBA", (300, 200))
    assert result.getchannel("A").getextrema() == (0, 255)


def test_the_api_answers_a_refusal_with_422_and_refunds(api, post_photo, user):
    api.reply(api.moderation_blocked())

    response = post_photo(images.jpeg(), prompt="Something unsafe")

    assert_refunded(response, 422, "prompt_rejected", user)
    assert "safety system" in response.json()["error"]["message"]


class TestWhatEveryHostedEngineDoes(HostedEngineBehaviour):
    @pytest.fixture
    def server(self, openai_server):
        return openai_server
