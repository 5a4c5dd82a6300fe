"""Load on one web machine: throughput, jobs in flight, 1,000 waiting requests, 1,000 event streams.

The server is gunicorn with painty/gunicorn.conf.py and 2 workers, serving
APP (`painty.asgi:application`, uvicorn workers) — or, with `--wsgi`, the old
`painty.wsgi` on gthread workers (`-k gthread --threads 8`), so one run can
measure the baseline and the new server the same way. Engine: echo; image: a
256-px JPEG. Rows, each in its own table with its targets in the title:

1. Throughput of POST /api/v1/photo next to a baseline upload view (a minimal
   Django view that parses the same multipart upload, bench/load_urls.py), 8
   clients. Targets: ≥ 70 % of the baseline and ≥ 110 answers 200 per second.
2. In flight: with PAINTY_ECHO_DELAY=10, how many jobs a burst holds running at
   once, and the memory of the processes.
3. 1,000 waiting synchronous requests: PAINTY_ECHO_DELAY=10,
   PAINTY_JOB_TIMEOUT=60, 1,000 POST /api/v1/photo sent at once over 50 accounts
   (20 each, under PAINTY_MAX_WAITING_PER_ACCOUNT). Targets: all 1,000 answered
   200, p99 ≤ 12 s, web RSS ≤ 1.5 GB, /healthz p99 ≤ 100 ms, PostgreSQL
   connections ≤ 50.
4. 1,000 open event streams: 1,000 jobs created with `Prefer: respond-async`,
   then GET /api/v1/jobs/{id}/events opened for all of them at once and read to
   the end. Spread over as many accounts as PAINTY_MAX_STREAMS_PER_ACCOUNT
   needs (at least 50). Targets: 1,000 streams see `succeeded`, /healthz p99 ≤
   100 ms, web RSS ≤ 1.5 GB, PostgreSQL connections ≤ 50.

Each latency runs from that request's own connect to its answer (for a stream:
to its final event); a request with no answer within the phase's 90 s counts
as slower than any answer. During rows 3 and 4 a probe opens a new connection
to /healthz every 100 ms (a failed or 10-s probe counts as slower than any),
the resident memory of the gunicorn tree (and, on the stack, of the Celery
workers) is sampled every 0.5 s, and on the stack so is the number of
PostgreSQL connections (pg_stat_activity, minus the sampler's own; a refused
sampler connection means max_connections was reached). The load
generator is one asyncio loop on raw sockets (it shares the machine's cores
with the server); the bench raises its open-file limit to the hard limit, and
gunicorn and Celery, started from it, inherit that limit.

    .venv/bin/python bench/load.py [--wsgi] [--waiters 1000] [--accounts 50]
        [--requests 400] [--concurrency 8] [--burst 48] [--worker-concurrency 2] [--io-pool gevent] [--io-concurrency 1000]
        [--skip-throughput] [--skip-in-flight] [--skip-waiters] [--skip-streams]

On the embedded defaults (sqlite, in-process jobs, local files) unless the
stack's environment is exported (`. DIR/env` after `.ci/stack.sh start DIR`):
then PostgreSQL, Redis, Celery and S3. The bench then starts its own two Celery
workers on a broker database of its own (/3): `-Q cpu -P prefork -c
{--worker-concurrency}` (which also takes Celery's default queue, for code that
routes nothing to `cpu`/`io`) and `-Q io -P {--io-pool} -c {--io-concurrency}` (gevent, as in production).
Loopback only; every loop is bounded in count and time, and every process the
bench starts is stopped on exit, Ctrl-C or SIGTERM."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import http.client
import io
import json
import math
import os
import resource
import runpy
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import ROOT, free_port, percentiles, print_table  # noqa: E402

APP = "painty.asgi:application"  # what gunicorn serves; --wsgi: WSGI_APP on gthread workers
WSGI_APP = "painty.wsgi"
ASGI_WORKER = "uvicorn_worker.UvicornWorker"
WSGI_THREADS = 8
GUNICORN_CONF = "painty/gunicorn.conf.py"
WEB_WORKERS = 2
DEFAULT_QUEUE = "celery"  # Celery's default queue: what code without the cpu/io split sends jobs to

PROMPT = "Make the background clean and bright"
TIME_LIMIT_SECONDS = 90  # per measured phase
HEALTHZ_EVERY = 0.1
HEALTHZ_TIMEOUT = 10.0
SAMPLE_EVERY = 0.5
FINISHED = ("succeeded", "failed", "expired")

# Targets printed next to the numbers.
TARGET_SHARE_OF_BASELINE = 0.70
TARGET_RPS = 110
TARGET_P99_S = 12
TARGET_WEB_RSS_MB = 1536
TARGET_HEALTHZ_P99_MS = 100
TARGET_PG_CONNECTIONS = 50


# --- Inputs and environment ------------------------------------------------------


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


def mode() -> str:
    return "stack: PostgreSQL + Redis + Celery + S3" if on_stack() else "embedded: sqlite, in-process jobs"


def raise_fd_limit() -> int:
    """Open files up to the hard limit: 1,000 sockets here, and as many in gunicorn, which inherits it."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard != resource.RLIM_INFINITY and soft < hard:
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    return resource.getrlimit(resource.RLIMIT_NOFILE)[0]


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
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True, text=True,
        timeout=300,
    ).stdout


# Run by `manage.py shell -c` in one process: users (created the way create_api_key
# creates them, so the post_save receiver books PAINTY_SIGNUP_CREDITS) and one key each.
KEYS_SCRIPT = """
import json, math, os
from django.conf import settings
from accounts.management.commands.create_api_key import get_or_create_user
from accounts.models import ApiKey
tag, least, per = os.environ["LOAD_TAG"], int(os.environ["LOAD_ACCOUNTS"]), os.environ["LOAD_PER_ACCOUNT_CAP"]
caps = {"waiting": settings.PAINTY_MAX_WAITING_PER_ACCOUNT, "stream": settings.PAINTY_MAX_STREAMS_PER_ACCOUNT}
count = max(least, math.ceil(int(os.environ["LOAD_REQUESTS"]) / caps[per])) if per else least
keys = [ApiKey.issue(get_or_create_user(f"load-{tag}-{i}@example.com")[0], "load")[1] for i in range(count)]
print("LOAD-KEYS " + json.dumps({"keys": keys, "caps": caps}))
"""


def api_keys(env, accounts: int, requests: int = 0, cap: str = "") -> tuple[list[str], dict]:
    """At least `accounts` accounts with one key each — more if `requests` spread over them
    would put an account over its `cap` ("waiting" or "stream"); and the caps in force."""
    out = manage(
        {**env, "LOAD_TAG": uuid.uuid4().hex[:8], "LOAD_ACCOUNTS": str(accounts),
         "LOAD_REQUESTS": str(requests), "LOAD_PER_ACCOUNT_CAP": cap},
        "shell", "-c", KEYS_SCRIPT,
    )
    line = next(line for line in reversed(out.splitlines()) if line.startswith("LOAD-KEYS "))
    data = json.loads(line.removeprefix("LOAD-KEYS "))
    return data["keys"], data["caps"]


# --- Processes ---------------------------------------------------------------------

STARTED: dict[int, subprocess.Popen] = {}  # process groups still running, for the exit handlers


def stop_group(proc: subprocess.Popen, grace: float = 10) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=grace)
    except subprocess.TimeoutExpired:  # requests still waiting on slow jobs
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
    # Engine processes and stray children stay in the group: make sure none outlives the bench.
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)
    STARTED.pop(proc.pid, None)


def stop_all() -> None:
    for proc in list(STARTED.values()):
        with contextlib.suppress(Exception):
            stop_group(proc, grace=3)


def on_signal(signum, _frame):
    # Unwind through every context manager (each stops what it started), then exit.
    raise KeyboardInterrupt(f"signal {signum}")


@contextlib.contextmanager
def process(args, env, log: Path | None = None):
    out = open(log, "ab") if log else subprocess.DEVNULL
    proc = subprocess.Popen(args, cwd=ROOT, env=env, start_new_session=True, stdout=out, stderr=subprocess.STDOUT
                            if log else subprocess.DEVNULL)
    STARTED[proc.pid] = proc
    try:
        yield proc
    finally:
        stop_group(proc)
        if log:
            out.close()


def conf_worker_class() -> str:
    """The worker class painty/gunicorn.conf.py sets (read without touching this process's environment)."""
    saved = dict(os.environ)
    try:
        return str(runpy.run_path(str(ROOT / GUNICORN_CONF)).get("worker_class", "sync"))
    except Exception:
        return "unknown"
    finally:
        os.environ.clear()
        os.environ.update(saved)


def gunicorn_command(args) -> tuple[list[str], str]:
    """The command line for the server under test, and its name for the tables."""
    command = [sys.executable, "-m", "gunicorn", "-c", GUNICORN_CONF]
    if args.wsgi:
        return (command + [WSGI_APP, "-k", "gthread", "--threads", str(WSGI_THREADS)],
                f"WSGI {WSGI_APP}, gunicorn {WEB_WORKERS} gthread workers × {WSGI_THREADS} threads")
    configured = conf_worker_class()
    if "uvicorn" not in configured.lower() and "asgi" not in configured.lower():
        # The conf still names a WSGI worker: serve the ASGI app on uvicorn's worker anyway.
        command += ["-k", ASGI_WORKER]
        configured = ASGI_WORKER
    return command + [args.app], f"ASGI {args.app}, gunicorn {WEB_WORKERS} × {configured.rsplit('.', 1)[-1]}"


@dataclass
class Server:
    port: int
    keys: list[str]
    caps: dict
    web: list[int]  # the gunicorn tree's root
    workers: list[int] = field(default_factory=list)  # the Celery workers' roots (stack only)
    env: dict = field(default_factory=dict)
    label: str = ""


def celery_workers(args, stack_: contextlib.ExitStack, env: dict) -> list[int]:
    """Two workers on the bench's own broker database: `cpu` (prefork) and `io` (threads)."""
    worker_env = {**env, "DJANGO_SETTINGS_MODULE": "painty.settings"}
    tag = uuid.uuid4().hex[:6]
    common = ["-l", "WARNING", "--without-mingle", "--without-gossip"]
    celery = [sys.executable, "-m", "celery", "-A", "painty", "worker"]
    names = [f"load-cpu-{tag}@localhost", f"load-io-{tag}@localhost"]
    cpu = stack_.enter_context(process(
        celery + ["-Q", f"cpu,{DEFAULT_QUEUE}", "-P", "prefork", "-c", str(args.worker_concurrency),
                  "-n", names[0], *common], worker_env))
    iow = stack_.enter_context(process(
        celery + ["-Q", "io", "-P", args.io_pool, "-c", str(args.io_concurrency), "-n", names[1], *common],
        worker_env))
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        ping = subprocess.run(
            celery[:-1] + ["inspect", "ping", "--timeout", "2", "-d", ",".join(names), "--json"],
            cwd=ROOT, env=worker_env, capture_output=True, text=True, timeout=30,
        )
        if ping.returncode == 0 and all(name in ping.stdout for name in names):
            return [cpu.pid, iow.pid]
        if cpu.poll() is not None or iow.poll() is not None:
            break
        time.sleep(0.5)
    raise RuntimeError("the Celery workers did not start")


@contextlib.contextmanager
def server(args, accounts: int = 1, requests: int = 0, cap: str = "", **extra):
    """gunicorn (and, on the stack, two Celery workers) with fresh API keys; yields a Server."""
    if on_stack():
        # A broker database of its own: only this run's workers take these jobs.
        extra.setdefault("CELERY_BROKER_URL", os.environ["CELERY_BROKER_URL"].rsplit("/", 1)[0] + "/3")
    env = environment(**extra)
    manage(env, "migrate", "-v0")
    keys, caps = api_keys(env, accounts, requests, cap)
    port = free_port()
    command, label = gunicorn_command(args)
    with contextlib.ExitStack() as stack_:
        gunicorn = stack_.enter_context(process(
            command, {**env, "GUNICORN_BIND": f"127.0.0.1:{port}", "WEB_CONCURRENCY": str(WEB_WORKERS)},
            log=args.server_log,
        ))
        workers = celery_workers(args, stack_, env) if on_stack() else []
        wait_ready(port, gunicorn)
        wait_settled([gunicorn.pid])
        yield Server(port, keys, caps, [gunicorn.pid], workers, env, label)


def wait_ready(port: int, proc: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        with contextlib.suppress(OSError):
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return
        time.sleep(0.2)
    raise RuntimeError("gunicorn did not start (see --server-log)")


# --- Measuring -----------------------------------------------------------------------


def tree(pid: int) -> list[int]:
    """`pid` and all its descendants."""
    children = Path(f"/proc/{pid}/task/{pid}/children")
    try:
        kids = [int(c) for c in children.read_text().split()]
    except OSError:
        kids = []
    return [pid] + [p for kid in kids for p in tree(kid)]


def cpu_seconds(roots: list[int]) -> float:
    """CPU time (user + system) used so far by the processes now in the trees under `roots`."""
    ticks = 0
    for pid in [p for root in roots for p in tree(root)]:
        with contextlib.suppress(OSError, IndexError, ValueError):
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            ticks += int(fields[11]) + int(fields[12])
    return ticks / os.sysconf("SC_CLK_TCK")


def service_pids() -> dict[str, list[int]]:
    """The stack's own services on this machine, found by process name: they share its cores."""
    found: dict[str, list[int]] = {"postgres": [], "redis": [], "s3 (moto)": []}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        with contextlib.suppress(OSError):
            comm = (entry / "comm").read_text().strip()
            cmdline = (entry / "cmdline").read_bytes()
            part = ("postgres" if comm == "postgres" else "redis" if comm.startswith("redis-server")
                    else "s3 (moto)" if b"moto_server" in cmdline else None)
            if part:
                found[part].append(int(entry.name))
    return found


def cpu_by_part(srv) -> dict[str, float]:
    """CPU seconds used so far by each part of the run: web, workers, services, the generator."""
    parts = {"web (gunicorn tree)": cpu_seconds(srv.web)}
    if on_stack():
        parts["Celery workers"] = cpu_seconds(srv.workers)
        parts.update({name: cpu_seconds(pids) for name, pids in service_pids().items()})
    parts["load generator (this process)"] = sum(os.times()[:2])
    return parts


def wait_settled(roots: list[int], idle_share: float = 0.05, window: float = 0.5, limit: float = 60) -> None:
    """Until the trees under `roots` use under `idle_share` of a core over `window` seconds.

    The first /healthz answer means one web process is up, not all of them: a burst sent
    while another is still importing Django and warming its engine lands on the first
    alone, and measures start-up instead of serving."""
    deadline = time.monotonic() + limit
    before = cpu_seconds(roots)
    while time.monotonic() < deadline:
        time.sleep(window)
        now = cpu_seconds(roots)
        if now - before < idle_share * window:
            return
        before = now
    raise RuntimeError(f"the server was still busy {limit:g} s after it answered /healthz")


def rss_mb(roots: list[int]) -> float:
    """Resident memory of the process trees under `roots`, in MB."""
    total_kb = 0
    for pid in [p for root in roots for p in tree(root)]:
        with contextlib.suppress(OSError):
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total_kb += int(line.split()[1])
    return total_kb / 1024


def quantile(samples: list[float], q: float) -> float:
    """Nearest-rank quantile; NaN for no samples."""
    if not samples:
        return math.nan
    ordered = sorted(samples)
    return ordered[max(0, math.ceil(q * len(ordered)) - 1)]


def seconds(value: float) -> str:
    """Seconds for a table; `inf` (no answer within the phase's limit) as "> limit"."""
    return "—" if math.isnan(value) else f"> {TIME_LIMIT_SECONDS}" if math.isinf(value) else f"{value:.1f}"


def millis(value: float, limit: float = HEALTHZ_TIMEOUT) -> str:
    if math.isnan(value):
        return "—"
    return f">{limit * 1000:.0f}" if math.isinf(value) else f"{value * 1000:.0f}"


def verdict(ok: bool) -> str:
    return "ok" if ok else "MISSED"


class Monitor:
    """While a phase runs: /healthz every 100 ms on a new connection each time (its own
    event loop in its own thread), and every 0.5 s the RSS of the web and worker trees
    and, on the stack, the number of PostgreSQL connections."""

    def __init__(self, srv: Server):
        self.srv = srv
        self.stop = threading.Event()
        self.healthz: list[float] = []  # seconds; inf for a probe that failed or timed out
        self.healthz_failed = 0
        self.web_peak = self.worker_peak = 0.0
        self.pg_peak: int | None = None
        self.pg_idle: int | None = None
        self.pg_refused = 0  # samples PostgreSQL refused ("too many clients"): the peak is its max_connections
        self.threads = [threading.Thread(target=self._probe_thread, daemon=True),
                        threading.Thread(target=self._sample_thread, daemon=True)]

    def __enter__(self):
        self.cpu_before = cpu_by_part(self.srv)
        self.web_idle = rss_mb(self.srv.web)
        self.worker_idle = rss_mb(self.srv.workers)
        if on_stack():
            with contextlib.suppress(Exception):
                self.pg_idle = pg_connections(self.srv.env["DATABASE_URL"])
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        for thread in self.threads:
            thread.join(timeout=HEALTHZ_TIMEOUT + 5)
        after = cpu_by_part(self.srv)
        self.cpu = {part: after[part] - self.cpu_before[part] for part in after}

    def _probe_thread(self):
        asyncio.run(self._probes())

    async def _probes(self):
        pending = set()
        request = f"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1:{self.srv.port}\r\nConnection: close\r\n\r\n".encode()
        deadline = time.monotonic() + TIME_LIMIT_SECONDS + 30
        while not self.stop.is_set() and time.monotonic() < deadline:
            task = asyncio.create_task(self._probe(request))
            pending.add(task)
            task.add_done_callback(pending.discard)
            await asyncio.sleep(HEALTHZ_EVERY)
        if pending:
            await asyncio.wait(pending, timeout=HEALTHZ_TIMEOUT + 1)
        for task in pending:
            task.cancel()

    async def _probe(self, request: bytes):
        started = time.perf_counter()
        try:
            status, _ = await asyncio.wait_for(exchange(self.srv.port, request), HEALTHZ_TIMEOUT)
            ok = status == 200
        except (OSError, asyncio.TimeoutError, ValueError, asyncio.IncompleteReadError):
            ok = False
        if ok:
            self.healthz.append(time.perf_counter() - started)
        else:
            self.healthz.append(math.inf)
            self.healthz_failed += 1

    def _sample_thread(self):
        conn = None
        deadline = time.monotonic() + TIME_LIMIT_SECONDS + 60
        try:
            while not self.stop.is_set() and time.monotonic() < deadline:
                self.web_peak = max(self.web_peak, rss_mb(self.srv.web))
                self.worker_peak = max(self.worker_peak, rss_mb(self.srv.workers))
                if on_stack():
                    conn = self._sample_postgres(conn)
                self.stop.wait(SAMPLE_EVERY)
        finally:
            if conn is not None:
                conn.close()

    def _sample_postgres(self, conn):
        """One sample of the connection count; a refused connection means max_connections was reached."""
        import psycopg

        try:
            if conn is None:
                conn = psycopg.connect(self.srv.env["DATABASE_URL"], autocommit=True, connect_timeout=5)
            count = conn.execute(PG_CONNECTIONS).fetchone()[0] - 1  # not the sampler's own
            self.pg_peak = max(self.pg_peak or 0, count)
        except psycopg.Error:
            self.pg_refused += 1
            if conn is not None:
                with contextlib.suppress(Exception):
                    conn.close()
            conn = None
        return conn

    def healthz_ms(self) -> tuple[str, str]:
        return millis(quantile(self.healthz, 0.5)), millis(quantile(self.healthz, 0.99))

    def healthz_ok(self) -> bool:
        return bool(self.healthz) and quantile(self.healthz, 0.99) <= TARGET_HEALTHZ_P99_MS / 1000

    def pg(self) -> str:
        if not on_stack():
            return "n/a (sqlite)"
        peak = "—" if self.pg_peak is None else str(self.pg_peak)
        refused = f", sampler refused {self.pg_refused}× (max_connections reached)" if self.pg_refused else ""
        return f"{peak} (idle {self.pg_idle if self.pg_idle is not None else '?'}{refused})"

    def pg_ok(self) -> bool:
        return self.pg_peak is not None and not self.pg_refused and self.pg_peak <= TARGET_PG_CONNECTIONS


PG_CONNECTIONS = "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"


def pg_connections(url: str) -> int:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        return conn.execute(PG_CONNECTIONS).fetchone()[0] - 1


# --- A cheap HTTP/1.1 client: one asyncio loop, raw sockets ---------------------------


def http_request(method: str, path: str, port: int, headers: dict, body: bytes = b"") -> bytes:
    lines = [f"{method} {path} HTTP/1.1", f"Host: 127.0.0.1:{port}", "Connection: close",
             *(f"{name}: {value}" for name, value in headers.items())]
    if body or method == "POST":
        lines.append(f"Content-Length: {len(body)}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body


async def read_response(reader: asyncio.StreamReader, on_data=None) -> tuple[int, bytes]:
    """Status and body of one response: by Content-Length, chunked, or until the server closes."""
    status_line = await reader.readline()
    if not status_line:
        raise ConnectionResetError("closed before the status line")
    status = int(status_line.split()[1])
    headers = {}
    while True:
        line = await reader.readline()
        if line in (b"\r\n", b"\n", b""):
            break
        name, _, value = line.decode("latin-1").partition(":")
        headers[name.strip().lower()] = value.strip()
    chunks: list[bytes] = []

    def got(data: bytes):
        chunks.append(data)
        if on_data:
            on_data(data)

    if "chunked" in headers.get("transfer-encoding", "").lower():
        while True:
            size = int((await reader.readline()).split(b";")[0].strip() or b"0", 16)
            if size == 0:
                break
            got(await reader.readexactly(size))
            await reader.readexactly(2)
    elif "content-length" in headers:
        got(await reader.readexactly(int(headers["content-length"])))
    else:
        while data := await reader.read(65536):
            got(data)
    return status, b"".join(chunks)


async def exchange(port: int, request: bytes, on_data=None) -> tuple[int, bytes]:
    reader, writer = await asyncio.open_connection("127.0.0.1", port, limit=1 << 20)
    try:
        writer.write(request)
        await writer.drain()
        return await read_response(reader, on_data)
    finally:
        writer.close()
        with contextlib.suppress(Exception):
            await writer.wait_closed()


@dataclass
class Outcome:
    status: int | str = "no answer"
    latency: float = math.inf  # seconds from this request's own connect to its answer (or its final event)
    body: bytes = b""
    final: str = ""  # event streams: the finished status of the last `status` event


def fire(port: int, requests: list[bytes], limit: float = TIME_LIMIT_SECONDS, events: bool = False) -> list[Outcome]:
    """Send every request at once, each on its own connection; wait at most `limit` seconds in all."""
    outcomes = [Outcome() for _ in requests]

    async def one(request: bytes, outcome: Outcome):
        started = time.perf_counter()
        buffer = bytearray()

        def sse(data: bytes):  # note when the final `status` event arrives
            buffer.extend(data)
            while b"\n\n" in buffer:
                block, _, rest = bytes(buffer).partition(b"\n\n")
                buffer[:] = rest
                lines = block.decode("utf-8", "replace").splitlines()
                if "event: status" not in lines:
                    continue
                payload = "".join(line[5:].strip() for line in lines if line.startswith("data:"))
                with contextlib.suppress(ValueError):
                    status = json.loads(payload).get("status", "")
                    if status in FINISHED and not outcome.final:
                        outcome.final = status
                        outcome.latency = time.perf_counter() - started

        try:
            status, body = await exchange(port, request, sse if events else None)
            outcome.status, outcome.body = status, body
            if not events:
                outcome.latency = time.perf_counter() - started
        except asyncio.CancelledError:
            outcome.status = "no answer in time"
            raise
        except (OSError, ValueError, asyncio.IncompleteReadError) as exc:
            outcome.status = type(exc).__name__

    async def run():
        tasks = [asyncio.create_task(one(request, outcome)) for request, outcome in zip(requests, outcomes)]
        _, pending = await asyncio.wait(tasks, timeout=limit)
        for task in pending:
            task.cancel()
        await asyncio.gather(*pending, return_exceptions=True)

    asyncio.run(run())
    return outcomes


def count(values) -> dict:
    counts: dict = {}
    for value in values:
        counts[value] = counts.get(value, 0) + 1
    return dict(sorted(counts.items(), key=lambda item: str(item[0])))


# --- 1. Throughput -----------------------------------------------------------------------


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


def throughput(args, image):
    body, content_type = multipart(image)
    with server(args) as srv:
        key = srv.keys[0]
        api_headers = {"Authorization": f"Bearer {key}", "Content-Type": content_type}
        base_headers = {"Content-Type": content_type}
        warm = max(20, args.requests // 10)
        load(srv.port, "/bench/baseline", base_headers, body, warm, args.concurrency)
        load(srv.port, "/api/v1/photo", api_headers, body, warm, args.concurrency)
        baseline = load(srv.port, "/bench/baseline", base_headers, body, args.requests, args.concurrency)
        painty = load(srv.port, "/api/v1/photo", api_headers, body, args.requests, args.concurrency)
    if not baseline["rps"]:
        raise SystemExit(f"the baseline view answered no 200s ({baseline['statuses']}): nothing to compare with")
    share = painty["rps"] / baseline["rps"]
    rows = [
        ["baseline upload view", f"{baseline['rps']:.1f}", f"{baseline['p50']:.1f}", f"{baseline['p95']:.1f}",
         "100 %", baseline["statuses"], ""],
        ["POST /api/v1/photo", f"{painty['rps']:.1f}", f"{painty['p50']:.1f}", f"{painty['p95']:.1f}",
         f"{100 * share:.0f} %", painty["statuses"],
         verdict(share >= TARGET_SHARE_OF_BASELINE and painty["rps"] >= TARGET_RPS)],
    ]
    print_table(
        f"Throughput — {srv.label}, echo engine, 256-px JPEG ({len(image)} B), {args.concurrency} clients, "
        f"{args.requests} requests per endpoint ({mode()})\n"
        f"Targets: POST /api/v1/photo ≥ {TARGET_SHARE_OF_BASELINE:.0%} of the baseline and ≥ {TARGET_RPS} 200s/s",
        ["endpoint", "200s/s", "p50 ms", "p95 ms", "of baseline", "statuses", "target"],
        rows,
    )
    return share, painty["rps"]


# --- 2. In flight --------------------------------------------------------------------------


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


def in_flight(args, image, delay: float = 10):
    body, content_type = multipart(image)
    limit = delay * 8
    # Enough accounts that none goes over PAINTY_MAX_WAITING_PER_ACCOUNT: this row is about the server.
    with server(args, requests=args.burst, cap="waiting", PAINTY_ECHO_DELAY=delay, PAINTY_JOB_TIMEOUT=limit) as srv:
        roots = srv.web + srv.workers
        idle = rss_mb(roots)
        keys = iter(srv.keys[i % len(srv.keys)] for i in range(args.burst))
        finished: list[float] = []
        peak = [0.0]
        most_running = [0]
        started = time.perf_counter()

        def one(key):
            conn = http.client.HTTPConnection("127.0.0.1", srv.port, timeout=limit * 2)
            headers = {"Authorization": f"Bearer {key}", "Content-Type": content_type}
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
                with contextlib.suppress(Exception):
                    most_running[0] = max(most_running[0], running_jobs(srv.env))
                time.sleep(0.5)

        sampler = threading.Thread(target=sample)
        sampler.start()
        with ThreadPoolExecutor(max_workers=args.burst) as pool:
            statuses = list(pool.map(one, keys))
        sampler.join()
    rows = [[
        args.burst,
        len(srv.keys),
        most_running[0],
        f"{max(finished):.1f}",
        count(statuses),
        f"{idle:.0f}",
        f"{peak[0]:.0f}",
    ]]
    print_table(
        f"In flight with PAINTY_ECHO_DELAY={delay:g} (each job holds {delay:g} s) — {srv.label}{celery_label(args)} ({mode()})",
        ["requests sent at once", "accounts", "most jobs running at once", "last done s",
         "statuses", "RSS idle MB", "RSS peak MB"],
        rows,
    )


# --- 3. 1,000 waiting synchronous requests -------------------------------------------------


def photo_requests(port: int, keys: list[str], total: int, body: bytes, content_type: str, **headers) -> list[tuple]:
    """`total` pre-built POST /api/v1/photo requests, round-robin over `keys`: (key, bytes)."""
    built = {key: http_request("POST", "/api/v1/photo", port, {
        "Authorization": f"Bearer {key}", "Content-Type": content_type, **headers}, body) for key in keys}
    return [(keys[i % len(keys)], built[keys[i % len(keys)]]) for i in range(total)]


def cpu_floor_row(cpu: dict[str, float]) -> list:
    """The least wall time the run's CPU work needs on this machine's cores: no answer can
    come later than the run's last, so the slowest answer is at least about this. `without
    the web`: what the parts sharing the web's cores (on the stack: PostgreSQL, Redis, S3,
    Celery; and the load generator) need of them on their own."""
    cores = len(os.sched_getaffinity(0))
    total = sum(cpu.values())
    others = total - cpu["web (gunicorn tree)"]
    return [f"CPU floor s (CPU s ÷ {cores} cores)", f"all {total / cores:.1f}, without the web {others / cores:.1f}",
            "", ""]


def monitor_rows(monitor) -> list[list]:
    """What the monitor saw during a run: memory, /healthz and, on the stack, the workers and PostgreSQL."""
    rows = [
        ["web RSS peak MB (gunicorn tree)", f"{monitor.web_peak:.0f} (idle {monitor.web_idle:.0f})",
         f"≤ {TARGET_WEB_RSS_MB}", verdict(monitor.web_peak <= TARGET_WEB_RSS_MB)],
        ["/healthz p50 / p99 ms", " / ".join(monitor.healthz_ms()), f"p99 ≤ {TARGET_HEALTHZ_P99_MS}",
         verdict(monitor.healthz_ok())],
        ["/healthz probes failed", f"{monitor.healthz_failed} of {len(monitor.healthz)}", "0", ""],
    ]
    rows.append(["CPU s during the run", ", ".join(f"{part} {used:.1f}" for part, used in monitor.cpu.items()),
                 "", ""])
    rows.append(cpu_floor_row(monitor.cpu))
    if on_stack():
        rows += [
            ["Celery workers RSS peak MB", f"{monitor.worker_peak:.0f} (idle {monitor.worker_idle:.0f})", "", ""],
            ["PostgreSQL connections peak", monitor.pg(), f"≤ {TARGET_PG_CONNECTIONS}",
             verdict(monitor.pg_ok())],
        ]
    return rows


def waiters(args, image, delay: float = 10, timeout: float = 60):
    body, content_type = multipart(image)
    total = args.waiters
    with server(args, accounts=args.accounts, requests=total, cap="waiting",
                PAINTY_ECHO_DELAY=delay, PAINTY_JOB_TIMEOUT=timeout) as srv:
        requests = photo_requests(srv.port, srv.keys, total, body, content_type)
        with Monitor(srv) as monitor:
            started = time.perf_counter()
            outcomes = fire(srv.port, [request for _, request in requests])
            wall = time.perf_counter() - started
    answered = [o.latency for o in outcomes if o.status == 200]
    every = [o.latency for o in outcomes]  # not answered 200 counts as later than any answer
    p50, p99 = quantile(every, 0.5), quantile(every, 0.99)
    per_account = math.ceil(total / len(srv.keys))
    rows = [
        ["answered 200", f"{len(answered)} of {total}", f"{total} of {total}", verdict(len(answered) == total)],
        ["statuses", count(o.status for o in outcomes), "all 200", ""],
        ["latency p50 s", seconds(p50), "", ""],
        ["latency p99 s", seconds(p99), f"≤ {TARGET_P99_S}", verdict(p99 <= TARGET_P99_S)],
        ["latency max s", seconds(max(every)), "", ""],
        ["latency max of the 200s s", seconds(max(answered)) if answered else "—", "", ""],
        *monitor_rows(monitor),
    ]
    rows.append(["wall s", f"{wall:.1f} (bounded at {TIME_LIMIT_SECONDS})", "", ""])
    print_table(
        f"{total:,} waiting synchronous requests — {srv.label}, PAINTY_ECHO_DELAY={delay:g}, "
        f"PAINTY_JOB_TIMEOUT={timeout:g}, {len(srv.keys)} accounts × {per_account} "
        f"(PAINTY_MAX_WAITING_PER_ACCOUNT={srv.caps['waiting']}){celery_label(args)} ({mode()})\n"
        f"Targets: all {total:,} answered 200, p99 ≤ {TARGET_P99_S} s, web RSS ≤ {TARGET_WEB_RSS_MB} MB, "
        f"/healthz p99 ≤ {TARGET_HEALTHZ_P99_MS} ms" + (f", PostgreSQL connections ≤ {TARGET_PG_CONNECTIONS}"
                                                         if on_stack() else ""),
        ["measure", "value", "target", ""],
        rows,
    )


def celery_label(args) -> str:
    return (f", Celery cpu prefork -c {args.worker_concurrency} + io {args.io_pool} -c {args.io_concurrency}"
            if on_stack() else ", jobs in-process")


# --- 4. 1,000 open event streams ---------------------------------------------------------


def streams(args, image, delay: float = 10, timeout: float = 60):
    body, content_type = multipart(image)
    total = args.waiters
    with server(args, accounts=args.accounts, requests=total, cap="stream",
                PAINTY_ECHO_DELAY=delay, PAINTY_JOB_TIMEOUT=timeout) as srv:
        requests = photo_requests(srv.port, srv.keys, total, body, content_type, Prefer="respond-async")
        started = time.perf_counter()
        created = fire(srv.port, [request for _, request in requests])
        create_wall = time.perf_counter() - started
        jobs = []
        for (key, _), outcome in zip(requests, created):
            if outcome.status == 202:
                with contextlib.suppress(ValueError, KeyError, TypeError):
                    jobs.append((key, json.loads(outcome.body)["data"]["jobId"]))
        opens = [http_request("GET", f"/api/v1/jobs/{job}/events", srv.port, {
            "Authorization": f"Bearer {key}", "Accept": "text/event-stream"}) for key, job in jobs]
        with Monitor(srv) as monitor:
            started = time.perf_counter()
            outcomes = fire(srv.port, opens, events=True) if opens else []
            wall = time.perf_counter() - started
    succeeded = [o.latency for o in outcomes if o.final == "succeeded"]
    every = [o.latency for o in outcomes] + [math.inf] * (total - len(outcomes))
    p50, p99 = quantile(every, 0.5), quantile(every, 0.99)
    per_account = math.ceil(total / len(srv.keys))
    rows = [
        ["jobs created (202)", f"{len(jobs)} of {total} in {create_wall:.1f} s", f"{total}",
         verdict(len(jobs) == total)],
        ["create statuses", count(o.status for o in created), "all 202", ""],
        ["streams that saw `succeeded`", f"{len(succeeded)} of {total}", f"{total} of {total}",
         verdict(len(succeeded) == total)],
        ["stream statuses", count(o.status for o in outcomes), "all 200", ""],
        ["final events", count(o.final or "none" for o in outcomes), "", ""],
        ["open → final event p50 s", seconds(p50), "", ""],
        ["open → final event p99 s", seconds(p99), "", ""],
        *monitor_rows(monitor),
    ]
    rows.append(["wall s (streams)", f"{wall:.1f} (bounded at {TIME_LIMIT_SECONDS})", "", ""])
    print_table(
        f"{total:,} open event streams — {srv.label}, PAINTY_ECHO_DELAY={delay:g}, jobs created with "
        f"Prefer: respond-async, {len(srv.keys)} accounts × {per_account} "
        f"(PAINTY_MAX_STREAMS_PER_ACCOUNT={srv.caps['stream']}){celery_label(args)} ({mode()})\n"
        f"Targets: all {total:,} streams see `succeeded`, /healthz p99 ≤ {TARGET_HEALTHZ_P99_MS} ms, "
        f"web RSS ≤ {TARGET_WEB_RSS_MB} MB" + (f", PostgreSQL connections ≤ {TARGET_PG_CONNECTIONS}"
                                               if on_stack() else ""),
        ["measure", "value", "target", ""],
        rows,
    )


# --- Main ---------------------------------------------------------------------------------


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--app", default=APP, help=f"the ASGI application gunicorn serves (default {APP})")
    parser.add_argument("--wsgi", action="store_true",
                        help=f"serve {WSGI_APP} on gthread workers (-k gthread --threads {WSGI_THREADS}): the baseline")
    parser.add_argument("--requests", type=int, default=400)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--burst", type=int, default=48)
    parser.add_argument("--waiters", type=int, default=1000,
                        help="requests sent at once (waiting requests and event streams)")
    parser.add_argument("--accounts", type=int, default=50, help="accounts the waiting load is spread over")
    parser.add_argument("--worker-concurrency", type=int, default=2,
                        help="Celery `cpu` queue: prefork processes (stack only)")
    parser.add_argument("--io-pool", choices=["gevent", "threads"], default="gevent",
                        help="the io worker's pool (default gevent, as .ci/stack.sh and docker-compose run it)")
    parser.add_argument("--io-concurrency", type=int, default=1000,
                        help="Celery `io` queue: greenlets or threads, per --io-pool (stack only)")
    parser.add_argument("--server-log", type=Path, help="append gunicorn's output to this file")
    parser.add_argument("--skip-throughput", action="store_true")
    parser.add_argument("--skip-in-flight", action="store_true")
    parser.add_argument("--skip-waiters", action="store_true")
    parser.add_argument("--skip-streams", action="store_true")
    args = parser.parse_args()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGHUP, on_signal)
    files = raise_fd_limit()
    if files < args.waiters * 2 + 100:
        print(f"warning: the open-file limit is {files}; {args.waiters} connections need about "
              f"{args.waiters * 2 + 100} here and in gunicorn", file=sys.stderr)
    image = jpeg_256()
    try:
        if not args.skip_throughput:
            share, rps = throughput(args, image)
            print(f"\nPainty reaches {100 * share:.0f} % of the baseline's throughput "
                  f"(target ≥ {TARGET_SHARE_OF_BASELINE:.0%}) and {rps:.0f} answers 200 per second "
                  f"(target ≥ {TARGET_RPS}).")
        if not args.skip_in_flight:
            in_flight(args, image)
        if not args.skip_waiters:
            waiters(args, image)
        if not args.skip_streams:
            streams(args, image)
    finally:
        stop_all()


if __name__ == "__main__":
    main()
