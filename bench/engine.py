"""Benchmark the local engine on a ~2-megapixel photo (run on demand, not a test).

    python bench/engine.py [--repeat 3] [--only background_clean,background_remove]
                           [--root DIR]   # run another checkout's engine, e.g. for a before/after
    python bench/engine.py --parse-only

Prints the prompt parser's time per prompt over the public corpus
(tests/phrasings: p50 and p99, typo cache cold and warm), then model load
time, then per-edit milliseconds (median of --repeat runs, each a full
engine.edit on a PIL image) next to a baseline of Pillow JPEG decode + encode
of the same photo, and the process's peak RSS.

Then the seed prompt on a 12-megapixel JPEG, against that file's own Pillow
decode + encode (target: ≤ 6×), and the peak RSS of a fresh process that
decodes the 12 MP JPEG, runs the seed prompt and encodes the result (model
load included; target: ≤ 1 GB).
"""

from __future__ import annotations

import argparse
import io
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if "--root" in sys.argv:  # before the engine is imported: it is what --root swaps
    ROOT = Path(sys.argv[sys.argv.index("--root") + 1]).resolve()
sys.path.insert(0, str(ROOT))

import cv2  # noqa: E402
from PIL import Image  # noqa: E402
from skimage import data  # noqa: E402

from photos.engines.base import UnsupportedPrompt  # noqa: E402
from photos.engines.local import LocalEngine, segmentation  # noqa: E402

SEED_PROMPT = "Make the background clean and bright"

PROMPTS = [
    ("background_clean", "make the background clean and bright"),
    ("background_color", "white background"),
    ("background_remove", "remove the background"),
    ("background_blur", "blur the background"),
    ("background_darken", "darken the background"),
    ("background_desaturate", "desaturate the background"),
    ("brightness", "brighten"),
    ("contrast", "more contrast"),
    ("exposure", "increase the exposure"),
    ("saturation", "more saturated"),
    ("vibrance", "more vibrant"),
    ("warmth", "warmer"),
    ("grayscale", "black and white"),
    ("sepia", "sepia"),
    ("vintage", "vintage"),
    ("vignette", "vignette"),
    ("auto_enhance", "auto enhance"),
    ("sharpen", "sharpen"),
    ("blur", "blur it"),
    ("denoise", "denoise"),
    ("pencil_sketch", "pencil sketch"),
    ("cartoon", "cartoon"),
    ("rotate", "rotate right"),
    ("flip", "flip horizontally"),
    ("crop", "crop to square"),
    ("upscale", "upscale 2x"),
    ("resize", "resize to 1024px"),
    ("multi (3 edits)", "brighten it, blur the background and make it black and white"),
]


def timed(fn, repeat: int) -> float:
    runs = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        runs.append((time.perf_counter() - started) * 1000)
    return statistics.median(runs)


def coffee_jpeg(size: tuple[int, int]) -> bytes:
    buffer = io.BytesIO()
    Image.fromarray(cv2.resize(data.coffee(), size, interpolation=cv2.INTER_LANCZOS4)).save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


def pillow_roundtrip(jpeg: bytes) -> None:
    image = Image.open(io.BytesIO(jpeg))
    image.load()
    image.save(io.BytesIO(), "JPEG", quality=90)


def peak_rss_child() -> None:
    """--rss-child: decode the 12 MP JPEG from stdin, run the seed prompt, encode; print peak RSS (MB)."""
    image = Image.open(io.BytesIO(sys.stdin.buffer.read()))
    result = LocalEngine().edit(image, SEED_PROMPT).images[0]
    result.save(io.BytesIO(), "JPEG", quality=90)
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)


def parse_times() -> None:
    """The parser is on every request's path (dry runs, auto routing): it must stay a few ms."""
    from tests.phrasings import all_phrasings

    prompts = [prompt for _, _, prompt, _ in all_phrasings()]

    def one_pass() -> list[float]:
        times = []
        for prompt in prompts:
            started = time.perf_counter()
            try:
                parser.parse(prompt)
            except UnsupportedPrompt:
                pass
            times.append((time.perf_counter() - started) * 1000)
        return sorted(times)

    from photos.engines.local import parser, reader

    reader.corrections.cache_clear()
    rows = [("cold typo cache", one_pass()), ("warm", one_pass())]
    print(f"prompt parse, {len(prompts)} corpus prompts:")
    print(f"| {'parse':<16} | {'p50 ms':>7} | {'p99 ms':>7} | {'max ms':>7} |")
    print(f"|{'-' * 18}|{'-' * 9}|{'-' * 9}|{'-' * 9}|")
    for label, times in rows:
        p50, p99 = times[len(times) // 2], times[min(len(times) - 1, int(len(times) * 0.99))]
        print(f"| {label:<16} | {p50:7.2f} | {p99:7.2f} | {times[-1]:7.2f} |")
    print()


def main() -> None:
    cli = argparse.ArgumentParser()
    cli.add_argument("--repeat", type=int, default=3)
    cli.add_argument("--only", default="", help="comma-separated row labels of the 2 MP table")
    cli.add_argument("--root", default=str(ROOT), help="checkout whose engine is measured")
    cli.add_argument("--parse-only", action="store_true")
    cli.add_argument("--rss-child", action="store_true", help=argparse.SUPPRESS)
    args = cli.parse_args()
    if args.rss_child:
        return peak_rss_child()
    if Path(args.root).resolve() == Path(__file__).resolve().parents[1]:
        parse_times()  # the corpus and the reader exist in this checkout only
    if args.parse_only:
        return

    print(f"engine code: {ROOT}")
    jpeg = coffee_jpeg((1730, 1153))
    photo = Image.open(io.BytesIO(jpeg))
    photo.load()

    print(f"photo: {photo.size[0]}×{photo.size[1]} ({photo.size[0] * photo.size[1] / 1e6:.1f} MP), "
          f"cores: {os.cpu_count()}, cv2 threads: {cv2.getNumThreads()}")
    segmentation.get_session()
    print(f"model load (once per process): {segmentation.model_load_seconds * 1000:.0f} ms")

    engine = LocalEngine()
    baseline = timed(lambda: pillow_roundtrip(jpeg), args.repeat)
    rows = [("pillow jpeg decode+encode (baseline)", baseline)]
    only = set(filter(None, args.only.split(",")))
    for label, prompt in PROMPTS:
        if not only or label in only:
            rows.append((label, timed(lambda p=prompt: engine.edit(photo, p), args.repeat)))
    print_rows(rows, baseline)
    print(f"\npeak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")

    big_jpeg = coffee_jpeg((4000, 3000))
    big = Image.open(io.BytesIO(big_jpeg))
    big.load()
    print(f"\nphoto: 4000×3000 (12.0 MP), seed prompt {SEED_PROMPT!r}")
    big_baseline = timed(lambda: pillow_roundtrip(big_jpeg), args.repeat)
    print_rows([
        ("pillow jpeg decode+encode (baseline)", big_baseline),
        ("background_clean (seed prompt)", timed(lambda: engine.edit(big, SEED_PROMPT), args.repeat)),
    ], big_baseline)
    child = subprocess.run(
        [sys.executable, __file__, "--rss-child", "--root", str(ROOT)],
        input=big_jpeg, capture_output=True, check=True,
    )
    print(f"\npeak RSS of a fresh process (decode, seed prompt, encode at 12 MP): {float(child.stdout):.0f} MB")


def print_rows(rows: list[tuple[str, float]], baseline: float) -> None:
    width = max(len(label) for label, _ in rows)
    print(f"\n| {'op'.ljust(width)} | {'ms':>7} | {'× baseline':>10} |")
    print(f"|{'-' * (width + 2)}|{'-' * 9}|{'-' * 12}|")
    for label, ms in rows:
        print(f"| {label.ljust(width)} | {ms:7.1f} | {ms / baseline:10.1f} |")


if __name__ == "__main__":
    main()
