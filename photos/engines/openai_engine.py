"""`PAINTY_ENGINE=openai`: OpenAI's image edit endpoint through the official SDK.

`client.images.edit(model=PAINTY_OPENAI_MODEL, image=…, prompt=…)`; the answer's
`b64_json` image is decoded and fitted back to the input. `OPENAI_API_KEY` is
required, `OPENAI_BASE_URL` optional (a proxy, or a fake server in tests)."""

from __future__ import annotations

import base64
import binascii

import openai
from django.conf import settings
from PIL import Image

from .base import EngineTimeout, EngineUnavailable, PromptRejected
from .hosted import HostedEngine, Transient, Upload, decode_answer, misconfigured, parse_retry_after, rate_limited

# Error codes OpenAI uses when its safety system refuses a prompt or image.
REFUSAL_CODES = {"moderation_blocked", "content_policy_violation"}


class OpenAIEngine(HostedEngine):
    name = provider = "openai"
    label = "OpenAI"
    key_setting = "OPENAI_API_KEY"
    model_setting = "PAINTY_OPENAI_MODEL"
    supports_mask = True

    def call(self, upload: Upload, prompt: str, timeout: float, mask: Upload | None = None) -> Image.Image:
        # low/medium/high trade price for detail; unset leaves the model's default.
        options = {"quality": settings.PAINTY_OPENAI_QUALITY} if settings.PAINTY_OPENAI_QUALITY else {}
        if mask is not None:
            options["mask"] = (mask.filename, mask.data, mask.mime_type)
        try:
            with openai.OpenAI(
                api_key=settings.OPENAI_API_KEY,
                base_url=settings.OPENAI_BASE_URL or None,
                max_retries=0,  # with_retries() owns retrying, bounded by the job timeout
                timeout=timeout,
            ) as client:
                response = client.images.edit(
                    model=self.model,
                    image=(upload.filename, upload.data, upload.mime_type),
                    prompt=prompt,
                    **options,
                )
        except openai.OpenAIError as exc:
            raise self.translate(exc) from exc
        encoded = next((item.b64_json for item in response.data or [] if item.b64_json), None)
        if encoded is None:
            # e.g. dall-e-2 answers with URLs unless asked otherwise.
            raise misconfigured(self.label, f"{self.model} returned no b64_json image; use a GPT image model")
        try:
            data = base64.b64decode(encoded, validate=True)
        except (binascii.Error, ValueError):
            raise EngineUnavailable(f"{self.label} returned an image that is not valid base64") from None
        return decode_answer(self.label, data)

    def translate(self, exc: openai.OpenAIError) -> Exception:
        if isinstance(exc, openai.APITimeoutError):
            return EngineTimeout(f"{self.label} did not answer in time")
        if isinstance(exc, openai.APIConnectionError):
            return Transient(f"connection failed: {exc}")
        if not isinstance(exc, openai.APIStatusError):
            return misconfigured(self.label, str(exc))
        status, code, message = exc.status_code, exc.code, provider_message(exc)
        if status == 429 and code != "insufficient_quota":
            return rate_limited(self.label, parse_retry_after(exc.response.headers))
        if status >= 500 or status in (408, 409):
            return Transient(f"HTTP {status}: {message}")
        if code in REFUSAL_CODES:
            return PromptRejected(f"{self.label} refused the request: {message}")
        # 400 (bad model or parameter), 401/403 (key, organisation), 404
        # (unknown model), 429 insufficient_quota (billing): ours to fix.
        return misconfigured(self.label, f"HTTP {status} {code or ''}: {message}")


def provider_message(exc: openai.APIStatusError) -> str:
    body = exc.body if isinstance(exc.body, dict) else {}
    return str(body.get("message") or exc.message)

