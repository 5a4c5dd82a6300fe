"""Test keys (`pk_test_…`): free requests, watermarked results, and magic
prompts that make the API answer with the errors integrators must handle.

Free must not mean unlimited compute, so a test job is cheap by construction:
its input is scaled down to PAINTY_TEST_MAX_SIDE before the engine sees it, a
test key has its own low rate limit (photos.throttling), and an account may
start PAINTY_TEST_DAILY_QUOTA test jobs per 24 hours."""

from __future__ import annotations

import dataclasses
import math
from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from PIL import Image, ImageDraw, ImageFont

from painty.errors import DomainError

from .imaging import Picture
from .models import Job

SLOW_SECONDS = 5

# prompt (case-insensitive, whole prompt) → the error a test key gets back
MAGIC_PROMPTS = {
    "simulate:402": lambda: DomainError("insufficient_credits", "Simulated: your credit balance is too low for this request."
    ),
    "simulate:429": lambda: DomainError("rate_limited", "Simulated: rate limit exceeded — please wait and retry.", headers={"Retry-After": 30}
    ),
    "simulate:503": lambda: DomainError("engine_unavailable", "Simulated: the editing engine is unavailable.", headers={"Retry-After": 10}
    ),
}
SLOW_PROMPT = "simulate:slow"


def simulated_error(prompt: str) -> DomainError | None:
    make = MAGIC_PROMPTS.get(prompt.strip().lower())
    return make() if make else None


def is_slow(prompt: str) -> bool:
    return prompt.strip().lower() == SLOW_PROMPT


def limit_size(picture: Picture, api_key) -> Picture:
    """A test key's input at most PAINTY_TEST_MAX_SIDE px on its long side (0: no limit); live keys' as is."""
    if api_key is None or not api_key.test_mode:
        return picture
    return shrink(picture, settings.PAINTY_TEST_MAX_SIDE)


def shrink(picture: Picture, limit: int) -> Picture:
    """`picture` at most `limit` px on its long side (0: as is)."""
    width, height = picture.size
    if not limit or max(width, height) <= limit:
        return picture
    scale = limit / max(width, height)
    size = (max(1, round(width * scale)), max(1, round(height * scale)))
    frames = [frame.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0) for frame in picture.frames]
    return dataclasses.replace(picture, frames=frames, resized=True)


QUOTA_WINDOW = timedelta(hours=24)


def check_daily_quota(api_key) -> None:
    """429 `test_quota_exceeded` once the account has started PAINTY_TEST_DAILY_QUOTA
    test jobs in the last 24 hours (0: no quota), with Retry-After until one ages out."""
    quota = settings.PAINTY_TEST_DAILY_QUOTA
    if api_key is None or not api_key.test_mode or quota <= 0:
        return
    now = timezone.now()
    recent = Job.objects.filter(user_id=api_key.user_id, test_mode=True, created_at__gt=now - QUOTA_WINDOW)
    count = recent.count()
    if count < quota:
        return
    # There is room again when the job that brings the count below the quota is a day old.
    freed_by = recent.order_by("created_at").values_list("created_at", flat=True)[count - quota]
    retry_after = max(1, math.ceil((freed_by + QUOTA_WINDOW - now).total_seconds()))
    raise DomainError("test_quota_exceeded",
        f"Test keys of an account may start {quota} jobs per 24 hours and this account has started {count}. "
        f"Retry in {retry_after} seconds, or use a live key.",
        headers={"Retry-After": retry_after},
    )


def watermark(image: Image.Image) -> Image.Image:
    """Tile 'PAINTY TEST' across the image, so test results can't pass for paid ones."""
    base = image.convert("RGBA")
    layer = Image.new("RGBA", base.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    size = max(12, min(base.size) // 10)
    try:
        font = ImageFont.load_default(size=size)
    except TypeError:  # Pillow without FreeType
        font = ImageFont.load_default()
    text = "PAINTY TEST"
    left, top, right, bottom = draw.textbbox((0, 0), text, font=font)
    step_x, step_y = (right - left) + size, (bottom - top) + size * 2
    for row, y in enumerate(range(0, base.size[1], step_y)):
        for x in range(-(row % 2) * step_x // 2, base.size[0], step_x):
            draw.text((x, y), text, font=font, fill=(255, 255, 255, 110), stroke_width=1, stroke_fill=(0, 0, 0, 90))
    marked = Image.alpha_composite(base, layer)
    return marked if image.mode == "RGBA" else marked.convert(image.mode)
