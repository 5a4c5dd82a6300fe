"""Geometry ops: rotate, flip, subject-aware crop, upscale, resize (long side, width, scale, or an exact size).

They work on the whole array (RGB or RGBA) so alpha moves with the pixels.
"""

from __future__ import annotations

import threading

import cv2
import numpy as np

from photos.budget import (  # noqa: F401  (one source for the work budget too)
    ASPECTS, MAX_SIDE, MIN_SIDE, inscribed, scaled_size, upscale_factor,
)

from ...base import UnsupportedPrompt
from . import register, split_alpha
from .tone import unsharp


@register("rotate", colour=False, geometry=True)
def rotate(image, masks, strength, degrees=90, corners="crop"):
    """Rotate clockwise by `degrees`: a multiple of 90° turns the pixels losslessly;
    any other angle resamples and crops to the largest upright rectangle of the
    same aspect ratio, so no empty corner shows (`corners="crop"` in the plan)."""
    degrees = float(degrees)
    if degrees % 90 == 0:
        turns = (int(degrees) // 90) % 4
        # np.rot90 turns counter-clockwise, so negate for clockwise.
        return np.ascontiguousarray(np.rot90(image, k=-turns))
    return rotate_and_crop(image, degrees)


def rotate_and_crop(image: np.ndarray, degrees: float) -> np.ndarray:
    h, w = image.shape[:2]
    out_w, out_h = inscribed(w, h, degrees)
    # Rotate about the centre and translate so the inscribed rectangle lands at (0, 0); only it is computed.
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), -degrees, 1.0)  # OpenCV: positive = counter-clockwise
    matrix[0, 2] -= (w - out_w) / 2
    matrix[1, 2] -= (h - out_h) / 2
    return cv2.warpAffine(image, matrix, (out_w, out_h), flags=cv2.INTER_CUBIC, borderMode=cv2.BORDER_REPLICATE)


def horizon_tilt(rgb: np.ndarray, limit: float = 12.0) -> float:
    """The clockwise angle (degrees) that levels the photo's dominant near-horizontal
    lines; 0 when no line is clearly tilted.

    Long straight edges (horizon, table edge, shelf, door frame) are found with
    Canny + a probabilistic Hough transform on a ≤ 800 px copy. Each line within
    `limit` degrees of horizontal or vertical votes for its tilt with its
    squared length (one long horizon outweighs many short texture edges), and
    the peak of the smoothed vote histogram wins."""
    h, w = rgb.shape[:2]
    scale = min(1.0, 800 / max(h, w))
    small = cv2.resize(rgb, (max(1, round(w * scale)), max(1, round(h * scale))), interpolation=cv2.INTER_AREA)
    grey = cv2.GaussianBlur(cv2.cvtColor(small, cv2.COLOR_RGB2GRAY), (5, 5), 0)
    edges = cv2.Canny(grey, 50, 150)
    min_length = max(small.shape[:2]) // 4
    lines = cv2.HoughLinesP(edges, 1, np.pi / 1440, threshold=80, minLineLength=min_length, maxLineGap=6)
    if lines is None:
        return 0.0
    x0, y0, x1, y1 = lines[:, 0].T.astype(np.float64)
    angle = (np.degrees(np.arctan2(y1 - y0, x1 - x0)) + 90) % 180 - 90  # (-90, 90]; + = down to the right
    tilt = np.where(np.abs(angle) <= 45, angle, angle - np.sign(angle) * 90)  # verticals: deviation from vertical
    keep = np.abs(tilt) <= limit
    if not keep.any():
        return 0.0
    step = 0.1
    bins = np.arange(-limit, limit + step, step)
    votes, _ = np.histogram(tilt[keep], bins=bins, weights=np.hypot(x1 - x0, y1 - y0)[keep] ** 2)
    votes = cv2.GaussianBlur(votes.astype(np.float64).reshape(1, -1), (0, 0), 3).ravel()
    top = int(np.argmax(votes))
    peak = float(bins[top] + step / 2)
    # Lines that agree within a degree of the peak must carry most of the vote;
    # otherwise the edges are texture or perspective (a lattice tower, a tripod), not a tilt.
    near = np.abs(tilt[keep] - peak) <= 1.0
    lengths = np.hypot(x1 - x0, y1 - y0)[keep] ** 2
    if lengths[near].sum() < 0.5 * lengths.sum():
        return 0.0
    vertical = (np.abs(angle) > 45)[keep][near]
    if vertical.all():
        # Verticals lean by perspective too (looking up at a tower): trust them only
        # when lines on both sides of the picture lean the same way.
        middle = ((x0 + x1) / 2)[keep][near]
        if not (middle.min() < small.shape[1] / 2 < middle.max()):
            return 0.0
    # A line sloping down to the right needs a counter-clockwise turn to level it.
    return 0.0 if abs(peak) < 0.3 else round(-peak, 1)


@register("straighten", colour=False, geometry=True)
def straighten(image, masks, strength, corners="crop"):
    """Level the horizon: rotate by the detected tilt, corners cropped."""
    rgb, _ = split_alpha(image)
    degrees = horizon_tilt(rgb)
    return image if degrees == 0 else rotate_and_crop(image, degrees)


@register("flip", colour=False, geometry=True)
def flip(image, masks, strength, axis="horizontal"):
    return np.ascontiguousarray(image[:, ::-1] if axis == "horizontal" else image[::-1])


_cascades = threading.local()  # CascadeClassifier is not safe to share across threads


def detect_faces(rgb: np.ndarray) -> list[tuple[int, int, int, int]]:
    """Frontal faces as (x0, y0, x1, y1) in full-resolution pixels."""
    if not hasattr(_cascades, "face"):
        _cascades.face = cv2.CascadeClassifier(cv2.data.haarcascades + "haarcascade_frontalface_default.xml")
    grey = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)
    scale = min(1.0, 480 / max(grey.shape))
    small = cv2.resize(grey, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) if scale < 1 else grey
    min_side = max(24, min(small.shape) // 12)
    found = _cascades.face.detectMultiScale(small, scaleFactor=1.15, minNeighbors=6, minSize=(min_side, min_side))
    return [(int(x / scale), int(y / scale), int((x + w) / scale), int((y + h) / scale)) for x, y, w, h in found]


def subject_box(rgb: np.ndarray, masks) -> tuple[int, int, int, int]:
    """Bounding box (x0, y0, x1, y1) of the segmented subject plus any faces."""
    h, w = rgb.shape[:2]
    ys, xs = np.nonzero(masks(rgb) > 127)
    boxes = detect_faces(rgb)
    if len(xs):
        boxes.append((int(xs.min()), int(ys.min()), int(xs.max()) + 1, int(ys.max()) + 1))
    if not boxes:
        return (w // 4, h // 4, w - w // 4, h - h // 4)
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))


def _place(start: int, end: int, span: int, limit: int, keep_start: bool) -> int:
    """Start offset of a `span`-long window over [0, limit) covering [start, end).

    Centred on the box when it fits; when it doesn't, anchored to the box start
    if asked (keeps heads in frame), else centred. Always clamped to the image."""
    if end - start <= span or not keep_start:
        offset = (start + end) // 2 - span // 2
    else:
        offset = start
    return int(min(max(offset, 0), limit - span))


@register("crop", uses_mask=True, colour=False, geometry=True)
def crop(image, masks, strength, aspect="1:1"):
    """Largest crop of the given aspect ratio that keeps the subject in frame."""
    rgb, _ = split_alpha(image)
    h, w = rgb.shape[:2]
    aw, ah = ASPECTS[aspect]
    cw = min(w, round(h * aw / ah))
    ch = min(h, round(cw * ah / aw))
    x0, y0, x1, y1 = subject_box(rgb, masks)
    left = _place(x0, x1, cw, w, keep_start=False)
    top = _place(y0, y1, ch, h, keep_start=True)
    return np.ascontiguousarray(image[top : top + ch, left : left + cw])


def _resample(image: np.ndarray, size: tuple[int, int]) -> np.ndarray:
    h, w = image.shape[:2]
    shrinking = size[0] * size[1] < w * h
    return cv2.resize(image, size, interpolation=cv2.INTER_AREA if shrinking else cv2.INTER_LANCZOS4)


@register("upscale", colour=False, geometry=True)
def upscale(image, masks, strength, factor=2, size=None):
    """Lanczos ×factor (or up to `size` px on the long side), then an unsharp mask to restore edge crispness."""
    h, w = image.shape[:2]
    factor = upscale_factor(w, h, factor, size)
    if factor <= 1.0:
        raise UnsupportedPrompt(f"The image is already at the {MAX_SIDE} px limit and cannot be upscaled.")
    out = _resample(image, (round(w * factor), round(h * factor)))
    rgb, alpha = split_alpha(out)
    rgb = unsharp(rgb, amount=0.5 + 0.5 * strength, sigma=1.2)
    return np.dstack([rgb, alpha]) if alpha is not None else rgb


def _exact_needs_mask(step: dict) -> bool:
    return "width" in step and "height" in step and step.get("fit", "crop") == "crop"


@register("resize", uses_mask=_exact_needs_mask, colour=False, geometry=True)
def resize(image, masks, strength, size=None, width=None, height=None, fit="crop", scale=None, color=None):
    """Scale to `size` px on the longest side, to a `width` or a `height` (aspect kept), by `scale`,
    or to exactly `width`×`height`: filled and cropped around the subject (`fit="crop"`), or fitted
    inside and padded with `color` (`fit="pad"`; transparent for RGBA, white otherwise)."""
    h, w = image.shape[:2]
    if width and height:
        if fit == "pad":
            return _pad_to(image, width, height, color)
        ratio = max(width / w, height / h)
        covered = _resample(image, (max(width, round(w * ratio)), max(height, round(h * ratio))))
        rgb, _ = split_alpha(covered)
        x0, y0, x1, y1 = subject_box(rgb, masks)
        left = _place(x0, x1, width, covered.shape[1], keep_start=False)
        top = _place(y0, y1, height, covered.shape[0], keep_start=True)
        return np.ascontiguousarray(covered[top : top + height, left : left + width])
    out_w, out_h = scaled_size(w, h, size, width, height, scale)
    return _resample(image, (out_w, out_h))


def _pad_to(image: np.ndarray, width: int, height: int, color) -> np.ndarray:
    h, w = image.shape[:2]
    ratio = min(width / w, height / h)
    inner = _resample(image, (max(1, round(w * ratio)), max(1, round(h * ratio))))
    canvas = np.zeros((height, width, image.shape[2]), np.uint8)
    fill = list(color) if color is not None else [255, 255, 255]
    canvas[:] = fill + [255] if image.shape[2] == 4 and color is not None else fill + [0] if image.shape[2] == 4 else fill
    top, left = (height - inner.shape[0]) // 2, (width - inner.shape[1]) // 2
    canvas[top : top + inner.shape[0], left : left + inner.shape[1]] = inner
    return canvas
