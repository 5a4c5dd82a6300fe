"""Peak memory of the server for tiny files that describe huge work ("bombs").

Starts gunicorn the way the README does (painty/gunicorn.conf.py, its default
2 workers × 8 threads, the `local` engine), sends each case of a bomb corpus
alone and then four at once, and samples the resident memory of the whole
process tree (gunicorn, its workers and any engine processes they start) from
/proc every 50 ms. Reports, next to the idle baseline row: peak growth over
idle, status codes, wall time, and the growth still held one second after the
answer (memory given back or not).

Targets: one request grows the tree by < 1 GB, four at once by < 2 GB, and the
memory comes back afterwards.

    .venv/bin/python bench/memory.py [--cases png7000,gif200_up4] [--four png7000,jpeg12mp]
                                     [--root DIR]   # run another checkout's code, e.g. for a before/after

Loopback only; every request is bounded in time."""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import signal
import subprocess
import sys
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import free_port, photo_jpeg, print_table, server_setup  # noqa: E402

SEED_PROMPT = "Make the background clean and bright"
REQUEST_TIMEOUT = 300


# --- The corpus: small files, big work ----------------------------------------

def _shapes(size, mode, frame=0):
    from PIL import Image, ImageDraw

    w, h = size
    image = Image.new(mode, size, (40, 90, 160, 255) if mode == "RGBA" else (40, 90, 160))
    draw = ImageDraw.Draw(image)
    r = min(w, h) // 4
    cx = w // 2 + (frame % 10) * w // 100
    draw.ellipse([cx - r, h // 2 - r, cx + r, h // 2 + r], fill=(240, 200, 40, 255) if mode == "RGBA" else (240, 200, 40))
    if mode == "RGBA":
        draw.rectangle([0, 0, w // 8, h // 8], fill=(0, 0, 0, 0))
    return image


def _paletted(image):
    from PIL import Image

    return image.convert("P", palette=Image.Palette.ADAPTIVE, colors=4)  # no dithering: flat areas stay tiny


def _save(frames, fmt, **options) -> bytes:
    out = io.BytesIO()
    if len(frames) > 1:
        frames[0].save(out, fmt, save_all=True, append_images=frames[1:], **options)
    else:
        frames[0].save(out, fmt, **options)
    return out.getvalue()


def corpus() -> dict[str, tuple[str, bytes, str]]:
    """name → (description, file bytes, prompt)."""
    png7000 = _save([_shapes((7000, 7000), "RGBA")], "PNG", compress_level=9)
    gif200 = _save([_paletted(_shapes((500, 500), "RGB", i)) for i in range(200)], "GIF", duration=40, loop=0)
    gif4 = _save([_paletted(_shapes((7000, 7000), "RGB", i)) for i in range(4)], "GIF", duration=100, loop=0)
    apng = _save([_shapes((4000, 4000), "RGBA", i) for i in range(10)], "PNG", compress_level=9)
    webp = _save([_shapes((2000, 2000), "RGB", i) for i in range(20)], "WEBP", quality=50, method=0)
    mid = photo_jpeg(3.0)
    jpeg12 = photo_jpeg(12.0)
    return {
        "png7000": (f"PNG 7000² RGBA {len(png7000) // 1024} KB", png7000, SEED_PROMPT),
        "gif200": (f"GIF 500² × 200 frames {len(gif200) // 1024} KB", gif200, SEED_PROMPT),
        "gif200_up4": ("same GIF, 'upscale 4x'", gif200, "upscale 4x"),
        "gif4x7000": (f"GIF 7000² × 4 frames {len(gif4) // 1024} KB", gif4, SEED_PROMPT),
        "apng": (f"APNG 4000² × 10 frames {len(apng) // 1024} KB", apng, SEED_PROMPT),
        "webp_anim": (f"WebP 2000² × 20 frames {len(webp) // 1024} KB", webp, SEED_PROMPT),
        "mid_up4": (f"JPEG 3 MP, 'upscale 4x' {len(mid) // 1024} KB", mid, "upscale 4x"),
        "jpeg12mp": (f"JPEG 12 MP {len(jpeg12) // 1024} KB", jpeg12, SEED_PROMPT),
    }


# --- Memory of a process tree ---------------------------------------------------

def tree_pids(root: int) -> list[int]:
    """`root` and all its descendants, from every process's parent in /proc."""
    parents: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        with contextlib.suppress(OSError, IndexError, ValueError):
            stat = Path(f"/proc/{entry.name}/stat").read_text()
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            parents.setdefault(ppid, []).append(int(entry.name))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(parents.get(pid, []))
    return found


def rss_mb(root: int) -> float:
    total_kb = 0
    for pid in tree_pids(root):
        with contextlib.suppress(OSError):
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total_kb += int(line.split()[1])
                    break
    return total_kb / 1024


class Sampler:
    """Peak RSS of a process tree, sampled every 50 ms in a thread."""

    def __init__(self, root: int):
        self.root, self.peak, self._stop = root, 0.0, threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self):
        while not self._stop.is_set():
            self.peak = max(self.peak, rss_mb(self.root))
            self._stop.wait(0.05)

    def __enter__(self):
        self.peak = rss_mb(self.root)
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()


# --- The server -------------------------------------------------------------------

@contextlib.contextmanager
def server(root: Path, extra_env: dict):
    env, key = server_setup(
        root,
        {
            "PYTHONPATH": str(root),
            "PAINTY_ENGINE": "local",
            "PAINTY_RATE_LIMIT": "1000000/m",
            "GUNICORN_ACCESS_LOG": "/dev/null",
            **extra_env,
        },
        email=f"memory-{uuid.uuid4().hex[:8]}@example.com",
    )
    python = sys.executable
    port = free_port()
    proc = subprocess.Popen(
        [python, "-m", "gunicorn", "-c", "painty/gunicorn.conf.py", "painty.asgi:application"],
        cwd=root, env={**env, "GUNICORN_BIND": f"127.0.0.1:{port}"}, start_new_session=True,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        import requests

        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            with contextlib.suppress(requests.RequestException):
                if requests.get(base + "/healthz", timeout=2).status_code == 200:
                    break
            if time.monotonic() > deadline or proc.poll() is not None:
                raise RuntimeError("gunicorn did not start")
            time.sleep(0.2)
        yield base, key, proc.pid
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)


def post(base, key, data, prompt) -> tuple[int, float, str]:
    import requests

    started = time.perf_counter()
    response = requests.post(
        base + "/api/v1/photo", headers={"Authorization": f"Bearer {key}"},
        data={"prompt": prompt}, files={"image": ("upload", data)}, timeout=REQUEST_TIMEOUT,
    )
    message = "" if response.ok else response.json()["error"]["message"]
    return response.status_code, time.perf_counter() - started, message


def measure(base, key, pid, data, prompt, copies: int) -> dict:
    before = rss_mb(pid)
    with Sampler(pid) as sampler, ThreadPoolExecutor(copies) as pool:
        results = list(pool.map(lambda _: post(base, key, data, prompt), range(copies)))
    time.sleep(1.0)
    after = rss_mb(pid)
    return {
        "before": before,
        "peak": sampler.peak - before,
        "after": after - before,
        "statuses": "/".join(sorted({str(status) for status, _, _ in results})),
        "seconds": max(seconds for _, seconds, _ in results),
        "message": next((m for _, _, m in results if m), ""),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=Path(__file__).resolve().parent.parent)
    parser.add_argument("--cases", default="", help="comma list of case names (default: all)")
    parser.add_argument("--four", default="png7000,gif200_up4,jpeg12mp", help="cases also sent four at once")
    parser.add_argument("--env", action="append", default=[], help="NAME=VALUE for the server, repeatable")
    parser.add_argument("--messages", action="store_true", help="print the error message of refused cases")
    args = parser.parse_args()
    cases = corpus()
    names = [n for n in args.cases.split(",") if n] or list(cases)
    four = [n for n in args.four.split(",") if n]
    extra_env = dict(item.split("=", 1) for item in args.env)
    rows, messages = [], []
    with server(args.root, extra_env) as (base, key, pid):
        # Warm both workers (model loaded, imports done) before the idle baseline.
        warm = photo_jpeg(0.3)
        with ThreadPoolExecutor(4) as pool:
            list(pool.map(lambda _: post(base, key, warm, SEED_PROMPT), range(4)))
        time.sleep(1.0)
        idle = rss_mb(pid)
        rows.append(["baseline (idle, warmed)", "", f"{idle:.0f}", "", "", "", ""])
        runs = [(name, 1) for name in names] + [(name, 4) for name in four]
        for name, copies in runs:
            description, data, prompt = cases[name]
            result = measure(base, key, pid, data, prompt, copies)
            rows.append([
                name if copies == 1 else f"{name} ×4 at once", description,
                f"{result['before']:.0f}", f"{result['peak']:+.0f}", result["statuses"],
                f"{result['seconds']:.1f}", f"{result['after']:+.0f}",
            ])
            if result["message"]:
                messages.append(f"{name}: {result['message']}")
    print_table(
        f"Server RSS (whole process tree), gunicorn -c painty/gunicorn.conf.py, local engine, code from {args.root}",
        ["case", "file", "RSS before MB", "peak growth MB", "status", "seconds", "held after 1 s MB"],
        rows,
    )
    if args.messages:
        print()
        print("\n".join(messages))


if __name__ == "__main__":
    main()
