"""A request's extra inputs in the local engine: a background image, a mask, variants.

* **Background** (`background` / `background_url`): the subject is cut out and
  placed on that image, scaled to cover. The plan's own background step
  (remove, colour, clean, blur) becomes `background_image`; without one, the
  step is added first — sending a background is itself the ask.
* **Mask** (white = the region to edit, like OpenAI's `mask`): every step's
  change is kept only inside it (`"within": "mask"` in the plan), and "remove …"
  becomes `inpaint`, a classical retouch (OpenCV Telea) for blemishes, dust,
  small text and logos. A masked area larger than PAINTY_INPAINT_MAX_AREA of the
  picture is refused honestly: removing something that big needs a generative
  engine (`auto` sends it to the hosted one). Geometry steps would move the
  pixels out from under the mask, so they can't be combined with one.
* **Variants** (`n`): variant 0 is the plan as asked; the others take its
  adjustable steps lighter or stronger, and a plain background colour's nearest
  alternatives.
"""

from __future__ import annotations

import numpy as np
from django.conf import settings
from PIL import Image

from ..base import Inputs, UnsupportedPrompt
from . import ops
from .parser import parse
from .plan import UNSIGNED_FIXED_STRENGTH
from .vocabulary.colors import COLORS

BACKGROUND_STEPS = ("background_remove", "background_color", "background_clean", "background_blur")
# Strength factors of variants 1, 2, 3 (variant 0 is the plan as asked).
VARIANT_FACTORS = (1.0, 0.6, 1.45, 0.8)
# A plain background colour's alternatives, nearest first.
COLOR_ALTERNATIVES = {
    "white": ("off white", "light gray", "cream"),
    "off white": ("white", "cream", "light gray"),
    "light gray": ("white", "silver", "off white"),
    "gray": ("light gray", "dark gray", "silver"),
    "black": ("dark gray", "navy", "gray"),
    "beige": ("cream", "off white", "light gray"),
    "cream": ("off white", "beige", "white"),
}


def plan(prompt: str, inputs: Inputs) -> list[dict]:
    steps = parse(prompt, masked=inputs.mask is not None)
    if inputs.background is not None:
        steps = _with_background(steps)
    if inputs.mask is not None:
        steps = _within_mask(steps, inputs.mask)
    return steps


def _with_background(steps: list[dict]) -> list[dict]:
    if any(step["op"] == "product_frame" for step in steps):
        raise UnsupportedPrompt(
            "Product framing puts the subject on a plain canvas; send either a background image or ask for framing."
        )
    placed = {"op": "background_image", "strength": 1.0}
    out, replaced = [], False
    for step in steps:
        if step["op"] in BACKGROUND_STEPS and not replaced:
            out.append(placed)
            replaced = True
        elif step["op"] not in BACKGROUND_STEPS:
            out.append(step)
    return out if replaced else [placed, *out]


def _within_mask(steps: list[dict], mask: Image.Image) -> list[dict]:
    moved = [step["op"] for step in steps if ops.OPS[step["op"]].geometry]
    if moved:
        raise UnsupportedPrompt(
            f"A mask marks pixels where they are; it can't be combined with {', '.join(moved)}. "
            "Send the geometry change as its own request."
        )
    if any(step["op"] == "inpaint" for step in steps):
        share = float(np.asarray(mask.convert("L"), dtype=np.uint8).mean()) / 255.0
        limit = settings.PAINTY_INPAINT_MAX_AREA
        if share > limit:
            raise UnsupportedPrompt(
                f"The mask covers {share:.0%} of the picture; the offline retouch removes small things "
                f"(up to {limit:.0%}: blemishes, dust, small text, logos). Removing something that large "
                "needs a generative engine (PAINTY_ENGINE=auto with a hosted provider)."
            )
    # The retouch fills exactly the (slightly grown) mask itself; every other step is kept inside it.
    return [step if step["op"] == "inpaint" else {**step, "within": "mask"} for step in steps]


def variable(steps: list[dict]) -> bool:
    """Whether variants of this plan differ from each other."""
    return any(_adjustable(step) or step["op"] == "background_color" for step in steps)


# Steps whose strength means nothing to vary (or whose variants are chosen otherwise).
FIXED = UNSIGNED_FIXED_STRENGTH | {"background_color", "background_image", "inpaint"}


def _adjustable(step: dict) -> bool:
    return step["op"] not in FIXED


def variant(steps: list[dict], number: int) -> list[dict]:
    """Variant `number` of the plan (0 = as asked)."""
    if number == 0:
        return steps
    factor = VARIANT_FACTORS[number % len(VARIANT_FACTORS)]
    out = []
    for step in steps:
        step = dict(step)
        if step["op"] == "background_color" and step.get("name") in COLOR_ALTERNATIVES:
            name = COLOR_ALTERNATIVES[step["name"]][(number - 1) % 3]
            step.update(color=list(COLORS[name]), name=name)
        elif _adjustable(step):
            value = step["strength"] * factor
            step["strength"] = round(max(-1.0, min(1.0, value)), 2)
        out.append(step)
    return out


def step_inputs(inputs: Inputs, size: tuple[int, int]) -> dict:
    """The extra images as the ops want them: RGB background, uint8 mask at the image's size."""
    out = {}
    if inputs.background is not None:
        out["background"] = np.asarray(inputs.background.convert("RGB"))
    if inputs.mask is not None:
        mask = inputs.mask.convert("L")
        if mask.size != size:
            mask = mask.resize(size, Image.Resampling.BILINEAR)
        out["mask"] = np.asarray(mask)
    return out
