"""Ops registry: op name → function(image, masks, strength, **params).

Images travel between ops as uint8 numpy arrays, H×W×3 (RGB) or H×W×4 (RGBA).
Adding an op is one decorated function here plus one parser rule.

* `masks` is a `MaskProvider`: call it with the RGB array to get the subject
  mask (uint8, 255 = subject: a quarter of a float32 mask's memory at 50 MP). Only ops registered with `uses_mask=True` may
  call it, which is how the engine knows when segmentation is needed.
* Colour ops are registered with `colour=True`: they get RGB only and the
  registry re-attaches any alpha channel, so RGBA inputs keep their alpha.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import cv2
import numpy as np


@dataclass(frozen=True)
class OpSpec:
    name: str
    fn: Callable
    uses_mask: bool | Callable[[dict], bool]
    colour: bool
    geometry: bool


OPS: dict[str, OpSpec] = {}


def register(name: str, *, uses_mask=False, colour: bool = True, geometry: bool = False):
    def decorator(fn):
        OPS[name] = OpSpec(name, fn, uses_mask, colour, geometry)
        return fn

    return decorator


def split_alpha(image: np.ndarray) -> tuple[np.ndarray, np.ndarray | None]:
    if image.shape[2] == 4:
        return image[:, :, :3], image[:, :, 3]
    return image, None


def join_alpha(rgb: np.ndarray, alpha: np.ndarray | None) -> np.ndarray:
    if alpha is None:
        return np.ascontiguousarray(rgb)
    return np.dstack([rgb, alpha])


# Float work on full-size images is done in bands of rows of about this many
# pixels: a float32 copy of a 50-megapixel RGB photo is 600 MB, a band's is 12 MB.
BAND_PIXELS = 1 << 20


def bands(height: int, width: int):
    """Row slices covering an image in bands of about BAND_PIXELS."""
    rows = max(1, BAND_PIXELS // max(1, width))
    for top in range(0, height, rows):
        yield slice(top, min(height, top + rows))


def shrink(image: np.ndarray, size: tuple[int, int], oversample: int | None = None) -> np.ndarray:
    """cv2.resize(INTER_AREA) down to `size` without a full-size copy of a strided view.

    OpenCV copies a non-contiguous array (the RGB view of an RGBA image) before
    resizing it: 150 MB at 50 MP. Taking every n-th pixel first (still ≥ 4× the
    target) makes that copy small; the area filter then does the rest.

    `oversample` takes every n-th pixel first whatever the layout, keeping at
    least that many times the target: an area filter over all 12 MP costs
    ~25 ms, a blur's plate or a smooth colour field does not need it."""
    step_for = 4 if oversample is None else oversample
    if oversample is not None or not image.flags.c_contiguous:
        step = max(1, min(image.shape[0] // (step_for * size[1]), image.shape[1] // (step_for * size[0])))
        if not image.flags.c_contiguous:
            image = np.ascontiguousarray(image[::step, ::step])
        elif step > 1:  # the same every-n-th-pixel pick, ~6× faster than numpy's strided copy
            height, width = image.shape[:2]
            image = cv2.resize(image, (-(-width // step), -(-height // step)), interpolation=cv2.INTER_NEAREST)
    return cv2.resize(image, size, interpolation=cv2.INTER_AREA)


def blend(under: np.ndarray, over: np.ndarray, weight: np.ndarray | float) -> np.ndarray:
    """under·(1−w) + over·w, with a scalar weight in [0, 1] or a per-pixel uint8
    (H×W, 255 = all `over`) weight; uint8 out.

    Done with OpenCV primitives (numpy's float broadcasting is ~3× slower on a
    2-megapixel photo and this runs in every background edit), band by band so
    the float temporaries stay small whatever the image size."""
    if np.isscalar(weight):
        return cv2.addWeighted(under, 1.0 - float(weight), over, float(weight), 0.0)
    out = np.empty(under.shape, np.uint8)
    for rows in bands(*under.shape[:2]):
        base = under[rows].astype(np.float32)
        w = cv2.merge([weight[rows].astype(np.float32) * (1 / 255)] * under.shape[2])
        out[rows] = cv2.convertScaleAbs(cv2.add(base, cv2.multiply(cv2.subtract(over[rows].astype(np.float32), base), w)))
    return out


def region_weight(masks, rgb: np.ndarray, region: str) -> np.ndarray:
    """Per-pixel uint8 weight of `region` ("subject" or "background") for `rgb`."""
    mask = masks(rgb)
    return mask if region == "subject" else 255 - mask


def apply_step(image: np.ndarray, masks, step: dict) -> np.ndarray:
    """Run one plan step. A `region` key confines a colour op to subject/background;
    `"within": "mask"` keeps the step's change inside the caller's mask."""
    if step.get("within") == "mask":
        inner = {k: v for k, v in step.items() if k != "within"}
        after = apply_step(image, masks, inner)
        if after.shape[2] != image.shape[2]:  # the step added transparency: the unmasked part stays opaque
            image = join_alpha(image, np.full(image.shape[:2], 255, np.uint8))
        return blend(image, after, masks.inputs["mask"])
    spec = OPS[step["op"]]
    params = {k: v for k, v in step.items() if k not in ("op", "strength", "region")}
    strength = float(step.get("strength", 1.0))
    if not spec.colour:
        out = spec.fn(image, masks, strength, **params)
        if spec.geometry:
            masks.invalidate()  # pixel positions moved: the old mask no longer fits
        return out
    rgb, alpha = split_alpha(image)
    edited = spec.fn(rgb, masks, strength, **params)
    region = step.get("region")
    if region:
        edited = blend(rgb, edited, region_weight(masks, rgb, region))
    return join_alpha(edited, alpha)


def needs_mask(plan: list[dict]) -> bool:
    """Whether any step needs the subject mask; `uses_mask` may be a function of the step
    (an exact-size resize crops around the subject, a plain one doesn't)."""
    return any(_uses_mask(OPS[step["op"]], step) or step.get("region") for step in plan)


def _uses_mask(spec: OpSpec, step: dict) -> bool:
    return spec.uses_mask(step) if callable(spec.uses_mask) else spec.uses_mask


# Importing the area modules fills OPS.
from . import background, finishing, geometry, stylize, supplied, tone  # noqa: E402,F401
