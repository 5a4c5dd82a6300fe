"""The pure work of a job: engine, watermark, encode. No database, no storage, no HTTP.

It runs wherever the runner puts it: in a killable worker process for the
embedded engine (photos.workers), in a thread for engines that only wait on a
provider, or inline on a Celery worker. Its answer is the encoded result files,
so the caller only has to store bytes."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from PIL import Image

from . import formats, imaging, testmode
from .engines import EditResult, EngineUnavailable, Inputs, get_engine


@dataclass
class Rendering:
    outputs: list[bytes]  # encoded result files, in order
    extension: str
    edits: list[dict] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def edit(picture: imaging.Picture, prompt: str, engine_name: str | None = None, inputs: Inputs | None = None) -> EditResult:
    engine = get_engine(engine_name)
    if picture.animated:
        result = engine.edit_frames_with(picture.frames, prompt, inputs)
    else:
        result = engine.edit_with(picture.frames[0], prompt, inputs)
    if not result.images:
        raise EngineUnavailable("the engine returned no image")
    return result


def matte(image: Image.Image) -> Image.Image:
    """`channels=alpha`: the result's alpha as a grey image (white = subject)."""
    return image.getchannel("A") if image.mode in ("RGBA", "LA") else Image.new("L", image.size, 255)


def render(
    picture: imaging.Picture,
    prompt: str,
    engine_name: str,
    test_mode: bool,
    output_format: str = "auto",
    extras: dict[str, bytes] | None = None,
    channels: str = "rgba",
    n: int = 1,
) -> Rendering:
    """Edit (`n` variants), watermark (test keys), encode. `output_format` is the
    job's requested format (photos.formats); `extras` the request's background/mask
    files; `channels="alpha"` returns the matte alone."""
    decoded = {name: imaging.decode(data).frames[0] for name, data in (extras or {}).items()}
    inputs = Inputs(background=decoded.get("background"), mask=decoded.get("mask"))
    images, edits, notes = [], [], []
    for number in range(n):
        result = edit(picture, prompt, engine_name, replace(inputs, variant=number))
        images.extend(result.images)
        edits, notes = edits or result.edits, notes or result.notes
    if channels == "alpha":
        images = [matte(image) for image in images]
    if test_mode:
        images = [testmode.watermark(image) for image in images]
    if channels == "alpha":
        fmt = formats.for_matte(output_format)
    else:
        fmt = formats.choose(output_format, picture.format, images, picture.animated)
    if picture.animated:
        outputs = [imaging.encode(images, fmt, picture.durations, picture.loop)]
    else:
        outputs = [imaging.encode([image], fmt) for image in images]
    return Rendering(outputs, imaging.EXTENSIONS[fmt], edits, notes)


def render_bytes(data: bytes, prompt: str, engine_name: str, test_mode: bool, max_side: int = 0, **options) -> Rendering:
    """`render` from the upload's bytes: what a worker process is sent. `max_side`
    repeats the web process's downscaling of test keys' images (the worker can't
    see the web process's settings); `options` are render's keyword arguments."""
    return render(testmode.shrink(imaging.decode(data), max_side), prompt, engine_name, test_mode, **options)


def runs_on_cpu(engine_name: str, prompt: str) -> bool:
    """Whether the engine computes here (→ a killable process) rather than waiting on a provider."""
    return get_engine(engine_name).runs_on_cpu(prompt)


def warm_up() -> None:
    """A worker process loads the embedded engine's model before its first task."""
    from django.conf import settings

    if settings.PAINTY_ENGINE in ("local", "auto"):
        get_engine("local").warm_up()
