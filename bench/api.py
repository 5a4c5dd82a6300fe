"""p50/p95 latency of POST /api/v1/photo (echo engine, 2-megapixel JPEG) next to the floor.

The floor is the work no implementation can skip, measured in this process
in the same run: Pillow decode + EXIF transpose + re-encode of the same bytes.
Target: API p50 ≤ floor p50 + 25 ms.

    .venv/bin/python bench/api.py [--requests 40]
"""

from __future__ import annotations

import argparse
import io
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import requests  # noqa: E402
from PIL import Image, ImageOps  # noqa: E402

from bench.common import painty_server, percentiles, photo_jpeg, print_table  # noqa: E402


def floor_once(data: bytes) -> None:
    image = ImageOps.exif_transpose(Image.open(io.BytesIO(data)))
    image.load()
    image.save(io.BytesIO(), "JPEG", quality=92)


def timed(fn, repeats: int) -> list[float]:
    samples = []
    for _ in range(repeats):
        started = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=40)
    args = parser.parse_args()
    data = photo_jpeg(2.0)
    width, height = Image.open(io.BytesIO(data)).size

    for _ in range(3):
        floor_once(data)
    floor = percentiles(timed(lambda: floor_once(data), args.requests))

    with painty_server(workers=1, threads=4) as (base, key):
        session = requests.Session()

        def call():
            response = session.post(
                base + "/api/v1/photo",
                headers={"Authorization": f"Bearer {key}"},
                files={"image": ("photo.jpg", data, "image/jpeg")},
                data={"prompt": "Make the background clean and bright"},
                timeout=60,
            )
            assert response.status_code == 200, response.text

        for _ in range(3):
            call()
        api = percentiles(timed(call, args.requests))

    rows = [
        ["floor: decode+transpose+encode (in-process)", f"{floor['p50']:.1f}", f"{floor['p95']:.1f}", "1.00"],
        ["POST /api/v1/photo (gunicorn, echo)", f"{api['p50']:.1f}", f"{api['p95']:.1f}",
         f"{api['p50'] / floor['p50']:.2f}"],
    ]
    print_table(
        f"bench/api.py — {width}×{height} JPEG ({len(data) / 1e6:.2f} MB), {args.requests} sequential requests",
        ["case", "p50 ms", "p95 ms", "p50 ratio"],
        rows,
    )
    overhead = api["p50"] - floor["p50"]
    print(f"\nAPI p50 overhead over the floor: {overhead:+.1f} ms (target ≤ +25 ms): {'PASS' if overhead <= 25 else 'FAIL'}")


if __name__ == "__main__":
    main()
