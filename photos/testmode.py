"""Test keys (`pk_test_…`): free requests, watermarked results, and magic
prompts that make the API answer with the errors integrators must handle."""

from __future__ import annotations

from PIL import Image, ImageDraw, ImageFont

from painty.errors import ApiError

SLOW_SECONDS = 5

# prompt (case-insensitive, whole prompt) → the error a test key gets back
MAGIC_PROMPTS = {
    "simulate:402": lambda: ApiError(
        402, "insufficient_credits", "Simulated: your credit balance is too low for this request."
    ),
    "simulate:429": lambda: ApiError(
        429, "rate_limited", "Simulated: rate limit exceeded — please wait and retry.", headers={"Retry-After": 30}
    ),
    "simulate:503": lambda: ApiError(
        503, "engine_unavailable", "Simulated: the editing engine is unavailable.", headers={"Retry-After": 10}
    ),
}
SLOW_PROMPT = "simulate:slow"


def simulated_error(prompt: str) -> ApiError | None:
    make = MAGIC_PROMPTS.get(prompt.strip().lower())
    return make() if make else None


def is_slow(prompt: str) -> bool:
    return prompt.strip().lower() == SLOW_PROMPT


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
