"""The pure work of a job: engine, watermark, encode. No database, no storage, no HTTP.

It runs wherever the runner puts it: in a killable worker process for the
embedded engine (photos.workers), in a thread for engines that only wait on a
provider, or inline on a Celery worker. Its answer is the encoded result files,
so the caller only has to store bytes."""

from __future__ import annotations

from dataclasses import dataclass, field

from . import formats, imaging, testmode
from .engines import EditResult, EngineUnavailable, get_engine


@dataclass
class Rendering:
    outputs: list[bytes]  # encoded result files, in order
    extension: str
    edits: list[dict] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def edit(picture: imaging.Picture, prompt: str, engine_name: str | None = None) -> EditResult:
    engine = get_engine(engine_name)
    if picture.animated:
        result = engine.edit_frames(picture.frames, prompt)
    else:
        result = engine.edit(picture.frames[0], prompt)
    if not result.images:
        raise EngineUnavailable("the engine returned no image")
    return result


def render(
    picture: imaging.Picture, prompt: str, engine_name: str, test_mode: bool, output_format: str = "auto"
) -> Rendering:
    """Edit, watermark (test keys), encode. `output_format` is the job's requested
    format (photos.formats: auto, png, jpg, webp)."""
    result = edit(picture, prompt, engine_name)
    images = [testmode.watermark(image) for image in result.images] if test_mode else result.images
    fmt = formats.choose(output_format, picture.format, images, picture.animated)
    if picture.animated:
        outputs = [imaging.encode(images, fmt, picture.durations, picture.loop)]
    else:
        outputs = [imaging.encode([image], fmt) for image in images]
    return Rendering(outputs, imaging.EXTENSIONS[fmt], result.edits, result.notes)


def render_bytes(
    data: bytes, prompt: str, engine_name: str, test_mode: bool, max_side: int = 0, output_format: str = "auto"
) -> Rendering:
    """`render` from the upload's bytes: what a worker process is sent. `max_side`
    repeats the web process's downscaling of test keys' images (the worker can't
    see the web process's settings)."""
    return render(testmode.shrink(imaging.decode(data), max_side), prompt, engine_name, test_mode, output_format)


def runs_on_cpu(engine_name: str, prompt: str) -> bool:
    """Whether the engine computes here (→ a killable process) rather than waiting on a provider."""
    return get_engine(engine_name).runs_on_cpu(prompt)


def warm_up() -> None:
    """A worker process loads the embedded engine's model before its first task."""
    from django.conf import settings

    if settings.PAINTY_ENGINE in ("local", "auto"):
        get_engine("local").warm_up()
