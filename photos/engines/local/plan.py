"""Intents → plan steps: which op an intent becomes on which region, and the
plan-level folds (duplicates, clean + brighten, product framing).

A plan is a list of steps, each `{"op": name, "strength": float, **params}`.
Signed ops (brightness, exposure, contrast, saturation, vibrance, warmth)
carry the direction in the sign of `strength`; every other op has strength
in (0, 1]. A step may carry `"region": "background" | "subject"` to confine
a colour op to one side of the subject mask; the background_* ops are about
the background by name and carry no region."""

from __future__ import annotations

from dataclasses import dataclass, field

DEFAULT_STRENGTH = 0.6


@dataclass
class Intent:
    """One recognised request before the region decides which op it becomes."""

    kind: str  # an op name, or "axis:<axis>"
    position: int
    sign: int = 1
    params: dict = field(default_factory=dict)
    inherent_region: str | None = None  # e.g. bokeh is always about the background
    region: str | None = None
    strength: float = DEFAULT_STRENGTH


# axis → (op for +, op for −); None means that direction isn't supported.
AXIS_OPS = {
    "brightness": ("brightness", "brightness"),
    "exposure": ("exposure", "exposure"),
    "contrast": ("contrast", "contrast"),
    "saturation": ("saturation", "saturation"),
    "vibrance": ("vibrance", "vibrance"),
    "warmth": ("warmth", "warmth"),
    "sharpness": ("sharpen", "blur"),
    "smoothness": ("denoise", "sharpen"),
    "noise": (None, "denoise"),
    "clutter": (None, "background_clean"),
}
SIGNED_OPS = {"brightness", "exposure", "contrast", "saturation", "vibrance", "warmth"}
BACKGROUND_OVERRIDES = {
    ("brightness", 1): "background_brighten",
    ("brightness", -1): "background_darken",
    ("exposure", 1): "background_brighten",
    ("exposure", -1): "background_darken",
    ("saturation", -1): "background_desaturate",
    ("vibrance", -1): "background_desaturate",
    ("sharpness", -1): "background_blur",
    ("smoothness", 1): "background_blur",
    ("clutter", -1): "background_clean",
    ("grayscale", 1): "background_desaturate",
    ("blur", 1): "background_blur",
}
UNSIGNED_FIXED_STRENGTH = {
    "background_remove", "background_image", "inpaint", "rotate", "flip", "crop", "resize", "upscale", "output_format", "product_frame", "straighten",
}
# Ops about the whole picture whatever the clause names ("white background with a shadow" still casts the shadow).
WHOLE_IMAGE_OPS = {"crop", "output_format", "shadow", "product_frame", "straighten", "rotate", "flip", "resize",
                   "upscale", "inpaint"}
# Ops that can be confined to a region through the mask (colour ops only).
REGIONABLE = {
    "brightness", "exposure", "contrast", "saturation", "vibrance", "warmth", "sharpen", "blur", "denoise",
    "grayscale", "sepia", "vintage", "pencil_sketch", "cartoon", "auto_enhance", "vignette",
}


class CannotDo(Exception):
    """An intent with no op behind it: (message key, values) for the refusal."""

    def __init__(self, key: str, **values):
        super().__init__(key)
        self.key, self.values = key, values


def resolve(intent: Intent) -> dict:
    region = intent.inherent_region or intent.region
    strength = intent.strength
    if intent.kind.startswith("axis:"):
        axis = intent.kind[5:]
        op = BACKGROUND_OVERRIDES.get((axis, intent.sign)) if region == "background" else None
        op = op or AXIS_OPS[axis][0 if intent.sign > 0 else 1]
        if op is None:
            raise CannotDo("cannot_add", what=axis)
        if op in SIGNED_OPS:
            strength = intent.sign * strength
    else:
        op = intent.kind
        if op == "grayscale" and strength >= DEFAULT_STRENGTH:
            strength = 1.0  # "black and white" means no colour at all unless softened
        if region == "background":
            op = BACKGROUND_OVERRIDES.get((op, 1), op)
    if op in UNSIGNED_FIXED_STRENGTH:
        strength = 1.0
    step = {"op": op, "strength": round(strength, 2), **intent.params}
    if region and not op.startswith("background_") and op not in WHOLE_IMAGE_OPS:
        if op not in REGIONABLE:
            raise CannotDo("cannot_region", op=op, region=region)
        step["region"] = region
    return step


def merge(plan: list[dict]) -> list[dict]:
    """Fold adjacent duplicates; 'clean' already brightens, so clean+brighten is one edit;
    a removed background that is then coloured is just a coloured background."""
    if any(s["op"] == "background_color" for s in plan):
        plan = [s for s in plan if s["op"] != "background_remove"]
    merged: list[dict] = []
    for step in plan:
        if merged:
            last = merged[-1]
            pair = {last["op"], step["op"]}
            if pair == {"background_clean", "background_brighten"}:
                last.update(op="background_clean", strength=max(last["strength"], step["strength"]))
                continue
            if {k: v for k, v in last.items() if k != "strength"} == {k: v for k, v in step.items() if k != "strength"}:
                last["strength"] = max(last["strength"], step["strength"], key=abs)
                continue
        merged.append(step)
    return merged


def fold_into_frame(plan: list[dict]) -> list[dict]:
    """Product framing decides its canvas and shadow itself: the plan's background
    colour, transparency, shadow and margin steps become its parameters."""
    if not any(step["op"] == "product_frame" for step in plan):
        return plan
    frame = {"op": "product_frame", "strength": 1.0, "color": [255, 255, 255], "fill": 0.85, "shadow": None}
    kept: list[dict] = []
    for step in plan:
        op = step["op"]
        if op == "product_frame":
            frame.update({k: v for k, v in step.items() if k in ("fill", "shadow")})
            if frame not in kept:
                kept.append(frame)
        elif op == "background_color":
            frame["color"] = step["color"]
        elif op == "background_remove":
            frame["color"] = None  # a transparent canvas
        elif op == "shadow":
            frame.update(shadow=step.get("kind", "soft"), shadow_strength=step["strength"])
        elif op not in ("background_clean", "background_brighten"):  # a framed product already sits on a clean canvas
            kept.append(step)
    if frame["shadow"] and "shadow_strength" not in frame:
        frame["shadow_strength"] = DEFAULT_STRENGTH
    return kept


def build(intents: list[Intent]) -> list[dict]:
    return fold_into_frame(merge([resolve(intent) for intent in intents]))
