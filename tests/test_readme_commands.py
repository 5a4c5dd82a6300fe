"""The README's commands work as written on a fresh clone after its run command:
`rundemo` (another port, a second run, enough demo credits) writes the development
settings it runs with, and the other manage.py commands read them."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import uuid
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command, get_commands

from accounts.models import ApiKey, digest
from billing import ledger
from painty import devenv
from photos.management.commands import rundemo

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text()


@pytest.fixture
def demo(monkeypatch, settings, tmp_path):
    """rundemo without its server, engine warm-up and sweeper; the served address is recorded."""
    served = []
    monkeypatch.setattr(rundemo, "serve", served.append)
    monkeypatch.setattr(rundemo, "warm_engine", lambda: None)
    monkeypatch.setattr(rundemo.housekeeping, "start_sweeper", lambda: None)
    settings.DEBUG = True
    settings.PAINTY_DATA_DIR = tmp_path

    def run(*args) -> str:
        out = StringIO()
        call_command("rundemo", *args, stdout=out)
        return out.getvalue()

    run.served = served
    run.data_dir = tmp_path
    return run


def demo_key(output: str) -> str:
    return re.search(r"Demo API key: (pk_live_\S+)", output).group(1)


class TestRundemo:
    def test_it_prints_a_working_key_for_an_account_with_100_credits(self, demo, db, client):
        output = demo()
        raw = demo_key(output)
        user = ApiKey.objects.get(key_hash=digest(raw)).user
        assert ledger.balance_of(user) == rundemo.DEMO_CREDITS == 100
        assert "demo@painty.local / painty-demo  (100 credits)" in output
        assert client.get("/api/v1/account", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 200
        assert demo.served == ["127.0.0.1:8000"]

    def test_a_second_run_revokes_the_first_key_and_tops_the_credits_up_again(self, demo, db, client):
        first = demo_key(demo())
        user = ApiKey.objects.get(key_hash=digest(first)).user
        ledger.debit(user, 30)
        second = demo_key(demo())
        assert first != second
        assert client.get("/api/v1/account", HTTP_AUTHORIZATION=f"Bearer {first}").status_code == 401
        assert client.get("/api/v1/account", HTTP_AUTHORIZATION=f"Bearer {second}").status_code == 200
        assert ledger.balance_of(user) == 100

    @pytest.mark.parametrize("given, served", [("127.0.0.1:8123", "127.0.0.1:8123"), ("8123", "127.0.0.1:8123")])
    def test_it_serves_on_another_port(self, demo, db, given, served):
        output = demo(given)
        assert demo.served == [served]
        assert f"curl -X POST 'http://{served}/api/v1/photo'" in output

    @pytest.mark.parametrize(
        "addrport, host", [("127.0.0.1:8123", "127.0.0.1"), ("[::1]:8123", "::1"), ("localhost:8123", "localhost")]
    )
    def test_it_serves_the_asgi_application_with_uvicorn_as_production_does(self, monkeypatch, addrport, host):
        runs = []
        monkeypatch.setattr(rundemo.uvicorn, "run", lambda app, **options: runs.append((app, options)))
        rundemo.serve(addrport)
        [(app, options)] = runs
        assert app == "painty.asgi:application"
        assert (options["host"], options["port"]) == (host, 8123)

    def test_a_bad_address_is_refused_before_anything_is_made(self, demo, db):
        with pytest.raises(CommandError, match="'nonsense' is not a port or an address:port pair"):
            demo("nonsense")
        assert not ApiKey.objects.exists() and demo.served == []

    def test_it_writes_the_development_settings_it_runs_with(self, demo, db):
        output = demo()
        path = demo.data_dir / "dev.env"
        assert devenv.read(path) == {"DEBUG": "1", "PAINTY_DATA_DIR": str(demo.data_dir.resolve())}
        assert str(path) in output


class TestDevelopmentSettings:
    def test_manage_py_takes_them_as_defaults(self, tmp_path):
        devenv.write(tmp_path)
        environ = {"PAINTY_DATA_DIR": str(tmp_path)}
        assert devenv.apply(["manage.py", "createsuperuser"], environ) == ["DEBUG"]
        assert environ["DEBUG"] == "1"

    def test_a_configured_environment_is_left_alone(self, tmp_path):
        devenv.write(tmp_path)
        for configured in ({"SECRET_KEY": "x" * 50}, {"DEBUG": "0"}):
            environ = {"PAINTY_DATA_DIR": str(tmp_path), **configured}
            assert devenv.apply(["manage.py", "migrate"], environ) == []
            assert environ == {"PAINTY_DATA_DIR": str(tmp_path), **configured}

    def test_without_the_file_only_rundemo_defaults_to_debug(self, tmp_path):
        environ = {"PAINTY_DATA_DIR": str(tmp_path)}
        assert devenv.apply(["manage.py", "createsuperuser"], environ) == []
        assert devenv.apply(["manage.py", "rundemo", "8001"], environ) == ["DEBUG"]


def test_the_readmes_manage_py_commands_run_as_written_after_the_run_command(tmp_path):
    """On a clean environment (no SECRET_KEY, no DEBUG) with what rundemo left behind."""
    devenv.write(tmp_path)
    clean = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DEBUG", "DJANGO_SETTINGS_MODULE")}
    env = {**clean, "PAINTY_DATA_DIR": str(tmp_path), "DJANGO_SUPERUSER_PASSWORD": "a-long-admin-pass-77"}
    python = [sys.executable, "manage.py"]

    def run(*args):
        done = subprocess.run([*python, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr[-2000:]
        return done

    run("migrate", "-v0")  # what rundemo does first
    # On the stack the database outlives one run: names of this run's own.
    admin = f"admin-{uuid.uuid4().hex[:8]}"
    run("createsuperuser", "--noinput", "--username", admin, "--email", f"{admin}@example.com")
    created = run("create_api_key", f"ops-{admin}@example.com")
    assert created.stdout.strip().splitlines()[-1].startswith("pk_live_")
    assert "development settings from" in created.stderr


def test_every_manage_py_command_in_the_readme_is_written_to_run_as_is():
    commands = re.findall(r"(\S*\s?)manage\.py (\w+)", README)
    assert {name for _, name in commands} >= {"rundemo", "createsuperuser", "create_api_key", "purge_expired"}
    known = get_commands()
    for prefix, name in commands:
        assert prefix.endswith(".venv/bin/python "), f"`manage.py {name}` in the README can't run as written"
        assert name in known, f"`manage.py {name}` is not a command"


def test_the_readme_says_how_to_use_another_port_and_what_a_second_run_does():
    assert ".venv/bin/python manage.py rundemo 127.0.0.1:8001" in README
    assert "revokes the previous demo key" in README
