"""Production wiring: readiness probes, `check --deploy`, the gunicorn config (uvicorn workers), JSON logs,
Celery settings."""

import asyncio
import io
import json
import logging
import os
import runpy
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from celery import Celery

from painty import celery as painty_celery
from painty.logformat import JsonFormatter
from painty.middleware import RequestIdFilter, request_id_var
from tests.stack.harness import free_port

ROOT = Path(__file__).resolve().parents[1]


def test_healthz_answers_without_touching_dependencies(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_readyz_is_ok_on_the_embedded_defaults(db, client):
    response = client.get("/readyz", HTTP_X_REQUEST_ID="ready-1")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "ok", "cache": "ok", "storage": "ok", "broker": "ok"},
    }
    assert response["X-Request-Id"] == "ready-1"


def test_readyz_probes_a_reachable_broker(db, client, settings):
    settings.CELERY_BROKER_URL = "memory://"
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json()["checks"]["broker"] == "ok"


def test_readyz_fails_with_503_when_the_broker_is_unreachable(db, client, settings):
    settings.CELERY_BROKER_URL = f"redis://127.0.0.1:{free_port()}/0"
    response = client.get("/readyz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "error"
    assert body["checks"]["broker"].startswith("error: ")
    assert body["checks"]["database"] == "ok"


def production_env(**extra):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST_"))}
    for name in ("DATABASE_URL", "REDIS_URL", "CELERY_BROKER_URL", "PAINTY_STORAGE"):
        env.pop(name, None)  # the deploy check is about settings, not the stack
    env.update(DJANGO_SETTINGS_MODULE="painty.settings", DEBUG="0", ALLOWED_HOSTS="painty.example.com", **extra)
    return env


def manage_check(env):
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_behind_https_with_a_strong_secret(tmp_path):
    env = production_env(
        PAINTY_HTTPS="1", SECRET_KEY=secrets.token_urlsafe(50), PAINTY_DATA_DIR=str(tmp_path),
        PAINTY_PUBLIC_URL="https://painty.example.com",
    )
    result = manage_check(env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_check_deploy_requires_the_public_url(settings):
    """Completion webhooks are built with no request to take the host from: their
    links are absolute only when PAINTY_PUBLIC_URL is set."""
    from django.core.checks import run_checks

    from photos.checks import public_url_is_set

    settings.DEBUG = False
    settings.PAINTY_PUBLIC_URL = ""
    assert "painty.E001" in {message.id for message in run_checks(include_deployment_checks=True)}
    assert "painty.E001" not in {message.id for message in run_checks()}  # only the deploy check
    settings.PAINTY_PUBLIC_URL = "painty.example.com"
    assert [message.id for message in public_url_is_set(None)] == ["painty.E002"]
    settings.PAINTY_PUBLIC_URL = "https://painty.example.com"
    assert public_url_is_set(None) == []


def test_djangos_middleware_checks_still_check_paintys_middleware(settings):
    """Painty names subclasses of Django's security, CSRF and X-Frame-Options middleware;
    Django's deploy checks, which look for its own dotted paths, still run against them."""
    from django.core.checks import run_checks

    def warnings():
        return {message.id for message in run_checks(include_deployment_checks=True) if not message.is_silenced()}

    settings.DEBUG = False
    settings.SECURE_HSTS_SECONDS, settings.SECURE_SSL_REDIRECT, settings.CSRF_COOKIE_SECURE = 0, False, False
    settings.X_FRAME_OPTIONS = "SAMEORIGIN"
    found = warnings()
    assert {"security.W004", "security.W008", "security.W016", "security.W019"} <= found
    assert not found & {"security.W001", "security.W002", "security.W003", "painty.W001", "painty.W002",
                        "painty.W003"}
    settings.MIDDLEWARE = [path for path in settings.MIDDLEWARE
                           if path.rsplit(".", 1)[1] not in ("SecurityMiddleware", "XFrameOptionsMiddleware")]
    found = warnings()
    assert {"painty.W001", "painty.W002"} <= found and "painty.W003" not in found
    assert "security.W004" not in found  # HSTS is the security middleware's: nothing to check without it


def test_check_deploy_flags_plain_http(tmp_path):
    env = production_env(PAINTY_HTTPS="0", SECRET_KEY=secrets.token_urlsafe(50), PAINTY_DATA_DIR=str(tmp_path))
    result = manage_check(env)
    assert result.returncode != 0
    assert "security.W008" in result.stderr  # SECURE_SSL_REDIRECT


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    env = production_env(PAINTY_DATA_DIR=str(tmp_path))
    env.pop("SECRET_KEY", None)
    result = manage_check(env)
    assert result.returncode != 0
    assert "SECRET_KEY is required" in result.stderr


def test_the_gunicorn_config_is_valid_and_outlives_the_job_timeout():
    env = {**os.environ, "PAINTY_JOB_TIMEOUT": "90"}
    result = subprocess.run(
        [str(Path(sys.executable).parent / "gunicorn"), "-c", "painty/gunicorn.conf.py", "--check-config",
         "--print-config", "painty.asgi:application"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    config = {
        name.strip(): value.strip()
        for name, value in (line.split("=", 1) for line in result.stdout.splitlines() if "=" in line)
    }
    assert config["worker_class"] == "uvicorn_worker.UvicornWorker"
    assert config["wsgi_app"] == "painty.asgi:application"
    assert int(config["timeout"]) > 90
    assert config["bind"] == "['127.0.0.1:8000']"


def test_the_asgi_application_answers_healthz_on_the_loop_and_hands_the_rest_to_django(monkeypatch):
    from django.core.handlers.asgi import ASGIHandler

    from painty import asgi

    assert isinstance(asgi.django_application, ASGIHandler)
    handed = []

    async def django_app(scope, receive, send):
        handed.append(scope["path"])

    monkeypatch.setattr(asgi, "django_application", django_app)

    def call(path, method="GET"):
        sent = []

        async def send(message):
            sent.append(message)

        scope = {"type": "http", "path": path, "method": method}
        asyncio.run(asgi.application(scope, None, send))
        return sent

    start, body = call("/healthz")
    assert start["status"] == 200 and (b"content-type", b"application/json") in start["headers"]
    assert json.loads(body["body"]) == {"status": "ok"}
    assert call("/healthz", "HEAD")[1]["body"] == b""
    assert call("/healthz", "POST") == [] and call("/api/v1/account") == []
    assert handed == ["/healthz", "/api/v1/account"]


def test_each_web_process_warms_up_and_logs_access_with_the_request_id(monkeypatch):
    started = []
    monkeypatch.setattr("photos.housekeeping.start_sweeper", lambda: started.append("sweeper"))
    monkeypatch.setattr("photos.runners.warm_up", lambda: started.append("engine"))
    access, stream = logging.getLogger("uvicorn.access"), io.StringIO()
    handler = logging.StreamHandler(stream)  # as the uvicorn worker hands it gunicorn's access handler
    monkeypatch.setattr(access, "handlers", [handler])
    monkeypatch.setattr(access, "propagate", False)
    monkeypatch.setenv("WEB_CONCURRENCY", "2")  # the config writes it back; this undoes that after the test
    config = runpy.run_path(str(ROOT / "painty" / "gunicorn.conf.py"))
    config["post_worker_init"](worker=None)
    assert started == ["sweeper", "engine"]
    token = request_id_var.set("req-9")
    try:
        access.warning('%s - "%s %s HTTP/%s" %d', "127.0.0.1:5000", "GET", "/healthz", "1.1", 200)
    finally:
        request_id_var.reset(token)
    assert stream.getvalue() == '127.0.0.1:5000 - "GET /healthz HTTP/1.1" 200 rid=req-9\n'


def test_json_logs_carry_the_request_id():
    record = logging.LogRecord("painty.api", logging.WARNING, __file__, 1, "Job %s failed", (7,), None)
    token = request_id_var.set("req-42")
    try:
        RequestIdFilter().filter(record)
    finally:
        request_id_var.reset(token)
    line = json.loads(JsonFormatter().format(record))
    assert line["message"] == "Job 7 failed"
    assert line["request_id"] == "req-42"
    assert line["level"] == "WARNING"
    assert line["logger"] == "painty.api"


def test_log_format_json_is_switched_by_env(tmp_path):
    code = "import logging; logging.getLogger('painty.x').warning('hello %s', 'there')"
    env = production_env(LOG_FORMAT="json", SECRET_KEY="x" * 50, PAINTY_DATA_DIR=str(tmp_path))
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    line = json.loads(result.stderr.strip().splitlines()[-1])
    assert line["message"] == "hello there"
    assert line["request_id"] == "-"


def test_celery_is_configured_for_at_least_once_delivery_within_the_job_timeout(settings):
    settings.PAINTY_JOB_TIMEOUT = 100
    settings.CELERY_VISIBILITY_TIMEOUT = 260
    app = Celery("check")
    painty_celery.configure(app)
    conf = app.conf
    assert conf.task_acks_late is True
    assert conf.task_reject_on_worker_lost is True
    assert conf.worker_prefetch_multiplier == 1
    assert conf.task_soft_time_limit == 100
    assert conf.task_time_limit == 130
    # A message is only handed to another worker after the longest possible run.
    assert conf.broker_transport_options["visibility_timeout"] > conf.task_time_limit
    assert conf.beat_schedule["purge-expired"]["task"] == "photos.purge_expired"


def test_the_default_visibility_timeout_exceeds_the_hard_time_limit():
    from django.conf import settings

    assert settings.CELERY_VISIBILITY_TIMEOUT > settings.PAINTY_JOB_TIMEOUT + 30


@pytest.mark.parametrize("name", ["photos.run_job", "photos.purge_expired"])
def test_the_worker_knows_the_tasks(name):
    import photos.tasks  # noqa: F401  (what autodiscovery imports in the worker)

    assert name in painty_celery.app.tasks


def test_the_migrations_match_the_models(db):
    """Both test passes build their database (sqlite, then PostgreSQL) from these migrations alone."""
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)
    assert "No changes detected" in out.getvalue()
