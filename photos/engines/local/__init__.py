"""`PAINTY_ENGINE=local`: the embedded, offline editing engine.

prompt → `parser.parse` → plan (list of op dicts) → ops applied in order.
Segmentation (u2netp via onnxruntime) runs only when a step needs the
subject mask, and at most once per image/frame group.
"""

from __future__ import annotations

import ctypes

import numpy as np
from PIL import Image

from ..base import EditResult, Engine, Inputs
from . import extras, ops
from .parser import parse
from .segmentation import MaskProvider


def _to_array(image: Image.Image) -> tuple[np.ndarray, str]:
    """uint8 RGB or RGBA array plus the mode to hand back.

    RGB and RGBA round-trip as themselves; other modes (L, P, LA, CMYK…) come
    back as RGB, or RGBA if they carry transparency."""
    has_alpha = image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info)
    mode = "RGBA" if has_alpha else "RGB"
    if image.mode != mode:
        image = image.convert(mode)
    # Copied band by band: np.asarray(image) goes through tobytes(), which
    # holds the pixels twice over (chunks, then their join) — 400 MB extra at 50 MP.
    width, height = image.size
    array = np.empty((height, width, len(mode)), np.uint8)
    for rows in ops.bands(height, width):
        array[rows] = np.asarray(image.crop((0, rows.start, width, rows.stop)))
    return array, mode


def give_back_memory() -> None:
    """Return freed heap pages to the OS after a big job (glibc keeps them otherwise).

    Large arrays are mmapped and go back by themselves; the many band-sized
    ones land in malloc's arenas, which only malloc_trim shrinks."""
    if _libc is not None:
        _libc.malloc_trim(0)


try:
    _libc = ctypes.CDLL("libc.so.6")
    _libc.malloc_trim
except (OSError, AttributeError):  # not glibc (musl, macOS): nothing to trim
    _libc = None


def _describe(step: dict) -> str:
    extras = ", ".join(f"{k}={v}" for k, v in step.items() if k not in ("op", "strength", "color"))
    return f"{step['op']} {step['strength']:+g}" + (f" ({extras})" if extras else "")


class LocalEngine(Engine):
    name = "local"

    def warm_up(self) -> None:
        from .segmentation import get_session

        get_session()

    def runs_on_cpu(self, prompt: str) -> bool:
        return True

    def plan(self, prompt: str) -> list[dict]:
        return parse(prompt)

    def plan_with(self, prompt: str, inputs: Inputs | None = None) -> list[dict]:
        """The plan for the prompt and the request's inputs (a background image, a mask)."""
        if inputs is None or not inputs.extras:
            return parse(prompt)
        return extras.plan(prompt, inputs)

    def _apply(self, image: Image.Image, plan: list[dict], masks: MaskProvider) -> Image.Image:
        array, _ = _to_array(image)
        transparent = array.shape[2] == 4 and int(array[:, :, 3].min()) < 255
        if ops.needs_mask(plan) and not ops.OPS[plan[0]["op"]].geometry and not transparent:
            # Segment the untouched pixels: the model sees the photo as shot,
            # not e.g. after a black-and-white step earlier in the plan. A cut-out
            # (transparent) input brings its own matte, which shadows and framing use.
            masks(array[:, :, :3])
        for step in plan:
            array = ops.apply_step(array, masks, step)
        return Image.fromarray(array, "RGBA" if array.shape[2] == 4 else "RGB")

    def edit(self, image: Image.Image, prompt: str) -> EditResult:
        return self.edit_with(image, prompt)

    def edit_with(self, image: Image.Image, prompt: str, inputs: Inputs | None = None) -> EditResult:
        inputs = inputs or Inputs()
        plan = extras.variant(self.plan_with(prompt, inputs), inputs.variant)
        masks = MaskProvider(inputs=extras.step_inputs(inputs, image.size))
        try:
            result = self._apply(image, plan, masks)
        finally:
            give_back_memory()
        return EditResult(images=[result], notes=[_describe(s) for s in plan], edits=plan)

    def edit_frames(self, frames: list[Image.Image], prompt: str) -> EditResult:
        return self.edit_frames_with(frames, prompt)

    def edit_frames_with(self, frames: list[Image.Image], prompt: str, inputs: Inputs | None = None) -> EditResult:
        """Edit every frame with one shared MaskProvider, which reuses the
        model's output while consecutive frames look alike."""
        inputs = inputs or Inputs()
        plan = self.plan_with(prompt, inputs)
        masks = MaskProvider(inputs=extras.step_inputs(inputs, frames[0].size))
        edited = []
        try:
            for frame in frames:
                masks.start_frame()
                edited.append(self._apply(frame, plan, masks))
        finally:
            give_back_memory()
        notes = [_describe(s) for s in plan]
        if ops.needs_mask(plan):
            notes.append(f"segmentation ran {masks.model_runs}× for {len(frames)} frames")
        return EditResult(images=edited, notes=notes, edits=plan)
