"""Throughput and latency of POST /api/v1/photo under gunicorn, next to a baseline.

Both run in the same gunicorn (painty/gunicorn.conf.py, 2 workers) in the same
run: the baseline is a minimal Django view that accepts the same multipart upload
and answers JSON (bench/load_urls.py). Engine: echo; image: a 256-px JPEG.
Target: Painty ≥ 70 % of the baseline's throughput.

Then, with PAINTY_ECHO_DELAY=10 (a slow model), how many jobs the stack holds
in flight at once and the memory of its processes.

    .venv/bin/python bench/load.py [--requests 400] [--concurrency 8] [--burst 48]

On the embedded defaults (sqlite, in-process jobs, local files) unless the
stack's environment is exported (`. DIR/env` after `.ci/stack.sh start DIR`):
then PostgreSQL, Redis, Celery workers and S3 — and the Celery worker's memory
is counted too. Loopback only; every loop is bounded in count and time."""

from __future__ import annotations

import argparse
import contextlib
import http.client
import io
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import ROOT, free_port, percentiles, print_table  # noqa: E402

PROMPT = "Make the background clean and bright"
TIME_LIMIT_SECONDS = 90  # per measured phase


def jpeg_256() -> bytes:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (256, 256), (40, 90, 160))
    ImageDraw.Draw(image).ellipse([64, 64, 192, 192], fill=(240, 200, 40))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=90)
    return out.getvalue()


def multipart(image: bytes) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    body = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="prompt"\r\n\r\n{PROMPT}\r\n'
        f'--{boundary}\r\nContent-Disposition: form-data; name="image"; filename="photo.jpg"\r\n'
        f"Content-Type: image/jpeg\r\n\r\n"
    ).encode() + image + f"\r\n--{boundary}--\r\n".encode()
    return body, f"multipart/form-data; boundary={boundary}"


def on_stack() -> bool:
    return bool(os.environ.get("DATABASE_URL") and os.environ.get("CELERY_BROKER_URL"))


def environment(**extra) -> dict:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.load_settings",
        "DEBUG": "0",
        "SECRET_KEY": os.environ.get("SECRET_KEY") or "bench-only-secret-key-" + "x" * 40,
        "PAINTY_ENGINE": "echo",
        "PAINTY_RATE_LIMIT": "1000000/m",
        "PAINTY_SIGNUP_CREDITS": "1000000",
        "LOG_LEVEL": "WARNING",
        "GUNICORN_ACCESS_LOG": "/dev/null",
    }
    if not on_stack():
        env["PAINTY_DATA_DIR"] = tempfile.mkdtemp(prefix="painty-load-")
    env.update({k: str(v) for k, v in extra.items()})
    return env


def manage(env, *args) -> str:
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    ).stdout


@contextlib.contextmanager
def process(args, env):
    proc = subprocess.Popen(args, cwd=ROOT, env=env, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        yield proc
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:  # requests still waiting on slow jobs
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)


@contextlib.contextmanager
def stack(worker_concurrency: int = 2, **extra):
    """gunicorn (and, on the stack, a Celery worker) with a fresh API key; yields (port, key, pids, env)."""
    if on_stack():
        # A broker database of its own: only this run's worker takes these jobs.
        extra.setdefault("CELERY_BROKER_URL", os.environ["CELERY_BROKER_URL"].rsplit("/", 1)[0] + "/3")
    env = environment(**extra)
    manage(env, "migrate", "-v0")
    key = manage(env, "create_api_key", f"load-{uuid.uuid4().hex[:8]}@example.com").strip().splitlines()[-1]
    port = free_port()
    with contextlib.ExitStack() as stack_:
        gunicorn = stack_.enter_context(process(
            [sys.executable, "-m", "gunicorn", "-c", "painty/gunicorn.conf.py", "painty.wsgi"],
            {**env, "GUNICORN_BIND": f"127.0.0.1:{port}", "WEB_CONCURRENCY": "2"},
        ))
        roots = [gunicorn.pid]
        if on_stack():
            worker = stack_.enter_context(process(
                [sys.executable, "-m", "celery", "-A", "painty", "worker", "-c", str(worker_concurrency),
                 "-l", "WARNING",
                 "-n", f"load-{uuid.uuid4().hex[:6]}@localhost", "--without-mingle", "--without-gossip"],
                {**env, "DJANGO_SETTINGS_MODULE": "painty.settings"},
            ))
            roots.append(worker.pid)
        wait_ready(port)
        if on_stack():
            time.sleep(3)  # let the worker connect before the clock starts
        yield port, key, roots, env


def wait_ready(port: int) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError):
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return
        time.sleep(0.2)
    raise RuntimeError("gunicorn did not start")


def load(port, path, headers, body, total, concurrency) -> dict:
    """`total` POSTs over `concurrency` keep-alive connections; bounded by TIME_LIMIT_SECONDS."""
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    lock = threading.Lock()
    remaining = [total]
    stop_at = time.monotonic() + TIME_LIMIT_SECONDS

    def client():
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        while time.monotonic() < stop_at:
            with lock:
                if remaining[0] <= 0:
                    break
                remaining[0] -= 1
            started = time.perf_counter()
            conn.request("POST", path, body=body, headers=headers)
            response = conn.getresponse()
            response.read()
            elapsed = (time.perf_counter() - started) * 1000
            with lock:
                latencies.append(elapsed)
                statuses[response.status] = statuses.get(response.status, 0) + 1
        conn.close()

    started = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    # Throughput counts only 200s: a server answering 429/5xx fast must not look faster.
    return {"rps": statuses.get(200, 0) / wall, "statuses": statuses, **percentiles(latencies)}


def running_jobs(env) -> int:
    """Jobs in status 'running' right now, read straight from the database."""
    query = "SELECT COUNT(*) FROM photos_job WHERE status = 'running'"
    if env.get("DATABASE_URL"):
        import psycopg

        with psycopg.connect(env["DATABASE_URL"], autocommit=True) as conn:
            return conn.execute(query).fetchone()[0]
    import sqlite3

    with contextlib.closing(sqlite3.connect(Path(env["PAINTY_DATA_DIR"]) / "painty.sqlite3", timeout=5)) as conn:
        return conn.execute(query).fetchone()[0]


def rss_mb(roots: list[int]) -> float:
    """Resident memory of the process trees under `roots`, in MB."""
    def tree(pid):
        children = Path(f"/proc/{pid}/task/{pid}/children")
        kids = [int(c) for c in children.read_text().split()] if children.exists() else []
        return [pid] + [p for kid in kids for p in tree(kid)]

    total_kb = 0
    for pid in [p for root in roots for p in tree(root)]:
        with contextlib.suppress(OSError):
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total_kb += int(line.split()[1])
    return total_kb / 1024


def throughput(args, image):
    body, content_type = multipart(image)
    with stack(args.worker_concurrency) as (port, key, _, _env):
        api_headers = {"Authorization": f"Bearer {key}", "Content-Type": content_type}
        base_headers = {"Content-Type": content_type}
        warm = max(20, args.requests // 10)
        load(port, "/bench/baseline", base_headers, body, warm, args.concurrency)
        load(port, "/api/v1/photo", api_headers, body, warm, args.concurrency)
        baseline = load(port, "/bench/baseline", base_headers, body, args.requests, args.concurrency)
        painty = load(port, "/api/v1/photo", api_headers, body, args.requests, args.concurrency)
    if not baseline["rps"]:
        raise SystemExit(f"the baseline view answered no 200s ({baseline['statuses']}): nothing to compare with")
    rows = [
        ["baseline upload view", f"{baseline['rps']:.1f}", f"{baseline['p50']:.1f}", f"{baseline['p95']:.1f}",
         "100 %", baseline["statuses"]],
        ["POST /api/v1/photo", f"{painty['rps']:.1f}", f"{painty['p50']:.1f}", f"{painty['p95']:.1f}",
         f"{100 * painty['rps'] / baseline['rps']:.0f} %", painty["statuses"]],
    ]
    mode = "stack: PostgreSQL + Redis + Celery + S3" if on_stack() else "embedded: sqlite, in-process jobs"
    print_table(
        f"Throughput, gunicorn 2 workers × {os.environ.get('GUNICORN_THREADS', '8')} threads, echo engine, "
        f"256-px JPEG ({len(image)} B), {args.concurrency} clients, {args.requests} requests per endpoint ({mode})",
        ["endpoint", "200s/s", "p50 ms", "p95 ms", "of baseline", "statuses"],
        rows,
    )
    return painty["rps"] / baseline["rps"]


def in_flight(args, image, delay: float = 10):
    body, content_type = multipart(image)
    limit = delay * 8
    with stack(args.worker_concurrency, PAINTY_ECHO_DELAY=delay, PAINTY_JOB_TIMEOUT=limit) as (port, key, roots, env):
        idle = rss_mb(roots)
        headers = {"Authorization": f"Bearer {key}", "Content-Type": content_type}
        finished: list[float] = []
        peak = [0.0]
        most_running = [0]
        started = time.perf_counter()

        def one(_):
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=limit * 2)
            try:
                conn.request("POST", "/api/v1/photo", body=body, headers=headers)
                status = conn.getresponse().status
            except OSError:  # still queued when the client gave up
                status = "client timeout"
            finished.append(time.perf_counter() - started)
            return status

        def sample():
            while len(finished) < args.burst and time.perf_counter() - started < limit * 2:
                peak[0] = max(peak[0], rss_mb(roots))
                most_running[0] = max(most_running[0], running_jobs(env))
                time.sleep(0.5)

        sampler = threading.Thread(target=sample)
        sampler.start()
        with ThreadPoolExecutor(max_workers=args.burst) as pool:
            statuses = list(pool.map(one, range(args.burst)))
        sampler.join()
    rows = [[
        args.burst,
        most_running[0],
        f"{max(finished):.1f}",
        {s: statuses.count(s) for s in set(statuses)},
        f"{idle:.0f}",
        f"{peak[0]:.0f}",
    ]]
    workers = f", Celery worker -c {args.worker_concurrency}" if on_stack() else ", jobs in-process"
    print_table(
        f"In flight with PAINTY_ECHO_DELAY={delay:g} (each job holds {delay:g} s), gunicorn 2 × "
        f"{os.environ.get('GUNICORN_THREADS', '8')} threads{workers}",
        ["requests sent at once", "most jobs running at once", "last done s",
         "statuses", "RSS idle MB", "RSS peak MB"],
        rows,
    )


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=400)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--burst", type=int, default=48)
    parser.add_argument("--skip-in-flight", action="store_true")
    parser.add_argument("--worker-concurrency", type=int, default=4, help="Celery worker processes (stack only)")
    args = parser.parse_args()
    image = jpeg_256()
    ratio = throughput(args, image)
    print(f"\nPainty reaches {100 * ratio:.0f} % of the baseline's throughput (target ≥ 70 %).")
    if not args.skip_in_flight:
        in_flight(args, image)


if __name__ == "__main__":
    main()
