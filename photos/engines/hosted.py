"""What the hosted engines (`openai`, `gemini`) share.

- One bounded retry loop: the SDKs' own retries are switched off and we retry
  transient faults (5xx, dropped connections) ourselves with exponential
  backoff, never past PAINTY_JOB_TIMEOUT, so the total time stays under control.
- One vocabulary for provider faults: each engine translates its SDK's
  exceptions into `Transient` (worth another try) or one of our engine errors.
- The trip of the image: a bounded upload (providers work at about one to two
  megapixels, larger uploads only cost time) and an answer fitted back to the
  input's size, aspect ratio and mode. The service encodes it in the input's
  format with no metadata."""

from __future__ import annotations

import email.utils
import io
import logging
import math
import random
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from PIL import Image, ImageOps, UnidentifiedImageError

from .base import EditResult, Engine, EngineTimeout, EngineUnavailable, Inputs, UnsupportedPrompt, flatten

log = logging.getLogger(__name__)

# Longest side sent to a provider. gpt-image-1 and Gemini answer at ~1–1.6 MP,
# so more detail than this is never used; the answer is scaled back up.
MAX_UPLOAD_SIDE = 2048
# Seconds we ask callers to wait when a provider rate limits us without saying how long.
DEFAULT_RETRY_AFTER = 30
MAX_RETRY_AFTER = 3600


class Transient(Exception):
    """A provider fault worth retrying: a 5xx answer or a dropped connection."""


@dataclass
class Upload:
    data: bytes
    mime_type: str
    filename: str


class HostedEngine(Engine):
    """An engine that sends the image and prompt to a provider's image model.

    Subclasses set `provider`, `label`, `key_setting` and `model_setting` and
    implement `call(upload, prompt, timeout) -> PIL image`, which raises
    `Transient` or an engine error. Settings are read at call time, so a
    cached engine instance follows configuration changes."""

    provider = ""
    label = ""
    key_setting = ""
    model_setting = ""

    @property
    def model(self) -> str:
        return getattr(settings, self.model_setting)

    def configured(self) -> bool:
        return bool(getattr(settings, self.key_setting, None))

    def plan(self, prompt: str) -> list[dict]:
        # A hosted model cannot be asked in advance whether it will do a
        # prompt; we only refuse up front when the engine cannot run at all.
        if not self.configured():
            raise misconfigured(self.label, f"{self.key_setting} is not set")
        return [{"op": "generative_edit", "provider": self.provider, "model": self.model}]

    supports_mask = False  # the provider's edit endpoint takes a mask of the region to change

    def _refuse_extras(self, inputs: Inputs | None) -> None:
        if inputs is not None and inputs.mask is not None and self.supports_mask and inputs.background is None:
            return
        super()._refuse_extras(inputs)

    def edit(self, image: Image.Image, prompt: str) -> EditResult:
        return self.edit_with(image, prompt)

    def edit_with(self, image: Image.Image, prompt: str, inputs: Inputs | None = None) -> EditResult:
        self._refuse_extras(inputs)
        edits = self.plan(prompt)
        upload = prepare_upload(image)
        mask = prepare_mask(inputs.mask, upload) if inputs is not None and inputs.mask is not None else None
        answer = with_retries(self.label, lambda timeout: self.call(upload, prompt, timeout, mask=mask))
        return EditResult(
            images=[fit(answer, image)],
            notes=[f"{self.label} ({self.model}) edited the image"],
            edits=edits,
        )

    def edit_frames(self, frames: list[Image.Image], prompt: str) -> EditResult:
        # One provider call per frame would cost dozens of paid generations
        # for one credit, and the frames would not match each other.
        raise UnsupportedPrompt(
            f"The {self.label} engine edits still images only; send a JPG, PNG, WebP or a single-frame GIF."
        )

    def call(self, upload: Upload, prompt: str, timeout: float, mask: Upload | None = None) -> Image.Image:
        raise NotImplementedError


def with_retries(label: str, attempt: Callable[[float], Image.Image]) -> Image.Image:
    """Call `attempt(timeout)` until it succeeds, retrying `Transient` faults
    up to PAINTY_HOSTED_RETRIES times. Each attempt gets the time left before
    PAINTY_JOB_TIMEOUT; a backoff that would cross it is not started."""
    deadline = time.monotonic() + settings.PAINTY_JOB_TIMEOUT
    attempts = settings.PAINTY_HOSTED_RETRIES + 1
    for number in range(attempts):
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise EngineTimeout(f"{label} did not answer within {settings.PAINTY_JOB_TIMEOUT:g} seconds")
        try:
            return attempt(remaining)
        except Transient as exc:
            delay = backoff(number)
            if number + 1 == attempts or time.monotonic() + delay >= deadline:
                log.error("%s failed after %d attempt(s): %s", label, number + 1, exc)
                raise EngineUnavailable(f"{label} is failing right now ({exc}); retry later") from exc
            log.warning("%s attempt %d failed (%s); retrying in %.2fs", label, number + 1, exc, delay)
            time.sleep(delay)
    raise AssertionError("unreachable")  # the loop always returns or raises


def backoff(number: int) -> float:
    """Exponential backoff with full jitter: base × 2^n × [0.5, 1)."""
    return settings.PAINTY_HOSTED_BACKOFF * (2**number) * (0.5 + random.random() / 2)


def misconfigured(label: str, detail: str) -> EngineUnavailable:
    """Our credentials, model name or account are wrong: the caller can do
    nothing about it, the operator must. Logged as an error with the detail;
    the caller gets a message without it (it may mention our key)."""
    log.error("%s engine is misconfigured: %s", label, detail)
    return EngineUnavailable(f"{label} is not configured correctly on this server; retry later")


def rate_limited(label: str, retry_after: int | None) -> EngineUnavailable:
    seconds = retry_after or DEFAULT_RETRY_AFTER
    log.warning("%s is rate limiting us; asking the caller to retry after %ss", label, seconds)
    return EngineUnavailable(f"{label} is rate limiting requests; retry after {seconds} seconds", retry_after=seconds)


def parse_retry_after(headers) -> int | None:
    """Seconds to wait from `retry-after-ms` or `retry-after` (seconds or an HTTP date)."""
    if headers is None:
        return None
    for name, divisor in (("retry-after-ms", 1000), ("retry-after", 1)):
        value = headers.get(name)
        if not value:
            continue
        try:
            return clamp_wait(float(value) / divisor)
        except (ValueError, OverflowError):
            pass
        try:
            when = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError):
            continue
        return clamp_wait(when.timestamp() - time.time())
    return None


def clamp_wait(seconds: float) -> int:
    return min(MAX_RETRY_AFTER, max(1, math.ceil(seconds)))


def prepare_upload(image: Image.Image) -> Upload:
    """PNG when the image has alpha (so the provider can keep it), else a high-quality JPEG."""
    if max(image.size) > MAX_UPLOAD_SIDE:
        image = image.copy()
        image.thumbnail((MAX_UPLOAD_SIDE, MAX_UPLOAD_SIDE), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    if "A" in image.mode:
        image.convert("RGBA").save(out, "PNG", compress_level=3)
        return Upload(out.getvalue(), "image/png", "image.png")
    image.convert("RGB").save(out, "JPEG", quality=95)
    return Upload(out.getvalue(), "image/jpeg", "image.jpg")


def prepare_mask(mask: Image.Image, upload: Upload) -> Upload:
    """Our mask (white = edit here) as providers take it: a PNG of the uploaded
    image's size whose transparent pixels mark the region to edit."""
    size = Image.open(io.BytesIO(upload.data)).size
    grey = mask.convert("L").resize(size, Image.Resampling.BILINEAR)
    layer = Image.new("RGBA", size, (0, 0, 0, 255))
    layer.putalpha(grey.point(lambda value: 255 - value))
    out = io.BytesIO()
    layer.save(out, "PNG")
    return Upload(out.getvalue(), "image/png", "mask.png")


def decode_answer(label: str, data: bytes) -> Image.Image:
    try:
        answer = Image.open(io.BytesIO(data))
        answer.load()
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as exc:
        raise EngineUnavailable(f"{label} returned an unreadable image ({exc})") from None
    return answer


def fit(answer: Image.Image, original: Image.Image) -> Image.Image:
    """The provider's image at the input's size and mode.

    Providers answer in their own sizes (gpt-image-1: 1024², 1536×1024, …), so
    the answer is centre-cropped to the input's aspect ratio and scaled to its
    size. Alpha is kept for an input with alpha when the provider returned it;
    an opaque input gets a transparent answer flattened on white."""
    has_alpha = answer.mode in ("RGBA", "LA", "PA") or "transparency" in answer.info
    if "A" in original.mode:
        answer = answer.convert("RGBA")
    else:
        answer = flatten(answer) if has_alpha else answer.convert("RGB")
    if answer.size != original.size:
        answer = ImageOps.fit(answer, original.size, Image.Resampling.LANCZOS)
    if answer.mode != original.mode:
        answer = answer.convert(original.mode)
    return answer
