"""Shared helpers for the benchmarks: a throwaway Painty server and a test photo."""

from __future__ import annotations

import contextlib
import io
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def photo_jpeg(megapixels: float = 2.0, quality: int = 90) -> bytes:
    """A detailed natural-looking photo of about `megapixels`, made from numpy noise and gradients."""
    import numpy as np
    from PIL import Image, ImageFilter

    width = int((megapixels * 1e6 * 4 / 3) ** 0.5)
    height = int(width * 3 / 4)
    rng = np.random.default_rng(7)
    y, x = np.mgrid[0:height, 0:width]
    base = np.stack([x / width * 200, y / height * 180, (x + y) / (width + height) * 255], axis=-1)
    noise = rng.normal(0, 18, (height, width, 3))
    image = Image.fromarray(np.clip(base + noise, 0, 255).astype("uint8")).filter(ImageFilter.GaussianBlur(1))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=quality)
    return out.getvalue()


def percentiles(samples_ms: list[float]) -> dict:
    ordered = sorted(samples_ms)
    return {
        "p50": statistics.median(ordered),
        "p95": ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))],
        "mean": statistics.fmean(ordered),
    }


def print_table(title: str, header: list[str], rows: list[list]) -> None:
    print(f"\n{title}")
    widths = [max(len(str(cell)) for cell in column) for column in zip(header, *rows)]
    line = "  ".join(h.ljust(w) for h, w in zip(header, widths))
    print(line)
    print("-" * len(line))
    for row in rows:
        print("  ".join(str(cell).ljust(w) for cell, w in zip(row, widths)))


def server_setup(root: Path = ROOT, env: dict | None = None, email: str = "bench@example.com") -> tuple[dict, str]:
    """A fresh sqlite database under a temporary data folder, migrated, with an API key.

    Returns the server's environment (production settings, the echo engine unless
    `env` says otherwise) and the key."""
    environment = {
        **os.environ,
        "PAINTY_DATA_DIR": tempfile.mkdtemp(prefix="painty-bench-"),
        "DEBUG": "0",
        "SECRET_KEY": "bench-only-secret-key-" + "x" * 40,
        "PAINTY_ENGINE": "echo",
        "PAINTY_RATE_LIMIT": "100000/m",
        "PAINTY_SIGNUP_CREDITS": "1000000",
        "LOG_LEVEL": "WARNING",
        **(env or {}),
    }
    python = sys.executable
    subprocess.run([python, "manage.py", "migrate", "-v0"], cwd=root, env=environment, check=True)
    out = subprocess.run(
        [python, "manage.py", "create_api_key", email],
        cwd=root, env=environment, check=True, capture_output=True, text=True,
    )
    return environment, out.stdout.strip().splitlines()[-1]


@contextlib.contextmanager
def painty_server(workers: int = 1, threads: int = 1, env: dict | None = None, setup_key: bool = True):
    """Migrate a fresh sqlite database, create an API key, run gunicorn; yields (base_url, key)."""
    environment, key = server_setup(env=env)
    key = key if setup_key else None
    python = sys.executable
    port = free_port()
    server = subprocess.Popen(
        [python, "-m", "gunicorn", "painty.wsgi", "-b", f"127.0.0.1:{port}", "-w", str(workers),
         "--threads", str(threads), "--log-level", "warning", "--timeout", "300"],
        cwd=ROOT, env=environment,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        import requests

        deadline = time.time() + 30
        while True:
            try:
                requests.get(base + "/healthz", timeout=1)
                break
            except requests.RequestException:
                if time.time() > deadline or server.poll() is not None:
                    raise RuntimeError("the benchmark server did not start")
                time.sleep(0.2)
        yield base, key
    finally:
        server.terminate()
        server.wait(timeout=20)
