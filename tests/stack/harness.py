"""Processes for the `stack` tests: gunicorn and Celery workers started per test
against the stack's committed database (DATABASE_URL as given, not pytest-django's
test database), plus direct SQL to check jobs and the ledger afterwards."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import datetime, timezone
from urllib.parse import parse_qs, urlparse
from contextlib import contextmanager
from pathlib import Path

import psycopg
import requests

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
STACK_ENV = ("DATABASE_URL", "REDIS_URL", "CELERY_BROKER_URL", "AWS_S3_ENDPOINT_URL", "AWS_STORAGE_BUCKET_NAME")


def missing_stack() -> list[str]:
    missing = [name for name in STACK_ENV if not os.environ.get(name)]
    if os.environ.get("PAINTY_STORAGE") != "s3":
        missing.append("PAINTY_STORAGE=s3")
    return missing


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_env(**overrides) -> dict:
    """The environment of a production process on the stack: painty.settings, not the test settings."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_", "PAINTY_DATA_DIR"))}
    env.update(
        DJANGO_SETTINGS_MODULE="painty.settings",
        DEBUG="0",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        PAINTY_ENGINE="echo",
        PAINTY_RATE_LIMIT="100000/m",
        PAINTY_DATA_DIR=str(free_dir()),
        PYTHONUNBUFFERED="1",
    )
    env.update({k: str(v) for k, v in overrides.items()})
    return env


def broker_db(number: int) -> str:
    """A private broker (another Redis database) so a test's own worker gets its jobs and no one else's."""
    base = os.environ["CELERY_BROKER_URL"].rsplit("/", 1)[0]
    return f"{base}/{number}"


def send_task(name: str, *args):
    """Enqueue a task on the stack's broker, for the stack's own worker."""
    from celery import Celery

    client = Celery("painty-tests", broker=os.environ["CELERY_BROKER_URL"])
    client.send_task(name, args=args)
    client.close()


def manage(*args, env=None) -> str:
    out = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env or server_env(),
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return out.stdout


def new_api_key(credits: int) -> tuple[str, str]:
    """A fresh user with `credits` signup credits in the stack database; returns (email, raw key)."""
    email = f"stack-{uuid.uuid4().hex[:12]}@example.com"
    out = manage("create_api_key", email, env=server_env(PAINTY_SIGNUP_CREDITS=credits))
    return email, out.strip().splitlines()[-1]


def stay_in_one_rate_window(raw_key: str, period: int, seconds_needed: float) -> None:
    """Wait, if need be, until the key's django-ratelimit window has `seconds_needed` left.

    The server counts a key's requests in fixed windows that end at a per-key moment
    (django_ratelimit.core._get_window); a test whose requests straddle it would see
    the count start over."""
    from django_ratelimit.core import _get_window

    from accounts.models import digest

    left = _get_window(digest(raw_key), period) - time.time()
    if left < seconds_needed:
        time.sleep(left + 1)


def free_dir() -> Path:
    return Path(tempfile.mkdtemp(prefix="painty-stack-"))


class Process:
    def __init__(self, args, env, log_name):
        self.log = free_dir() / log_name
        self.proc = subprocess.Popen(
            args, cwd=ROOT, env=env, stdout=self.log.open("wb"), stderr=subprocess.STDOUT, start_new_session=True
        )

    @property
    def pid(self) -> int:
        return self.proc.pid

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def children(self) -> list[int]:
        path = Path(f"/proc/{self.pid}/task/{self.pid}/children")
        return [int(pid) for pid in path.read_text().split()] if path.exists() else []

    def kill_group(self, sig=signal.SIGKILL):
        try:
            os.killpg(self.pid, sig)
        except ProcessLookupError:
            pass
        self.proc.wait(timeout=30)

    def stop(self):
        if self.proc.poll() is None:
            os.killpg(self.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill_group()


@contextmanager
def gunicorn(workers=2, **env):
    """gunicorn with the project's config file on a free loopback port; yields its base URL."""
    port = free_port()
    proc = Process(
        [str(BIN / "gunicorn"), "-c", "painty/gunicorn.conf.py", "painty.asgi:application"],
        server_env(GUNICORN_BIND=f"127.0.0.1:{port}", WEB_CONCURRENCY=workers, **env),
        "gunicorn.log",
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until(lambda: _answers(base + "/healthz"), 60, "gunicorn did not start", proc)
        yield base
    finally:
        proc.stop()


@contextmanager
def celery_worker(concurrency=1, queues="cpu,io,celery", pool="prefork", **env):
    """A Celery worker of our own (to kill it, or to give it other settings). By default one
    prefork worker takes every queue; production runs `cpu` and `io` on workers of their own."""
    name = f"test-{uuid.uuid4().hex[:8]}@localhost"
    proc = Process(
        [str(BIN / "celery"), "-A", "painty", "worker", "-c", str(concurrency), "-n", name, "-l", "INFO",
         "-Q", queues, "-P", pool, "--without-mingle", "--without-gossip"],
        server_env(**env),
        "worker.log",
    )
    try:
        wait_until(lambda: " ready." in proc.output(), 60, "the Celery worker did not start", proc)
        yield proc
    finally:
        proc.stop()


def _answers(url) -> bool:
    try:
        return requests.get(url, timeout=2).status_code == 200
    except requests.RequestException:
        return False


def wait_until(check, seconds, message, proc: Process | None = None, every=0.1):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return
        if proc is not None and proc.proc.poll() is not None:
            raise AssertionError(f"{message}: process exited\n{proc.output()[-3000:]}")
        time.sleep(every)
    raise AssertionError(f"{message} within {seconds}s" + (f"\n{proc.output()[-3000:]}" if proc else ""))


def link_deadline(url) -> tuple[float, int]:
    """(when S3 stops honouring a presigned URL, its lifetime in seconds)."""
    query = parse_qs(urlparse(url).query)
    assert query["X-Amz-Algorithm"] == ["AWS4-HMAC-SHA256"]
    signed_at = datetime.strptime(query["X-Amz-Date"][0], "%Y%m%dT%H%M%SZ").replace(tzinfo=timezone.utc)
    lifetime = int(query["X-Amz-Expires"][0])
    return signed_at.timestamp() + lifetime, lifetime


def post_photo(base, key, image: bytes, prompt="Make the background clean and bright", timeout=120, headers=None):
    return requests.post(
        base + "/api/v1/photo",
        headers={"Authorization": f"Bearer {key}", **(headers or {})},
        data={"prompt": prompt},
        files={"image": ("photo.jpg", image, "image/jpeg")},
        timeout=timeout,
    )


# --- the stack database, read directly ---------------------------------------


def sql(query: str, *params):
    with psycopg.connect(os.environ["DATABASE_URL"], autocommit=True) as conn:
        return conn.execute(query, params).fetchall()


def jobs_of(email) -> list[tuple]:
    """(id, status, error_code) of every job of the user."""
    return sql(
        "SELECT j.id, j.status, j.error_code FROM photos_job j JOIN auth_user u ON u.id = j.user_id "
        "WHERE u.email = %s ORDER BY j.id",
        email,
    )


def ledger_of(email) -> dict:
    """The user's cached balance, the ledger's sum, and the entries by kind."""
    balance, ledger_sum = sql(
        "SELECT a.balance, COALESCE(SUM(e.amount), 0) FROM billing_creditaccount a "
        "JOIN auth_user u ON u.id = a.user_id LEFT JOIN billing_ledgerentry e ON e.account_id = a.id "
        "WHERE u.email = %s GROUP BY a.balance",
        email,
    )[0]
    rows = sql(
        "SELECT e.kind, e.job_id FROM billing_ledgerentry e JOIN billing_creditaccount a ON a.id = e.account_id "
        "JOIN auth_user u ON u.id = a.user_id WHERE u.email = %s",
        email,
    )
    kinds: dict[str, list] = {}
    for kind, job_id in rows:
        kinds.setdefault(kind, []).append(job_id)
    return {"balance": balance, "sum": ledger_sum, "entries": kinds}


def assert_failed_and_refunded(response, email, status: int, code: str, balance: int) -> int:
    """A JSON error `status`/`code`; the user's one job failed with it and was refunded once."""
    assert response.status_code == status, response.text
    assert response.json()["status"] == "error"
    assert response.json()["error"]["code"] == code
    [(job_id, job_status, job_code)] = jobs_of(email)
    assert (job_status, job_code) == ("failed", code)
    ledger = ledger_of(email)
    assert ledger["balance"] == ledger["sum"] == balance
    assert ledger["entries"]["refund"] == [job_id]
    return job_id
