"""Finishing ops: shadows, product framing, and the output-format marker.

Shadows and framing work from the subject's matte: the alpha channel when the
image already has transparency (after "remove the background", or a
transparent upload), else the segmentation mask. Shadows are soft by nature,
so they are computed on a ≤ 800 px copy of the matte and scaled up: cheap at
any image size.
"""

from __future__ import annotations

import cv2
import numpy as np

from photos.budget import framed_side

from .. import matting
from . import bands, blend, join_alpha, register, shrink, split_alpha

_SHADOW_WORK_SIDE = 800


@register("output_format", colour=False)
def output_format(image, masks, strength, format="png"):
    """A marker in the plan ("as a png"): the pixels are untouched; the file is
    written in `format` (photos.formats reads the job's format, not this step)."""
    return image


def subject_matte(image: np.ndarray, masks) -> np.ndarray:
    """uint8 H×W, 255 = subject: the image's own alpha when it has transparency, else the mask."""
    rgb, alpha = split_alpha(image)
    if alpha is not None and int(alpha.min()) < 255:
        return np.ascontiguousarray(alpha)
    return masks(rgb)


def shadow_alpha(matte: np.ndarray, kind: str, strength: float) -> np.ndarray:
    """uint8 H×W opacity of the shadow the subject in `matte` casts (0 where it casts none).

    * `drop`: the silhouette moved down and to the right and blurred, as if lit
      from the upper left.
    * `soft` (contact shadow): a blurred ellipse on the ground under the
      subject's base, as product photos have."""
    h, w = matte.shape
    scale = min(1.0, _SHADOW_WORK_SIDE / max(h, w))
    sw, sh = max(1, round(w * scale)), max(1, round(h * scale))
    small = shrink(matte, (sw, sh)) if scale < 1 else matte.copy()
    ys, xs = np.nonzero(small > 127)
    shadow = np.zeros((sh, sw), np.float32)
    if len(xs):
        x0, x1, y0, y1 = xs.min(), xs.max() + 1, ys.min(), ys.max() + 1
        bw, bh = x1 - x0, y1 - y0
        opacity = 0.1 + 0.75 * strength
        if kind == "drop":
            reach = max(bw, bh)
            dx, dy = max(1, round(0.04 * reach)), max(1, round(0.05 * reach))
            moved = cv2.warpAffine(small, np.float32([[1, 0, dx], [0, 1, dy]]), (sw, sh))
            sigma = max(1.0, 0.025 * reach)
            shadow = cv2.GaussianBlur(moved.astype(np.float32) / 255.0, (0, 0), sigma) * opacity
        else:
            centre = (int((x0 + x1) / 2), int(y1))
            axes = (max(1, int(0.48 * bw)), max(1, int(0.06 * max(bw, bh))))
            cv2.ellipse(shadow, centre, axes, 0, 0, 360, 1.0, -1)
            sigma = max(1.0, 0.035 * max(bw, bh))
            shadow = cv2.GaussianBlur(shadow, (0, 0), sigma) * (opacity + 0.1)
    out = np.clip(shadow * 255.0 + 0.5, 0, 255).astype(np.uint8)
    return cv2.resize(out, (w, h), interpolation=cv2.INTER_LINEAR) if scale < 1 else out


def cast_shadow(image: np.ndarray, matte: np.ndarray, kind: str, strength: float) -> np.ndarray:
    """The image with the subject's shadow behind it (never over the subject).

    Opaque images get the background darkened under the shadow; transparent ones
    get semi-transparent black where the background was (the subject's own alpha
    is kept), so the shadow travels with the cut-out onto any page."""
    shadow = shadow_alpha(matte, kind, strength)
    # Only where the subject is not: weight = shadow × (1 − matte).
    behind = cv2.multiply(shadow, 255 - matte, scale=1 / 255)
    rgb, alpha = split_alpha(image)
    if alpha is None or int(alpha.min()) == 255:
        return join_alpha(blend(rgb, np.zeros_like(rgb), behind), alpha)
    out = np.empty_like(image)
    for rows in bands(*alpha.shape):
        a = alpha[rows].astype(np.float32) / 255.0
        s = behind[rows].astype(np.float32) / 255.0
        total = a + s * (1.0 - a)
        # Premultiplied "over": the subject's colour over black shadow, un-premultiplied again.
        colour = rgb[rows].astype(np.float32) * (a / np.maximum(total, 1e-6))[:, :, None]
        out[rows, :, :3] = np.clip(colour + 0.5, 0, 255).astype(np.uint8)
        out[rows, :, 3] = np.clip(total * 255.0 + 0.5, 0, 255).astype(np.uint8)
    return out


@register("shadow", uses_mask=True, colour=False)
def shadow(image, masks, strength, kind="soft"):
    """Add a `soft` (contact) or `drop` shadow behind the subject."""
    return cast_shadow(image, subject_matte(image, masks), kind, strength)


@register("product_frame", uses_mask=True, colour=False, geometry=True)
def product_frame(image, masks, strength, color=(255, 255, 255), fill=0.85, shadow=None, shadow_strength=0.6):
    """The e-commerce preset: the subject cut out, centred on a square canvas it
    fills to `fill` of the side, on `color` (None keeps the canvas transparent),
    with an optional `soft` or `drop` shadow.

    The subject keeps its resolution: the canvas is sized around it (at most
    MAX_SIDE, the subject scaled down to fit when that is smaller)."""
    rgb, alpha = split_alpha(image)
    matte = subject_matte(image, masks)
    if alpha is None or int(alpha.min()) == 255:
        # Edge pixels take the subject's own colour (no fringe of the old backdrop on the new canvas).
        rgb = matting.unmix(np.ascontiguousarray(rgb), matte)
    ys, xs = np.nonzero(matte > 8)
    if not len(xs):
        ys, xs = np.nonzero(np.ones_like(matte))  # nothing segmented: frame the whole photo
    x0, x1, y0, y1 = int(xs.min()), int(xs.max()) + 1, int(ys.min()), int(ys.max()) + 1
    bw, bh = x1 - x0, y1 - y0
    side = framed_side(bw, bh, fill)
    scale = min(1.0, side * fill / max(bw, bh))
    cut = np.dstack([rgb[y0:y1, x0:x1], matte[y0:y1, x0:x1]])
    if scale < 1.0:
        cut = cv2.resize(cut, (max(1, round(bw * scale)), max(1, round(bh * scale))), interpolation=cv2.INTER_AREA)
    ch, cw = cut.shape[:2]
    canvas = np.zeros((side, side, 4), np.uint8)
    top, left = (side - ch) // 2, (side - cw) // 2
    canvas[top : top + ch, left : left + cw] = cut
    if shadow:
        canvas = cast_shadow(canvas, canvas[:, :, 3].copy(), shadow, shadow_strength)
    if color is None:
        return canvas
    plate = np.empty((side, side, 3), np.uint8)
    plate[:] = np.array(color, dtype=np.uint8)
    return blend(plate, np.ascontiguousarray(canvas[:, :, :3]), np.ascontiguousarray(canvas[:, :, 3]))
