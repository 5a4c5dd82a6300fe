"""The `auto` engine: the embedded engine when it can, a hosted engine otherwise.

The real embedded engine lives on its own branch; here a tiny stand-in that
only knows "brighten" is registered as "local"."""

import pytest
from PIL import ImageEnhance

from billing.ledger import balance_of
from photos import engines
from photos.engines import EditResult, Engine, EngineUnavailable, UnsupportedPrompt, get_engine
from photos.models import Job
from tests import images

BRIGHTEN = [{"op": "brightness", "strength": 0.3}]


class BrightenOnly(Engine):
    name = "local"

    def plan(self, prompt):
        if "brighten" not in prompt.lower():
            raise UnsupportedPrompt(f"The local engine cannot do {prompt!r}.")
        return BRIGHTEN

    def edit(self, image, prompt):
        self.plan(prompt)
        return EditResult(images=[ImageEnhance.Brightness(image).enhance(1.3)], edits=BRIGHTEN)


@pytest.fixture(autouse=True)
def registry(monkeypatch, settings):
    monkeypatch.setitem(engines.ENGINES, "local", f"{__name__}:BrightenOnly")
    monkeypatch.setattr(engines, "_instances", {})
    settings.OPENAI_API_KEY = None
    settings.GEMINI_API_KEY = None
    settings.PAINTY_HOSTED_ENGINE = ""


@pytest.fixture
def auto():
    return get_engine("auto")


def test_a_prompt_the_local_engine_can_do_stays_local(auto, openai_server):
    assert auto.plan("Brighten it a little") == BRIGHTEN

    result = auto.edit(images.picture(), "Brighten it a little")

    assert result.edits == BRIGHTEN
    assert openai_server.requests == []


def test_a_generative_prompt_goes_to_the_hosted_engine(auto, openai_server):
    assert auto.plan("Put me on a beach") == [{"op": "generative_edit", "provider": "openai", "model": "gpt-image-1"}]

    result = auto.edit(images.picture(), "Put me on a beach")

    assert result.edits[0]["provider"] == "openai"
    assert len(openai_server.requests) == 1


def test_without_a_hosted_engine_the_local_refusal_stands(auto):
    with pytest.raises(UnsupportedPrompt, match="cannot do"):
        auto.plan("Put me on a beach")
    with pytest.raises(UnsupportedPrompt):
        auto.edit(images.picture(), "Put me on a beach")


def test_with_no_choice_it_falls_back_to_the_first_hosted_engine_with_a_key(auto, gemini_server):
    assert auto.plan("Put me on a beach")[0]["provider"] == "gemini"
    auto.edit(images.picture(), "Put me on a beach")
    assert len(gemini_server.requests) == 1


def test_the_configured_hosted_engine_is_preferred(auto, openai_server, gemini_server, settings):
    settings.PAINTY_HOSTED_ENGINE = "gemini"

    auto.edit(images.picture(), "Put me on a beach")

    assert (len(gemini_server.requests), len(openai_server.requests)) == (1, 0)


def test_none_keeps_every_image_on_the_machine(auto, openai_server, settings):
    settings.PAINTY_HOSTED_ENGINE = "none"

    with pytest.raises(UnsupportedPrompt):
        auto.plan("Put me on a beach")
    assert openai_server.requests == []


def test_a_configured_hosted_engine_without_a_key_is_unavailable(auto, settings):
    settings.PAINTY_HOSTED_ENGINE = "openai"

    with pytest.raises(EngineUnavailable, match="not configured"):
        auto.plan("Put me on a beach")


def test_without_a_local_engine_everything_goes_to_the_hosted_engine(auto, openai_server, monkeypatch):
    monkeypatch.delitem(engines.ENGINES, "local")

    assert auto.plan("Brighten it")[0]["provider"] == "openai"


def test_without_any_engine_it_is_unavailable(auto, monkeypatch):
    monkeypatch.delitem(engines.ENGINES, "local")

    with pytest.raises(EngineUnavailable, match="Unknown engine 'local'"):
        auto.plan("Brighten it")


def test_animations_with_a_local_prompt_are_edited_locally(auto, openai_server):
    result = auto.edit_frames([images.picture(), images.picture()], "Brighten it")

    assert len(result.images) == 2
    assert openai_server.requests == []


# --- Through POST /api/v1/photo ---------------------------------------------


@pytest.fixture
def api(settings):
    settings.PAINTY_ENGINE = "auto"


def test_the_api_runs_a_local_prompt_locally(api, openai_server, post_photo, user):
    response = post_photo(images.jpeg(), prompt="Brighten the photo")

    assert response.status_code == 200, response.content
    job = Job.objects.get()
    assert (job.engine, job.edits) == ("auto", BRIGHTEN)
    assert openai_server.requests == []
    assert balance_of(user) == 9


def test_the_api_sends_a_generative_prompt_to_the_hosted_engine(api, openai_server, post_photo, user):
    response = post_photo(images.jpeg(), prompt="Put me on a beach")

    assert response.status_code == 200, response.content
    assert Job.objects.get().edits[0]["provider"] == "openai"
    assert len(openai_server.requests) == 1
    assert balance_of(user) == 9


def test_the_api_refuses_a_generative_prompt_without_charging_when_nothing_is_hosted(api, post_photo, user):
    response = post_photo(images.jpeg(), prompt="Put me on a beach")

    assert response.status_code == 422
    assert response.json()["error"] == {
        "code": "unsupported_prompt",
        "message": "The local engine cannot do 'Put me on a beach'.",
        "param": "prompt",
    }
    assert not Job.objects.exists()
    assert balance_of(user) == 10


def test_with_the_real_embedded_engine_classic_prompts_stay_local_and_generative_ones_go_out(
    api, openai_server, post_photo, user, monkeypatch
):
    monkeypatch.setitem(engines.ENGINES, "local", "photos.engines.local:LocalEngine")

    classic = post_photo(images.jpeg(), prompt="Brighten the photo")
    generative = post_photo(images.jpeg(), prompt="Remove the people behind me")

    assert (classic.status_code, generative.status_code) == (200, 200)
    first, second = Job.objects.order_by("pk")
    assert first.edits[0]["op"] == "brightness"
    assert second.edits[0] == {"op": "generative_edit", "provider": "openai", "model": "gpt-image-1"}
    assert [request.fields["prompt"] for request in openai_server.requests] == ["Remove the people behind me"]
    assert balance_of(user) == 8
