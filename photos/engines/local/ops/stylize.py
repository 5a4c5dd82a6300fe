"""Looks: black and white, sepia, vintage, vignette, pencil sketch, cartoon."""

from __future__ import annotations

import cv2
import numpy as np

from . import blend, register
from .tone import _X, apply_lut, colour_matrix, saturation_matrix

# The classic sepia matrix (Microsoft's), applied to RGB.
SEPIA = np.array(
    [[0.393, 0.769, 0.189], [0.349, 0.686, 0.168], [0.272, 0.534, 0.131]], dtype=np.float32
)


def grey3(rgb: np.ndarray) -> np.ndarray:
    return cv2.cvtColor(cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY), cv2.COLOR_GRAY2RGB)


@register("grayscale")
def grayscale(rgb, masks, strength):
    # Full strength means exactly R = G = B; weaker strength leaves a trace of colour.
    grey = grey3(rgb)
    return grey if strength >= 0.99 else blend(rgb, grey, strength)


@register("sepia")
def sepia(rgb, masks, strength):
    return blend(rgb, colour_matrix(rgb, SEPIA), min(1.0, 0.4 + 0.6 * strength))


def vignette_weight(height: int, width: int, strength: float) -> np.ndarray:
    """1 in the centre falling to (1 − 0.7·strength) in the corners."""
    ys = np.linspace(-1.0, 1.0, height, dtype=np.float32)[:, None]
    xs = np.linspace(-1.0, 1.0, width, dtype=np.float32)[None, :]
    radius = np.sqrt(xs * xs + ys * ys) / np.sqrt(2.0)
    falloff = np.clip((radius - 0.35) / 0.65, 0.0, 1.0) ** 2
    return (1.0 - 0.7 * strength * falloff).astype(np.float32)


@register("vignette")
def vignette(rgb, masks, strength):
    # The falloff is smooth, so compute it at ≤ 256 px and scale it up.
    h, w = rgb.shape[:2]
    scale = min(1.0, 256 / max(h, w))
    weight = vignette_weight(max(2, round(h * scale)), max(2, round(w * scale)), strength)
    weight = cv2.resize(weight, (w, h), interpolation=cv2.INTER_LINEAR)
    return cv2.convertScaleAbs(cv2.multiply(rgb.astype(np.float32), cv2.merge([weight] * 3)))


@register("vintage")
def vintage(rgb, masks, strength):
    # Faded film: muted colour, lifted blacks and dimmed whites, a warm-yellow
    # cast, then a soft vignette.
    out = colour_matrix(rgb, saturation_matrix(1.0 - 0.45 * strength))
    fade = 0.12 * strength
    curves = np.stack(
        [fade + _X * (1 - 1.5 * fade) + 0.04 * strength,
         fade + _X * (1 - 1.6 * fade) + 0.02 * strength,
         fade * 0.8 + _X * (1 - 2.2 * fade)],
        axis=1,
    )
    out = apply_lut(out, np.clip(curves, 0, 1))
    return vignette(out, masks, 0.5 * strength)


@register("pencil_sketch")
def pencil_sketch(rgb, masks, strength):
    # Colour-dodge the grey image with its blurred negative: flat areas go
    # white and only edges stay dark, like graphite lines.
    grey = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)
    sigma = 2.0 + max(grey.shape) / 400
    blurred_negative = cv2.GaussianBlur(255 - grey, (0, 0), sigma)
    sketch = cv2.divide(grey, 255 - blurred_negative, scale=256)
    sketch = cv2.cvtColor(sketch, cv2.COLOR_GRAY2RGB)
    return blend(rgb, sketch, min(1.0, 0.5 + 0.5 * strength))


@register("cartoon")
def cartoon(rgb, masks, strength):
    # Flatten colours (bilateral smoothing at reduced size + posterize), then
    # draw bold dark outlines from an adaptive threshold of the grey image.
    h, w = rgb.shape[:2]
    scale = min(1.0, 800 / max(h, w))
    small = cv2.resize(rgb, (max(1, int(w * scale)), max(1, int(h * scale))), interpolation=cv2.INTER_AREA)
    for _ in range(2 + round(2 * strength)):
        small = cv2.bilateralFilter(small, 7, 40, 7)
    flat = cv2.resize(small, (w, h), interpolation=cv2.INTER_LINEAR)
    levels = 8 - round(3 * strength)
    step = 256 / levels
    posterize = (np.floor(_X * 255 / step) * step + step / 2) / 255.0
    flat = apply_lut(flat, np.clip(posterize, 0, 1))
    grey = cv2.medianBlur(cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY), 5)
    block = max(3, (max(h, w) // 100) | 1)
    edges = cv2.adaptiveThreshold(grey, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY, block, 4)
    return cv2.bitwise_and(flat, cv2.cvtColor(edges, cv2.COLOR_GRAY2RGB))
