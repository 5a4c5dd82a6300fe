"""The landing page's before/after example, made by the configured engine.

The "before" is a real photo shipped in static/img; the "after" is what
PAINTY_ENGINE makes of it with PROMPT.
The pair is computed once per engine and kept under PAINTY_DATA_DIR, never
per request: the home page starts the work in a background thread the first
time and shows the page without the example until it is ready
(`manage.py build_showcase` makes it ahead of time). If the engine fails the
page simply has no example; the failure is remembered for a while so it is
not retried on every visit."""

from __future__ import annotations

import hashlib
import logging
import os
import threading
import time
from pathlib import Path

from django.conf import settings
from django.http import FileResponse, Http404
from PIL import Image

from photos import imaging
from photos.engines import get_engine

log = logging.getLogger(__name__)

PROMPT = "Make the background clean and bright"
NAMES = ("before.jpg", "after.jpg")
RETRY_AFTER_FAILURE = 600  # seconds

_lock = threading.Lock()
_building: set[str] = set()
_failed_at: dict[str, float] = {}


# NASA's portrait of astronaut Eileen Collins (public domain), as shipped with
# scikit-image's sample data, resized: a real photo, in the repository.
SOURCE = Path(settings.BASE_DIR) / "static" / "img" / "showcase-astronaut.jpg"


def source_image() -> Image.Image:
    """A portrait on a busy studio backdrop: the kind of shot people want cleaned up."""
    with Image.open(SOURCE) as image:
        return image.convert("RGB")


def _folder(engine: str) -> Path:
    tag = hashlib.sha256(f"{engine}:{PROMPT}".encode()).hexdigest()[:12]
    return Path(settings.PAINTY_DATA_DIR) / "showcase" / f"{engine}-{tag}"


def _ready(folder: Path) -> bool:
    return all((folder / name).is_file() for name in NAMES)


def build(engine_name: str | None = None) -> Path:
    """Run the engine on the source image and store the pair; raises whatever the engine raises."""
    engine_name = engine_name or settings.PAINTY_ENGINE
    engine = get_engine(engine_name)
    folder = _folder(engine_name)
    before = source_image()
    engine.plan(PROMPT)
    result = engine.edit(before, PROMPT)
    if not result.images:
        raise ValueError(f"engine {engine_name!r} returned no image")
    folder.mkdir(parents=True, exist_ok=True)
    for name, image in zip(NAMES, (before, result.images[0])):
        # Written under a temporary name, then renamed: a reader never sees half a file.
        temporary = folder / f".{name}.{os.getpid()}.{threading.get_ident()}"
        temporary.write_bytes(imaging.encode([image], "JPEG"))
        temporary.replace(folder / name)
    return folder


def _build_in_background(engine: str) -> None:
    try:
        build(engine)
    except Exception as exc:  # any engine failure only costs the page its example
        log.warning("Showcase example with engine %r failed: %s", engine, exc)
        with _lock:
            _failed_at[engine] = time.monotonic()
    finally:
        with _lock:
            _building.discard(engine)


def example() -> dict | None:
    """The pair for the home page, or None (not made yet, or the engine cannot make it)."""
    engine = settings.PAINTY_ENGINE
    folder = _folder(engine)
    if _ready(folder):
        version = folder.name.rsplit("-", 1)[-1]
        return {"prompt": PROMPT, "engine": engine, "version": version}
    with _lock:
        failed = time.monotonic() - _failed_at.get(engine, -RETRY_AFTER_FAILURE) < RETRY_AFTER_FAILURE
        if engine in _building or failed:
            return None
        _building.add(engine)
    threading.Thread(target=_build_in_background, args=(engine,), daemon=True, name="painty-showcase").start()
    return None


def serve(request, name: str):
    """/showcase/before.jpg and /showcase/after.jpg for the current engine."""
    folder = _folder(settings.PAINTY_ENGINE)
    if name not in NAMES or not (folder / name).is_file():
        raise Http404("No such example image.")
    response = FileResponse(open(folder / name, "rb"), content_type="image/jpeg")
    response["Cache-Control"] = "public, max-age=86400"
    return response
