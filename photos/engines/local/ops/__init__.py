"""Ops registry: op name → function(image, masks, strength, **params).

Images travel between ops as uint8 numpy arrays, H×W×3 (RGB) or H×W×4 (RGBA).
Adding an op is one decorated function here plus one parser rule.

* `masks` is a `MaskProvider`: call it with the RGB array to get the subject
  mask (float32, 1 = subject). Only ops registered with `uses_mask=True` may
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
    uses_mask: bool
    colour: bool
    geometry: bool


OPS: dict[str, OpSpec] = {}


def register(name: str, *, uses_mask: bool = False, colour: bool = True, geometry: bool = False):
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


def blend(under: np.ndarray, over: np.ndarray, weight: np.ndarray | float) -> np.ndarray:
    """under·(1−w) + over·w, with a per-pixel (H×W) or scalar weight; uint8 out.

    Done with OpenCV primitives: numpy's float broadcasting is ~3× slower on
    a 2-megapixel photo and this runs in every background edit."""
    if np.isscalar(weight):
        return cv2.addWeighted(under, 1.0 - float(weight), over, float(weight), 0.0)
    base = under.astype(np.float32)
    w = cv2.merge([weight.astype(np.float32)] * under.shape[2])
    return cv2.convertScaleAbs(cv2.add(base, cv2.multiply(cv2.subtract(over.astype(np.float32), base), w)))


def region_weight(masks, rgb: np.ndarray, region: str) -> np.ndarray:
    """Per-pixel weight of `region` ("subject" or "background") for `rgb`."""
    mask = masks(rgb)
    return mask if region == "subject" else 1.0 - mask


def apply_step(image: np.ndarray, masks, step: dict) -> np.ndarray:
    """Run one plan step. A `region` key confines a colour op to subject/background."""
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
    return any(OPS[step["op"]].uses_mask or step.get("region") for step in plan)


# Importing the area modules fills OPS.
from . import background, geometry, stylize, tone  # noqa: E402,F401
