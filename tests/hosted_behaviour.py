"""What every hosted engine must do, whichever provider it talks to.

Each provider's test module subclasses `HostedEngineBehaviour` with a `server`
fixture (its fake provider, running and configured), and provides `engine`
(the engine under test) and `api` (the fake, with PAINTY_ENGINE naming that
engine). The fakes share one vocabulary
(`server_error()`, `unauthorized()`, `rate_limited()` asking for 17 s, `slow()`),
so these tests run unchanged against both wire formats."""

import logging
import time

import pytest

from billing.ledger import balance_of
from photos.engines import EngineTimeout, EngineUnavailable, UnsupportedPrompt
from photos.models import Job
from tests import images
from tests.fake_providers import assert_refunded, fetch_image, free_port_url
class HostedEngineBehaviour:
    # --- The engine on its own ---------------------------------------------

    def test_a_server_error_is_retried_then_succeeds(self, engine, server):
        server.reply(server.server_error())

        result = engine.edit(images.picture(), "Put me on a beach")

        assert len(server.requests) == 2
        assert result.images[0].size == (320, 240)

    def test_persistent_server_errors_give_up_after_the_configured_retries(self, engine, server, settings):
        settings.PAINTY_HOSTED_RETRIES = 1
        server.default = server.server_error()

        with pytest.raises(EngineUnavailable, match="failing right now"):
            engine.edit(images.picture(), "Put me on a beach")
        assert len(server.requests) == 2

    def test_retries_never_wait_past_the_job_timeout(self, engine, server, settings):
        settings.PAINTY_HOSTED_BACKOFF = 30
        settings.PAINTY_JOB_TIMEOUT = 5
        server.default = server.server_error()

        started = time.monotonic()
        with pytest.raises(EngineUnavailable):
            engine.edit(images.picture(), "Put me on a beach")
        assert time.monotonic() - started < 3
        assert len(server.requests) == 1

    def test_a_refused_connection_is_retried_then_reported_unavailable(self, engine, server, settings):
        setattr(settings, f"{server.prefix}_BASE_URL", free_port_url() + server.base_path)

        with pytest.raises(EngineUnavailable, match="connection failed"):
            engine.edit(images.picture(), "Put me on a beach")

    def test_a_bad_key_is_unavailable_logged_loudly_and_not_retried(self, engine, server, caplog):
        server.reply(server.unauthorized())

        with caplog.at_level(logging.ERROR), pytest.raises(EngineUnavailable, match="not configured") as raised:
            engine.edit(images.picture(), "Put me on a beach")

        assert raised.value.retry_after is None
        assert "HTTP 401" in caplog.text
        assert len(server.requests) == 1

    def test_a_missing_key_is_refused_before_anything_is_sent(self, engine, server, settings):
        setattr(settings, f"{server.prefix}_API_KEY", None)

        with pytest.raises(EngineUnavailable, match="not configured"):
            engine.plan("Put me on a beach")
        assert server.requests == []

    def test_a_rate_limit_asks_the_caller_to_wait_as_long_as_the_provider_says(self, engine, server):
        server.reply(server.rate_limited())

        with pytest.raises(EngineUnavailable, match="rate limiting") as raised:
            engine.edit(images.picture(), "Put me on a beach")

        assert raised.value.retry_after == 17
        assert len(server.requests) == 1

    def test_a_slow_provider_times_out_within_the_job_timeout(self, engine, server, settings):
        settings.PAINTY_JOB_TIMEOUT = 0.5
        server.reply(server.slow(5))

        started = time.monotonic()
        with pytest.raises(EngineTimeout):
            engine.edit(images.picture(), "Put me on a beach")
        assert time.monotonic() - started < 2.5

    def test_animations_are_refused_rather_than_sent_frame_by_frame(self, engine, server):
        with pytest.raises(UnsupportedPrompt, match="still images"):
            engine.edit_frames([images.picture(), images.picture()], "Put me on a beach")
        assert server.requests == []

    # --- Through POST /api/v1/photo ----------------------------------------

    @pytest.mark.parametrize("fmt", ["jpeg", "png", "webp"])
    def test_the_api_returns_the_providers_edit_in_the_input_format(self, api, engine, client, post_photo, user, fmt):
        response = post_photo(images.FORMATS[fmt]((300, 200)), name=f"photo.{fmt}", prompt="Put me on a beach")

        assert response.status_code == 200, response.content
        data = response.json()["data"]
        result = fetch_image(client, data["resultUrls"][0])
        assert (result.format, result.size) == (fmt.upper(), (300, 200))
        assert not result.getexif()
        job = Job.objects.get(pk=data["jobId"])
        assert (job.engine, job.status) == (engine.name, Job.Status.SUCCEEDED)
        assert job.edits[0]["provider"] == engine.name
        assert balance_of(user) == 9

    def test_the_api_answers_a_provider_auth_failure_with_503_and_refunds(self, api, post_photo, user):
        api.reply(api.unauthorized())

        response = post_photo(images.jpeg(), prompt="Put me on a beach")

        assert_refunded(response, 503, "engine_unavailable", user)
        assert "Retry-After" not in response

    def test_the_api_answers_a_rate_limit_with_503_and_retry_after_and_refunds(self, api, post_photo, user):
        api.reply(api.rate_limited())

        response = post_photo(images.jpeg(), prompt="Put me on a beach")

        assert_refunded(response, 503, "engine_unavailable", user)
        assert response["Retry-After"] == "17"

    def test_the_api_answers_persistent_provider_errors_with_503_and_refunds(self, api, post_photo, user):
        api.default = api.server_error()

        response = post_photo(images.jpeg(), prompt="Put me on a beach")

        assert_refunded(response, 503, "engine_unavailable", user)
        assert len(api.requests) == 3

    def test_the_api_answers_a_slow_provider_with_504_and_refunds(self, api, post_photo, user, settings):
        settings.PAINTY_JOB_TIMEOUT = 0.5
        api.reply(api.slow(5))

        response = post_photo(images.jpeg(), prompt="Put me on a beach")

        assert_refunded(response, 504, "timeout", user)

    def test_the_api_refunds_an_animated_gif_the_hosted_engine_cannot_edit(self, api, post_photo, user):
        response = post_photo(images.gif(), name="anim.gif", prompt="Put me on a beach")

        assert_refunded(response, 422, "unsupported_prompt", user)
        assert api.requests == []

    def test_the_api_refuses_without_charging_when_no_key_is_configured(self, api, post_photo, user, settings):
        setattr(settings, f"{api.prefix}_API_KEY", None)

        response = post_photo(images.jpeg(), prompt="Put me on a beach")

        assert response.status_code == 503
        assert response.json()["error"]["code"] == "engine_unavailable"
        assert not Job.objects.exists()
        assert balance_of(user) == 10
