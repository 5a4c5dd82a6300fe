"""Background ops: everything the subject mask separates.

Each op builds a new background plate and composites the untouched original
subject over it with the refined (soft-edged) mask, so the subject keeps its
exact pixels and the feathered edge blends naturally.
"""

from __future__ import annotations

import cv2
import numpy as np

from .. import matting
from . import blend, register, shrink, split_alpha
from .tone import brightness, saturation, saturation_matrix, colour_matrix

# Working size for blurs of the background plate: large blurs are cheap at
# this size and, being blurs, lose nothing visible when scaled back up.
_PLATE_SIZE = 400


def composite_subject(rgb: np.ndarray, plate: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """Subject from `rgb`, background from `plate`, joined along the soft mask.

    Edge pixels get the subject's estimated own colour, not the photo's mix of
    subject and old backdrop, which would leave a fringe of the old backdrop.
    `plate` is composited into and returned (every caller makes a fresh one:
    at 12 MP a copy is 36 MB and 12 ms)."""
    return matting.composite(rgb, plate, mask, into_plate=True)


def background_fill(rgb: np.ndarray, mask: np.ndarray, blur_fraction: float, tone=None) -> np.ndarray:
    """The background blurred with the subject cut out (normalized convolution).

    Blurring the whole photo would smear the subject's colours into the
    background and leave a dark halo around it; weighting by the background
    mask and dividing by the blurred weights fills the subject's area from the
    surrounding background instead.

    `tone`, a function of a uint8 RGB plate, is applied at plate size before
    scaling back up: the same look for a fraction of the full-size memory."""
    h, w = rgb.shape[:2]
    # A wide blur loses nothing at a coarser plate, and costs pixels × kernel width:
    # a plate sized so the blur spans ~8 px is the same picture for an eighth of the work.
    side = min(_PLATE_SIZE, max(64, round(8 / blur_fraction)))
    scale = min(1.0, side / max(h, w))
    size = (max(1, round(w * scale)), max(1, round(h * scale)))
    small = shrink(rgb, size, oversample=2).astype(np.float32)
    # Shrink the mask before going to float: a full-size float mask is 200 MB at 50 MP.
    weight = (1.0 - shrink(mask, size, oversample=2).astype(np.float32) / 255.0) ** 2
    sigma = max(0.5, blur_fraction * max(size))
    num = cv2.GaussianBlur(small * weight[:, :, None], (0, 0), sigma)
    den = cv2.GaussianBlur(weight, (0, 0), sigma)[:, :, None]
    # Where the subject fills the whole neighbourhood fall back to a plain blur.
    plain = cv2.GaussianBlur(small, (0, 0), sigma)
    trust = np.clip(den / 0.05, 0.0, 1.0)
    filled = (num / np.maximum(den, 1e-4)) * trust + plain * (1.0 - trust)
    plate = np.clip(filled, 0, 255).astype(np.uint8)
    if tone is not None:
        plate = tone(plate)
    return cv2.resize(plate, (w, h), interpolation=cv2.INTER_LINEAR)


@register("background_blur", uses_mask=True)
def background_blur(rgb, masks, strength):
    # Portrait-mode bokeh: blur radius grows with strength, relative to image size.
    mask = masks(rgb)
    return composite_subject(rgb, background_fill(rgb, mask, 0.008 + 0.025 * strength), mask)


@register("background_clean", uses_mask=True)
def background_clean(rgb, masks, strength):
    """'Clean and bright': a smooth, airy, lightly desaturated backdrop."""
    mask = masks(rgb)
    lift = 0.35 + 0.4 * strength  # share of the way to white

    def airy(plate):
        plate = colour_matrix(plate, saturation_matrix(1.0 - 0.4 * strength))
        return blend(plate, np.full_like(plate, 255), lift)

    return composite_subject(rgb, background_fill(rgb, mask, 0.03 + 0.03 * strength, tone=airy), mask)


def _background_tone(op):
    """A tone op restricted to the background."""

    def run(rgb, masks, strength):
        mask = masks(rgb)
        return composite_subject(rgb, op(rgb, masks, strength), mask)

    return run


register("background_brighten", uses_mask=True)(_background_tone(brightness))
register("background_darken", uses_mask=True)(
    _background_tone(lambda rgb, masks, s: brightness(rgb, masks, -s))
)
register("background_desaturate", uses_mask=True)(
    _background_tone(lambda rgb, masks, s: saturation(rgb, masks, -min(1.0, 0.4 + 0.6 * s)))
)


@register("background_color", uses_mask=True)
def background_color(rgb, masks, strength, color=(255, 255, 255), name="white"):
    """Replace the background with a plain colour (`name` is only for the plan)."""
    mask = masks(rgb)
    solid = np.empty_like(rgb)
    solid[:] = np.array(color, dtype=np.uint8)
    plate = blend(rgb, solid, min(1.0, 0.4 + strength))
    return composite_subject(rgb, plate, mask)


@register("background_remove", uses_mask=True, colour=False)
def background_remove(image, masks, strength):
    """Transparent background: the mask becomes the alpha channel (RGBA out)."""
    rgb, alpha = split_alpha(image)
    subject_alpha = masks(rgb)
    # Soft-edge pixels carry the subject's own colour, so the cut-out shows no
    # trace of the old backdrop whatever it is put on.
    colours = matting.unmix(np.ascontiguousarray(rgb), subject_alpha)
    if alpha is not None:
        subject_alpha = cv2.multiply(subject_alpha, np.ascontiguousarray(alpha), scale=1 / 255)
    return np.dstack([colours, subject_alpha])
