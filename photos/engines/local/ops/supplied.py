"""Ops that use an image the caller sent with the request (photos.engines.local.extras):
the subject on the caller's background, and a retouch inside the caller's mask."""

from __future__ import annotations

import cv2
import numpy as np

from .background import composite_subject
from .finishing import subject_matte
from . import register, split_alpha


def cover(background: np.ndarray, width: int, height: int) -> np.ndarray:
    """`background` scaled to cover width×height (aspect kept) and centre-cropped, like CSS `cover`."""
    bh, bw = background.shape[:2]
    scale = max(width / bw, height / bh)
    size = (max(width, round(bw * scale)), max(height, round(bh * scale)))
    shrinking = size[0] * size[1] < bw * bh
    scaled = cv2.resize(background, size, interpolation=cv2.INTER_AREA if shrinking else cv2.INTER_CUBIC)
    left, top = (size[0] - width) // 2, (size[1] - height) // 2
    return np.ascontiguousarray(scaled[top : top + height, left : left + width])


@register("background_image", uses_mask=True, colour=False)
def background_image(image, masks, strength):
    """The subject cut out and placed on the caller's background (RGB out)."""
    rgb, _ = split_alpha(image)
    matte = subject_matte(image, masks)
    h, w = rgb.shape[:2]
    plate = cover(masks.inputs["background"], w, h)
    return composite_subject(np.ascontiguousarray(rgb), plate, matte)


@register("inpaint", colour=False)
def inpaint(image, masks, strength):
    """Fill the masked region from its surroundings (OpenCV Telea): blemishes, dust, small text, logos.

    The mask is grown by a few pixels first, so the edge of what is removed
    (anti-aliased text, a blemish's halo) is filled too."""
    mask = (masks.inputs["mask"] > 127).astype(np.uint8) * 255
    if not mask.any():
        return image
    h, w = mask.shape
    grow = max(2, round(max(h, w) / 400))
    mask = cv2.dilate(mask, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * grow + 1, 2 * grow + 1)))
    rgb, alpha = split_alpha(image)
    radius = max(3, round(max(h, w) / 200))
    filled = cv2.inpaint(np.ascontiguousarray(rgb), mask, radius, cv2.INPAINT_TELEA)
    return filled if alpha is None else np.dstack([filled, alpha])
