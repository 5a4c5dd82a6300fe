"""The one interface every editing engine implements.

An engine is pure image work: it never touches storage, HTTP or the database.
`photos.services` decodes the upload, hands the engine PIL images and encodes
whatever comes back, so an engine only has to think about pixels and prompts.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PIL import Image


class EngineError(Exception):
    """Base class for the errors an engine may raise."""

    code = "engine_error"


class UnsupportedPrompt(EngineError):
    """The prompt asks for something this engine cannot do (→ 422, not charged)."""

    code = "unsupported_prompt"


class PromptRejected(EngineError):
    """A provider refused the prompt, e.g. for safety reasons (→ 422, refunded)."""

    code = "prompt_rejected"


class EngineUnavailable(EngineError):
    """The engine cannot run right now: missing model, provider down (→ 503, refunded)."""

    code = "engine_unavailable"

    def __init__(self, message: str, retry_after: int | None = None):
        super().__init__(message)
        self.retry_after = retry_after


class EngineTimeout(EngineError):
    """The engine (or its provider) did not answer in time (→ 504, refunded)."""

    code = "timeout"


def flatten(image: Image.Image, colour=(255, 255, 255)) -> Image.Image:
    """Put an image with transparency on a solid background (JPEG has no alpha)."""
    rgba = image.convert("RGBA")
    background = Image.new("RGB", rgba.size, colour)
    background.paste(rgba, mask=rgba.getchannel("A"))
    return background


@dataclass
class EditResult:
    images: list[Image.Image]
    notes: list[str] = field(default_factory=list)
    # The edit plan that was applied, as data: [{"op": "brightness", "strength": 0.5}, …]
    edits: list[dict] = field(default_factory=list)


@dataclass
class Inputs:
    """What a request brings besides the image and the prompt: a background to put
    the subject on, a mask (L, white = the region to edit), and which variant of
    the edit this is (0 = the edit as asked; 1–3 = lighter/stronger takes)."""

    background: Image.Image | None = None
    mask: Image.Image | None = None
    variant: int = 0

    @property
    def extras(self) -> list[str]:
        return [name for name in ("background", "mask") if getattr(self, name) is not None]


class Engine:
    """Base class. Subclasses implement `edit`, and `plan` when they can judge a
    prompt without pixels (so an impossible prompt is refused before charging).

    The `*_with` methods take the request's `Inputs` too; engines that can't use
    a background or a mask image refuse them (before any charge, in `plan_with`)."""

    name = "base"

    def warm_up(self) -> None:
        """Load models or clients ahead of the first request (called at start-up)."""

    def runs_on_cpu(self, prompt: str) -> bool:
        """True when `edit` computes on this machine (so it runs in a killable worker
        process); False when it mostly waits on a provider (so a thread will do)."""
        return False

    def latency(self) -> float:
        """Seconds a provider takes before `edit` can answer, when the engine simulates one
        (echo's PAINTY_ECHO_DELAY). The runner waits them like a hosted call — on a loop,
        or on the job's cancel event — never in a CPU worker."""
        return 0.0

    def plan(self, prompt: str) -> list[dict]:
        """Return the edit plan for `prompt` or raise UnsupportedPrompt.

        Called before the caller is charged. Engines that cannot tell in
        advance return an empty list."""
        return []

    def edit(self, image: Image.Image, prompt: str) -> EditResult:
        raise NotImplementedError

    def _refuse_extras(self, inputs: Inputs | None) -> None:
        if inputs is not None and inputs.extras:
            raise UnsupportedPrompt(
                f"The {self.name} engine can't use a {' or '.join(inputs.extras)} image; "
                "the embedded engine (local) can."
            )

    def plan_with(self, prompt: str, inputs: Inputs | None = None) -> list[dict]:
        self._refuse_extras(inputs)
        return self.plan(prompt)

    def edit_with(self, image: Image.Image, prompt: str, inputs: Inputs | None = None) -> EditResult:
        self._refuse_extras(inputs)
        return self.edit(image, prompt)

    def edit_frames_with(self, frames: list[Image.Image], prompt: str, inputs: Inputs | None = None) -> EditResult:
        self._refuse_extras(inputs)
        return self.edit_frames(frames, prompt)

    def edit_frames(self, frames: list[Image.Image], prompt: str) -> EditResult:
        """Edit every frame of an animation; returns one image per frame in `images`.

        The default edits frames one by one; engines may override it to reuse
        work (e.g. a segmentation mask) across similar frames."""
        edited: list[Image.Image] = []
        notes: list[str] = []
        edits: list[dict] = []
        for frame in frames:
            result = self.edit(frame, prompt)
            edited.append(result.images[0])
            notes, edits = result.notes, result.edits
        return EditResult(images=edited, notes=notes, edits=edits)
