"""Whole-image tone and colour ops.

Signed ops (brightness, contrast, exposure, saturation, vibrance, warmth) take
strength in [-1, 1]: the sign is the direction ("too dark" → +brightness).
Everything here is a LUT or a 3×3 colour matrix where possible, which keeps a
2-megapixel photo well under 100 ms.
"""

from __future__ import annotations

import cv2
import numpy as np

from . import register

_X = np.arange(256, dtype=np.float32) / 255.0
# Rec.601 luma weights, the same ones cv2's RGB→GRAY uses.
LUMA = np.array([0.299, 0.587, 0.114], dtype=np.float32)


def apply_lut(rgb: np.ndarray, curve: np.ndarray) -> np.ndarray:
    """Apply a 0..1 → 0..1 curve, either shared (256,) or per channel (256, 3)."""
    lut = np.clip(curve * 255.0 + 0.5, 0, 255).astype(np.uint8)
    if lut.ndim == 1:
        return cv2.LUT(rgb, lut)
    return cv2.LUT(rgb, lut.reshape(256, 1, 3))


def colour_matrix(rgb: np.ndarray, matrix: np.ndarray) -> np.ndarray:
    """out_pixel = matrix @ rgb_pixel, saturating to uint8 (one cv2 pass)."""
    return cv2.transform(rgb, matrix.astype(np.float32))


def saturation_matrix(amount: float) -> np.ndarray:
    """Luminance-preserving saturation: 0 = grey, 1 = identity, >1 = more vivid."""
    grey = np.tile(LUMA, (3, 1))
    return grey + amount * (np.eye(3, dtype=np.float32) - grey)


def srgb_to_linear(x: np.ndarray) -> np.ndarray:
    return np.where(x <= 0.04045, x / 12.92, ((x + 0.055) / 1.055) ** 2.4)


def linear_to_srgb(x: np.ndarray) -> np.ndarray:
    x = np.clip(x, 0.0, 1.0)
    return np.where(x <= 0.0031308, x * 12.92, 1.055 * x ** (1 / 2.4) - 0.055)


def brightness_curve(strength: float) -> np.ndarray:
    # A gamma curve lifts (or lowers) mid-tones while pinning pure black and
    # white, so brightening does not wash highlights out to flat white.
    gamma = 2.0 ** (-1.3 * strength)
    return _X**gamma


@register("brightness")
def brightness(rgb, masks, strength):
    return apply_lut(rgb, brightness_curve(strength))


@register("exposure")
def exposure(rgb, masks, strength):
    # Exposure is a multiplication in linear light: ±1.5 stops at full strength.
    gain = 2.0 ** (1.5 * strength)
    return apply_lut(rgb, linear_to_srgb(srgb_to_linear(_X) * gain))


@register("contrast")
def contrast(rgb, masks, strength):
    # Stretch around the image's own mean luminance so the overall exposure stays put.
    pivot = float(cv2.mean(cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY))[0]) / 255.0
    slope = 1.0 + 0.9 * strength if strength >= 0 else 1.0 + 0.6 * strength
    return apply_lut(rgb, pivot + (_X - pivot) * slope)


@register("saturation")
def saturation(rgb, masks, strength):
    return colour_matrix(rgb, saturation_matrix(1.0 + strength))


@register("vibrance")
def vibrance(rgb, masks, strength):
    # Like saturation but weighted towards muted pixels, so skin and already
    # vivid colours are not pushed into clipping.
    img = rgb.astype(np.float32)
    grey = cv2.cvtColor(cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY), cv2.COLOR_GRAY2RGB).astype(np.float32)
    channels = cv2.split(rgb)
    spread = cv2.subtract(cv2.max(cv2.max(*channels[:2]), channels[2]), cv2.min(cv2.min(*channels[:2]), channels[2]))
    gain = cv2.merge([1.0 + strength * 1.2 * (1.0 - spread.astype(np.float32) / 255.0)] * 3)
    return cv2.convertScaleAbs(cv2.add(grey, cv2.multiply(cv2.subtract(img, grey), gain)))


@register("warmth")
def warmth(rgb, masks, strength):
    # Warm = red up, blue down (a touch of green keeps it from going magenta);
    # cool is the mirror image. Per-channel gamma keeps black and white neutral.
    k = 0.35 * strength
    curves = np.stack([_X ** (1 - k), _X ** (1 - 0.15 * k), _X ** (1 + k)], axis=1)
    return apply_lut(rgb, curves)


@register("auto_enhance")
def auto_enhance(rgb, masks, strength):
    """Auto levels + grey-world white balance, folded into one per-channel LUT."""
    small = cv2.resize(rgb, (256, 256), interpolation=cv2.INTER_AREA).reshape(-1, 3).astype(np.float32)
    # White balance: scale channels towards a common mean (clamped so a
    # genuinely colourful scene, e.g. a sunset, is not neutralised entirely).
    means = small.mean(axis=0) + 1e-3
    gains = np.clip(means.mean() / means, 0.8, 1.25)
    balanced = np.clip(small * gains, 0, 255)
    # Levels: map the 0.5th/99.5th luminance percentiles to black/white.
    luma = balanced @ LUMA
    lo, hi = np.percentile(luma, [0.5, 99.5])
    hi = max(hi, lo + 32.0)
    curves = np.clip((_X[:, None] * 255.0 * gains - lo) / (hi - lo), 0.0, 1.0)
    curves = _X[:, None] + (curves - _X[:, None]) * strength
    return apply_lut(rgb, curves)


@register("sharpen")
def sharpen(rgb, masks, strength):
    return unsharp(rgb, amount=0.6 + 1.4 * strength, sigma=1.0 + max(rgb.shape[:2]) / 1500)


def unsharp(rgb: np.ndarray, amount: float, sigma: float) -> np.ndarray:
    blurred = cv2.GaussianBlur(rgb, (0, 0), sigma)
    return cv2.addWeighted(rgb, 1.0 + amount, blurred, -amount, 0)


@register("denoise")
def denoise(rgb, masks, strength):
    # Edge-preserving smoothing; a bilateral filter is the fastest option in
    # OpenCV that keeps outlines (non-local means is ~50× slower on 2 MP).
    sigma = 20 + 60 * strength
    diameter = 5 if max(rgb.shape[:2]) > 1200 else 7
    out = cv2.bilateralFilter(rgb, diameter, sigma, sigma)
    if strength > 0.6:
        out = cv2.bilateralFilter(out, diameter, sigma, sigma)
    return out


@register("blur")
def blur(rgb, masks, strength):
    # Whole-image softening; radius scales with image size so the look is the
    # same at any resolution. Big Gaussians are run at quarter size: the
    # result is smooth anyway, and it is ~15× cheaper.
    h, w = rgb.shape[:2]
    sigma = (0.003 + 0.012 * strength) * max(h, w)
    scale = min(1.0, 4.0 / sigma)
    if scale >= 0.5:
        return cv2.GaussianBlur(rgb, (0, 0), sigma)
    small = cv2.resize(rgb, (max(1, round(w * scale)), max(1, round(h * scale))), interpolation=cv2.INTER_AREA)
    return cv2.resize(cv2.GaussianBlur(small, (0, 0), sigma * scale), (w, h), interpolation=cv2.INTER_LINEAR)
