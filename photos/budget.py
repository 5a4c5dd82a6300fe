"""The work budget: how many pixels one request may make the server touch.

A few kilobytes of PNG or GIF can describe a 7000×7000 canvas or hundreds of
frames, and "upscale 4x" multiplies whatever arrives by 16. What the engine
holds in memory grows with pixels × frames, in and out, not with the upload's
bytes, so that is what is limited — from the file's header and the edit plan,
before anything is charged or decoded.

`check` is pure: sizes and a plan in, `WorkTooLarge(reason)` out. Callers turn
the reason into their own answer (the API's is a 413)."""

from __future__ import annotations

import math

from django.conf import settings

from painty.errors import DomainError

# Kept in step with photos.engines.local.ops.geometry, which clamps the same way.
MAX_SIDE = 8000
MIN_SIDE = 16
ASPECTS = {"1:1": (1, 1), "16:9": (16, 9), "4:5": (4, 5), "9:16": (9, 16), "4:3": (4, 3), "3:2": (3, 2)}


class WorkTooLarge(DomainError):
    """The request would process more pixels than the budget allows; `reason` says which (→ 413)."""

    def __init__(self, reason: str):
        super().__init__("image_too_large", reason, "image")
        self.reason = reason


def limit() -> int:
    return settings.PAINTY_MAX_WORK_PIXELS


def check_input(width: int, height: int, frames: int = 1, counted_all: bool = True) -> None:
    """The decoded upload alone: canvas pixels × frames.

    `counted_all=False` says frame counting stopped early, at `frames`."""
    budget = limit()
    pixels = width * height
    if pixels > budget:
        raise WorkTooLarge(
            f"The image is {width}×{height} px ({_amount(pixels)}); "
            f"this server edits at most {_amount(budget)} per request."
        )
    if pixels * frames > budget:
        raise WorkTooLarge(
            f"The animation has {frames if counted_all else f'more than {frames - 1}'} frame{_s(frames - (not counted_all))} of {width}×{height} px ({'over ' if not counted_all else ''}{_amount(pixels * frames)} in all); "
            f"this server edits at most {_amount(budget)} per request "
            f"(at this size, {budget // pixels} frame{_s(budget // pixels)}). Send fewer or smaller frames."
        )


def check(width: int, height: int, frames: int, edits: list[dict]) -> None:
    """Input and output (after the plan's upscale/resize/crop/rotate) each within the budget."""
    check_input(width, height, frames)
    out_w, out_h, cause = output_size(width, height, edits)
    pixels = out_w * out_h * frames
    budget = limit()
    if pixels > budget:
        per_frame = f" × {frames} frames" if frames > 1 else ""
        raise WorkTooLarge(
            f"{cause or 'The plan'} would make the {width}×{height} px image {out_w}×{out_h} px{per_frame} "
            f"({_amount(pixels)}); this server edits at most {_amount(budget)} per request. "
            f"{'Ask for a smaller size' if cause else 'Send a smaller image'}."
        )


def inscribed(width: int, height: int, degrees: float) -> tuple[int, int]:
    """The largest rectangle of the image's own aspect ratio that fits, upright,
    inside the image rotated by `degrees`: what a straightened photo is cropped to
    so no empty corner shows."""
    theta = math.radians(abs(degrees) % 180)
    cos, sin = abs(math.cos(theta)), abs(math.sin(theta))
    scale = min(width / (width * cos + height * sin), height / (width * sin + height * cos))
    return max(1, math.floor(width * scale)), max(1, math.floor(height * scale))


def framed_side(width: int, height: int, fill: float) -> int:
    """The square canvas product framing puts a subject of at most width×height on (≤ MAX_SIDE)."""
    return min(MAX_SIDE, max(MIN_SIDE, math.ceil(max(width, height) / fill)))


def check_together(pixels: int, extras: dict[str, tuple[int, int]]) -> None:
    """The request's own images (a background, a mask) are decoded and held too:
    `pixels` (the image × frames) and theirs together within the budget."""
    if not extras:
        return
    total = pixels + sum(width * height for width, height in extras.values())
    if total > limit():
        raise WorkTooLarge(
            f"The image and the {' and '.join(extras)} image{_s(len(extras))} hold {_amount(total)} together; "
            f"this server edits at most {_amount(limit())} per request. Send smaller images."
        )


def upscale_factor(width: int, height: int, factor=2, size=None) -> float:
    """The factor an upscale step applies: its own, or what brings the long side to `size`; capped at MAX_SIDE."""
    wanted = int(size) / max(width, height) if size else float(factor)
    return min(wanted, MAX_SIDE / max(width, height))


def scaled_size(width: int, height: int, size=None, width_to=None, height_to=None, scale=None, **_) -> tuple[int, int]:
    """A resize that keeps the aspect ratio: to `size` on the long side, a width, a height, or by `scale`."""
    if width_to:
        ratio = int(width_to) / width
    elif height_to:
        ratio = int(height_to) / height
    elif scale:
        ratio = float(scale)
    else:
        ratio = int(min(max(int(size or 1024), MIN_SIDE), MAX_SIDE)) / max(width, height)
    ratio = min(ratio, MAX_SIDE / max(width, height))
    return max(1, round(width * ratio)), max(1, round(height * ratio))


def output_size(width: int, height: int, edits: list[dict]) -> tuple[int, int, str | None]:
    """The result's size after the plan's geometry steps, and the step that grew it most.

    Mirrors the local engine's geometry ops; steps it doesn't know (colour
    ops, hosted engines' plans) leave the size as it is."""
    w, h, cause, grown = width, height, None, 1.0
    for step in edits:
        op = step.get("op")
        before = w * h
        degrees = float(step.get("degrees", 90))
        if op == "rotate" and degrees % 90:
            w, h = inscribed(w, h, degrees)
        elif op == "rotate" and (int(degrees) // 90) % 2:
            w, h = h, w
        elif op == "product_frame":
            # The subject's box is at most the whole image; the canvas is square around it.
            w = h = framed_side(w, h, float(step.get("fill", 0.85)))
            if w * h > before * grown:
                cause, grown = "Product framing", w * h / before
        elif op == "crop":
            aw, ah = ASPECTS.get(step.get("aspect", "1:1"), (1, 1))
            w = min(w, round(h * aw / ah))
            h = min(h, round(w * ah / aw))
        elif op == "upscale":
            factor = upscale_factor(w, h, step.get("factor", 2), step.get("size"))
            if factor > 1.0:
                w, h = round(w * factor), round(h * factor)
            if w * h > before * grown:
                what = f"to {step['size']} px" if step.get("size") else _factor(step.get("factor", 2))
                cause, grown = f"Upscaling {what}", w * h / before
        elif op == "resize":
            if step.get("width") and step.get("height"):
                w, h = int(step["width"]), int(step["height"])
                what = f"{w}×{h} px"
            else:
                w, h = scaled_size(w, h, step.get("size"), step.get("width"), step.get("height"), step.get("scale"))
                what = f"{step['size']} px" if step.get("size") else f"{w}×{h} px"
            if w * h > before * grown:
                cause, grown = f"Resizing to {what}", w * h / before
    return w, h, cause


def _s(count: int) -> str:
    return "" if count == 1 else "s"


def _factor(value) -> str:
    return f"{float(value):g}×"


def _amount(pixels: int) -> str:
    if pixels >= 1_000_000_000:
        return f"{pixels / 1e9:,.1f} billion pixels"
    if pixels >= 1_000_000:
        return f"{pixels / 1e6:,.1f} million pixels"
    return f"{pixels:,} pixels"
