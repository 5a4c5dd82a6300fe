"""Benchmark the local engine on a ~2-megapixel photo (run on demand, not a test).

    python bench/engine.py [--repeat 3] [--parse-only]

Prints the prompt parser's time per prompt over the public corpus
(tests/phrasings: p50 and p99, typo cache cold and warm), then model load time,
then per-edit milliseconds (median of --repeat runs, each a full engine.edit on a
PIL image) next to a baseline of Pillow JPEG decode + encode of the same photo,
and the process's peak RSS.
"""

from __future__ import annotations

import argparse
import io
import os
import resource
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import cv2  # noqa: E402
from PIL import Image  # noqa: E402
from skimage import data  # noqa: E402

from photos.engines.base import UnsupportedPrompt  # noqa: E402
from photos.engines.local import LocalEngine, parser, reader, segmentation  # noqa: E402

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
    parser_args = argparse.ArgumentParser()
    parser_args.add_argument("--repeat", type=int, default=3)
    parser_args.add_argument("--parse-only", action="store_true")
    args = parser_args.parse_args()
    parse_times()
    if args.parse_only:
        return

    photo = Image.fromarray(cv2.resize(data.coffee(), (1730, 1153), interpolation=cv2.INTER_LANCZOS4))
    buffer = io.BytesIO()
    photo.save(buffer, "JPEG", quality=90)
    jpeg = buffer.getvalue()

    def pillow_roundtrip():
        image = Image.open(io.BytesIO(jpeg))
        image.load()
        image.save(io.BytesIO(), "JPEG", quality=90)

    print(f"photo: {photo.size[0]}×{photo.size[1]} ({photo.size[0] * photo.size[1] / 1e6:.1f} MP), "
          f"cores: {os.cpu_count()}, cv2 threads: {cv2.getNumThreads()}")
    segmentation.get_session()
    print(f"model load (once per process): {segmentation.model_load_seconds * 1000:.0f} ms")

    engine = LocalEngine()
    baseline = timed(pillow_roundtrip, args.repeat)
    rows = [("pillow jpeg decode+encode (baseline)", baseline)]
    for label, prompt in PROMPTS:
        rows.append((label, timed(lambda p=prompt: engine.edit(photo, p), args.repeat)))

    width = max(len(label) for label, _ in rows)
    print(f"\n| {'op'.ljust(width)} | {'ms':>7} | {'× baseline':>10} |")
    print(f"|{'-' * (width + 2)}|{'-' * 9}|{'-' * 12}|")
    for label, ms in rows:
        print(f"| {label.ljust(width)} | {ms:7.1f} | {ms / baseline:10.1f} |")
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\npeak RSS: {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
