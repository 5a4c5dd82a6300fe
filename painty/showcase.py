"""The landing page's before/after example, made by the configured engine.

The "before" is a product photo drawn with Pillow (nothing downloaded, no
file to ship); the "after" is what PAINTY_ENGINE makes of it with PROMPT.
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
from PIL import Image, ImageDraw, ImageFilter

from photos import imaging
from photos.engines import get_engine

log = logging.getLogger(__name__)

PROMPT = "Make the background clean and bright"
NAMES = ("before.jpg", "after.jpg")
RETRY_AFTER_FAILURE = 600  # seconds

_lock = threading.Lock()
_building: set[str] = set()
_failed_at: dict[str, float] = {}


def source_image(size=(720, 480)) -> Image.Image:
    """A mug on a cluttered, dim table: the kind of shot sellers want cleaned up."""
    width, height = size
    scene = Image.new("RGB", size)
    draw = ImageDraw.Draw(scene)
    horizon = int(height * 0.62)
    for y in range(height):
        if y < horizon:  # a dull, warm wall
            t = y / horizon
            colour = (int(118 - 30 * t), int(104 - 28 * t), int(92 - 26 * t))
        else:  # a darker wooden table
            t = (y - horizon) / (height - horizon)
            colour = (int(96 - 30 * t), int(70 - 24 * t), int(50 - 18 * t))
        draw.line([(0, y), (width, y)], fill=colour)
    # Clutter: shelves, a plant pot, a lamp glow, a book stack.
    draw.rectangle([40, 60, 250, 74], fill=(70, 58, 50))
    draw.rectangle([60, 20, 90, 60], fill=(140, 60, 50))
    draw.rectangle([95, 30, 118, 60], fill=(60, 90, 120))
    draw.rectangle([122, 25, 140, 60], fill=(170, 150, 70))
    draw.ellipse([520, 40, 680, 200], fill=(160, 130, 80))
    draw.polygon([(600, 120), (560, 230), (640, 230)], fill=(84, 72, 60))
    draw.rectangle([70, horizon - 70, 190, horizon + 10], fill=(52, 78, 58))
    for x, y, r in ((95, horizon - 95, 38), (150, horizon - 110, 44), (120, horizon - 140, 30)):
        draw.ellipse([x - r, y - r, x + r, y + r], fill=(46, 96, 52))
    draw.rectangle([545, horizon - 10, 690, horizon + 22], fill=(120, 40, 40))
    draw.rectangle([555, horizon - 34, 680, horizon - 10], fill=(40, 60, 110))
    scene = scene.filter(ImageFilter.GaussianBlur(6))  # shallow depth of field

    # The subject, sharp: a teal mug with a soft shadow.
    shadow = Image.new("L", size, 0)
    cx, base = width // 2, int(height * 0.80)
    ImageDraw.Draw(shadow).ellipse([cx - 150, base - 22, cx + 170, base + 26], fill=150)
    scene.paste((20, 14, 10), mask=shadow.filter(ImageFilter.GaussianBlur(14)))
    mug = Image.new("RGBA", size, (0, 0, 0, 0))
    pen = ImageDraw.Draw(mug)
    left, right, top = cx - 110, cx + 110, int(height * 0.36)
    pen.ellipse([right - 50, top + 50, right + 70, top + 190], outline=(24, 120, 128, 255), width=22)
    for x in range(left, right + 1):
        t = (x - left) / (right - left)
        light = 1.0 - abs(t - 0.35) * 1.1
        colour = (int(20 + 60 * light), int(110 + 80 * light), int(118 + 80 * light), 255)
        pen.line([(x, top + 16), (x, base - 8)], fill=colour)
    pen.ellipse([left, base - 26, right, base + 8], fill=(26, 112, 120, 255))
    pen.ellipse([left, top, right, top + 34], fill=(18, 92, 100, 255))
    pen.ellipse([left + 10, top + 5, right - 10, top + 30], fill=(60, 36, 24, 255))  # coffee
    pen.rounded_rectangle([left + 40, top + 60, left + 56, base - 40], radius=8, fill=(150, 222, 226, 255))
    scene.paste(mug, mask=mug)
    return scene


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
