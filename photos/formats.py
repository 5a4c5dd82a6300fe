"""Which file format a result is written in.

The rule, stated once (the docs page and the schema quote `RULE`):
- `format=png|jpg|webp` (the form field, remove.bg's convention) or a prompt
  phrase such as "as a png" / "convert to webp" picks the format; the field
  wins over the prompt.
- `auto` (the default) keeps the input's format, except that a result with
  transparency in a format that can't carry it becomes PNG: JPEG always, and a
  single-frame GIF too (GIF transparency is on/off, so a soft cut-out edge
  would turn jagged). WebP and PNG carry alpha and stay as they are;
  animations keep their format. Phone formats (HEIC, AVIF) come back as JPEG,
  or PNG when the result is transparent: what every browser and app opens.
- JPEG holds no transparency: a transparent result asked for as JPEG is
  composited onto white. JPEG holds no animation either: asking for it on an
  animated GIF is refused before anything is charged.
"""

from __future__ import annotations

import re

from PIL import Image

from painty.errors import DomainError

PHONE_FORMATS = ("HEIF", "AVIF")

CHOICES = ("auto", "png", "jpg", "webp")
_ALIASES = {"jpeg": "jpg"}
PIL_FORMATS = {"png": "PNG", "jpg": "JPEG", "webp": "WEBP"}

RULE = (
    "By default a result keeps the input's format, except that a result with transparency "
    "(e.g. a removed background) comes back as PNG when the input was a JPEG or a still GIF; "
    "WebP stays WebP; HEIC and AVIF photos come back as JPEG (PNG when transparent). "
    "Ask for a format with the `format` field (`png`, `jpg`, `webp`, `auto`) or in the prompt (\"as a png\"); a transparent result asked for as JPEG is put on white."
)

# "as a png", "convert to webp", "save it as jpeg", "in png format", "png file", "transparent png" (the
# "transparent" is the background removal's word; "png" is this one's).
PROMPT_PATTERN = re.compile(
    r"(?:\b(?:convert|save|export|output|return|send|give|deliver)(?: (?:it|this|me|them|the (?:image|photo|"
    r"picture|result|file)))?(?: (?:back ))?(?: (?:to|as|in|into))?(?: (?:an?|the))? |\b(?:as|in|into|to)"
    r"(?: (?:an?|the))? )?\b(?P<format>png|jpe?g|webp)\b(?: (?:format|file|image|version|please))?"
)


def normalise(value) -> str:
    """The `format` form field as one of CHOICES; anything else is a 400 naming the field."""
    text = str(value if value is not None else "").strip().lower().lstrip(".")
    text = _ALIASES.get(text, text) or "auto"
    if text not in CHOICES:
        raise DomainError("invalid_parameter", "'format' must be one of: png, jpg, webp, auto.", "format")
    return text


def from_prompt(prompt: str) -> str:
    """The format a prompt asks for ("as a png"), or "auto"; the last mention wins."""
    found = [m.group("format") for m in PROMPT_PATTERN.finditer(prompt.lower())]
    return _ALIASES.get(found[-1], found[-1]) if found else "auto"


def requested(field_value, prompt: str) -> str:
    chosen = normalise(field_value)
    return chosen if chosen != "auto" else from_prompt(prompt)


def check(requested_format: str, animated: bool) -> None:
    """Refuse, before any charge, a format that can't hold the input at all."""
    if animated and requested_format == "jpg":
        raise DomainError(
            "invalid_parameter",
            "JPEG can't hold an animation: ask for gif (the default for a GIF), png (APNG) or webp.",
            "format",
        )


def has_transparency(images: list[Image.Image]) -> bool:
    """Whether any pixel of any frame is less than fully opaque."""
    for image in images:
        if image.mode in ("RGBA", "LA") and image.getchannel("A").getextrema()[0] < 255:
            return True
        if image.mode in ("P", "PA") and ("transparency" in image.info or image.mode == "PA"):
            return True
    return False


def _auto(input_format: str, animated: bool, transparent: bool) -> str:
    if input_format in PHONE_FORMATS:
        return "PNG" if transparent else "JPEG"
    if input_format in ("JPEG", "GIF") and not animated and transparent:
        return "PNG"
    return input_format


def choose(requested_format: str, input_format: str, images: list[Image.Image], animated: bool) -> str:
    """The Pillow format name to write `images` in (see the module docstring for the rule)."""
    if requested_format != "auto":
        return PIL_FORMATS[requested_format]
    return _auto(input_format, animated, has_transparency(images))


def for_matte(requested_format: str) -> str:
    """`channels=alpha`: the matte is a grey image, written as PNG unless a format was asked for."""
    return "PNG" if requested_format == "auto" else PIL_FORMATS[requested_format]


def predict(requested_format: str, picture, edits: list[dict]) -> str:
    """The format `choose` will pick, told before the edit (for a dry run's quote):
    the result is transparent when the input is, or when the plan removes the background."""
    transparent = any(step.get("op") == "background_remove" for step in edits) or has_transparency(picture.frames[:1])
    if requested_format != "auto":
        return PIL_FORMATS[requested_format]
    return _auto(picture.format, picture.animated, transparent)
