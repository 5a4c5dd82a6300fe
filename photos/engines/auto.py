"""`PAINTY_ENGINE=auto`: the embedded engine for prompts it can do, a hosted
model for the rest.

The embedded `local` engine is free, fast and private, so it goes first; a
prompt it refuses ("put me on a beach") goes to the hosted engine named by
PAINTY_HOSTED_ENGINE (`openai` or `gemini`; empty picks the first one with an
API key; `none` never sends anything out). Only when no hosted engine is
configured does the caller see the local engine's 422 unsupported_prompt."""

from __future__ import annotations

import logging

from django.conf import settings
from PIL import Image

from . import get_engine
from .base import EditResult, Engine, EngineUnavailable, Inputs, UnsupportedPrompt
from .hosted import HostedEngine

log = logging.getLogger(__name__)

HOSTED = ("openai", "gemini")


class AutoEngine(Engine):
    name = "auto"

    def plan(self, prompt: str) -> list[dict]:
        return self.plan_with(prompt)

    def plan_with(self, prompt: str, inputs: Inputs | None = None) -> list[dict]:
        engine, edits = self.route(prompt, inputs)
        return edits if edits is not None else engine.plan_with(prompt, inputs)

    def runs_on_cpu(self, prompt: str) -> bool:
        engine, _ = self.route(prompt)
        return engine.runs_on_cpu(prompt)

    def edit(self, image: Image.Image, prompt: str) -> EditResult:
        return self.edit_with(image, prompt)

    def edit_with(self, image: Image.Image, prompt: str, inputs: Inputs | None = None) -> EditResult:
        engine, _ = self.route(prompt, inputs)
        return engine.edit_with(image, prompt, inputs)

    def edit_frames(self, frames: list[Image.Image], prompt: str) -> EditResult:
        return self.edit_frames_with(frames, prompt)

    def edit_frames_with(self, frames: list[Image.Image], prompt: str, inputs: Inputs | None = None) -> EditResult:
        engine, _ = self.route(prompt, inputs)
        return engine.edit_frames_with(frames, prompt, inputs)

    def route(self, prompt: str, inputs: Inputs | None = None) -> tuple[Engine, list[dict] | None]:
        """The engine for `prompt` (and the request's inputs: a large masked removal
        is beyond the local engine), and the local plan when it is the local engine."""
        try:
            local = get_engine("local")
            return local, local.plan_with(prompt, inputs)
        except (UnsupportedPrompt, EngineUnavailable) as exc:
            hosted = hosted_engine()
            if hosted is None:
                raise
            if isinstance(exc, EngineUnavailable):
                log.warning("The local engine is unavailable (%s); using %s", exc, hosted.name)
            return hosted, None


def hosted_engine() -> HostedEngine | None:
    """The engine auto falls back to, or None when none is configured."""
    choice = settings.PAINTY_HOSTED_ENGINE
    if choice == "none":
        return None
    if choice:
        return get_engine(choice)
    for name in HOSTED:
        engine = get_engine(name)
        if engine.configured():
            return engine
    return None
