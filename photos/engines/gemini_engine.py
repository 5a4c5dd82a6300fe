"""`PAINTY_ENGINE=gemini`: a Gemini image model through the official `google-genai` SDK.

`client.models.generate_content(model=PAINTY_GEMINI_MODEL, contents=[prompt, image])`;
the first image part of the answer is fitted back to the input. `GEMINI_API_KEY`
is required, `GEMINI_BASE_URL` optional (passed through `http_options`)."""

from __future__ import annotations

import importlib

from django.conf import settings
from google import genai
from google.genai import errors, types
from PIL import Image

from .base import EngineTimeout, PromptRejected
from .hosted import HostedEngine, Transient, Upload, clamp_wait, decode_answer, misconfigured, parse_retry_after, rate_limited

# The SDK talks through httpx or its fork httpx2, whichever is installed; it
# lets their timeout and connection errors through as they are.
_timeouts: list[type[Exception]] = []
_transport: list[type[Exception]] = []
for _module in ("httpx", "httpx2"):
    try:
        _http = importlib.import_module(_module)
    except ImportError:
        continue
    _timeouts.append(_http.TimeoutException)
    _transport.append(_http.TransportError)
TIMEOUT_ERRORS, TRANSPORT_ERRORS = tuple(_timeouts), tuple(_transport)

# Finish and block reasons that mean the provider's safety system said no.
REFUSALS = {
    "SAFETY",
    "IMAGE_SAFETY",
    "PROHIBITED_CONTENT",
    "IMAGE_PROHIBITED_CONTENT",
    "BLOCKLIST",
    "SPII",
    "RECITATION",
    "IMAGE_RECITATION",
    "JAILBREAK",
    "MODEL_ARMOR",
}


class GeminiEngine(HostedEngine):
    name = provider = "gemini"
    label = "Gemini"
    key_setting = "GEMINI_API_KEY"
    model_setting = "PAINTY_GEMINI_MODEL"

    def call(self, upload: Upload, prompt: str, timeout: float, mask: Upload | None = None) -> Image.Image:
        options = types.HttpOptions(
            base_url=settings.GEMINI_BASE_URL or None,
            # Image models are served on v1beta; newer SDKs default to v1.
            api_version="v1beta",
            timeout=max(1, int(timeout * 1000)),  # milliseconds
            retry_options=types.HttpRetryOptions(attempts=1),  # with_retries() owns retrying
        )
        try:
            with genai.Client(api_key=settings.GEMINI_API_KEY, vertexai=False, http_options=options) as client:
                response = client.models.generate_content(
                    model=self.model,
                    contents=[prompt, types.Part.from_bytes(data=upload.data, mime_type=upload.mime_type)],
                    config=types.GenerateContentConfig(
                        response_modalities=["TEXT", "IMAGE"],
                        automatic_function_calling=types.AutomaticFunctionCallingConfig(disable=True),
                    ),
                )
        except errors.APIError as exc:
            raise self.translate(exc) from exc
        except TIMEOUT_ERRORS:
            raise EngineTimeout(f"{self.label} did not answer in time") from None
        except TRANSPORT_ERRORS as exc:
            raise Transient(f"connection failed: {exc}") from exc
        return self.image_from(response)

    def translate(self, exc: errors.APIError) -> Exception:
        code, status, message = exc.code, exc.status or "", exc.message or str(exc)
        if code == 429:
            headers = getattr(exc.response, "headers", None)
            return rate_limited(self.label, parse_retry_after(headers) or retry_delay(exc.details))
        if code >= 500 or code == 408:
            return Transient(f"HTTP {code} {status}: {message}")
        # 400 (bad key, model or region), 401/403, 404 (unknown model): ours to fix.
        return misconfigured(self.label, f"HTTP {code} {status}: {message}")

    def image_from(self, response: types.GenerateContentResponse) -> Image.Image:
        feedback = response.prompt_feedback
        if feedback and feedback.block_reason:
            reason = enum_name(feedback.block_reason)
            raise PromptRejected(refusal(self.label, reason, feedback.block_reason_message))
        texts, reasons = [], []
        for candidate in response.candidates or []:
            parts = (candidate.content.parts if candidate.content else None) or []
            for part in parts:
                if part.thought:
                    continue  # thinking models show drafts on the way; only the answer counts
                blob = part.inline_data
                if blob and blob.data and (blob.mime_type or "").startswith("image/"):
                    return decode_answer(self.label, blob.data)
                if part.text:
                    texts.append(part.text.strip())
            if candidate.finish_reason:
                reason = enum_name(candidate.finish_reason)
                reasons.append(reason)
                if reason in REFUSALS:
                    # The Gemini API's finishMessage is not always passed on by
                    # the SDK; the model's own words say the same.
                    raise PromptRejected(refusal(self.label, reason, candidate.finish_message or " ".join(texts)))
        if any(texts):
            # The model chose to answer in words, usually to decline the edit.
            raise PromptRejected(f"{self.label} answered without an image: {' '.join(texts)[:500]}")
        raise Transient(f"no image in the answer (finish reason {', '.join(reasons) or 'none'})")


def enum_name(value) -> str:
    return str(getattr(value, "value", value))


def refusal(label: str, reason: str, message: str | None) -> str:
    return f"{label} refused the request ({reason})" + (f": {message}" if message else "")


def retry_delay(details) -> int | None:
    """Seconds from a google.rpc.RetryInfo detail ("retryDelay": "17s"), if any."""
    error = details.get("error", details) if isinstance(details, dict) else {}
    for detail in error.get("details") or []:
        delay = str(detail.get("retryDelay", "")) if isinstance(detail, dict) else ""
        if delay.endswith("s"):
            try:
                return clamp_wait(float(delay[:-1]))
            except (ValueError, OverflowError):
                continue
    return None
