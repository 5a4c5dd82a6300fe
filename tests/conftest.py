from __future__ import annotations

import time
from types import SimpleNamespace

import django_ratelimit.core
import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache

from accounts.models import ApiKey

# Fixtures shared by several modules, registered once instead of imported with `noqa`.
pytest_plugins = ["tests.billing_fixtures", "tests.fake_providers", "tests.s3_fixtures"]

INSTALL_CHROMIUM = "sudo apt-get install -y chromium"


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    """One clear line at the end of the run when the browser tests were skipped for want of
    chromium (tests/browser/conftest.py skips them), and the one command that installs it."""
    skipped = [
        report for report in terminalreporter.stats.get("skipped", [])
        if "chromium" in str(getattr(report, "longrepr", "")) and "tests/browser/" in getattr(report, "nodeid", "")
    ]
    if skipped:
        terminalreporter.write_line(
            f"{len(skipped)} browser test{'s' if len(skipped) != 1 else ''} (tests/browser) skipped: chromium is not "
            f"installed. Install it with: {INSTALL_CHROMIUM}",
            yellow=True,
            bold=True,
        )


@pytest.fixture(autouse=True)
def _defaults(settings):
    # The echo engine keeps API tests about the API; engine tests use the local engine directly.
    settings.PAINTY_ENGINE = "echo"
    settings.PAINTY_ECHO_DELAY = 0
    cache.clear()


@pytest.fixture(autouse=True)
def _one_rate_window_per_test(monkeypatch):
    # django-ratelimit counts in fixed windows that end at a per-key moment; a test whose
    # requests straddle that moment would see its count reset. One clock reading per test
    # keeps all of a test's requests in one window.
    now = time.time()
    monkeypatch.setattr(django_ratelimit.core, "time", SimpleNamespace(time=lambda: now))


@pytest.fixture
def user(db):
    return get_user_model().objects.create_user("alice@example.com", "alice@example.com", "correct horse battery")


@pytest.fixture
def other_user(db):
    return get_user_model().objects.create_user("bob@example.com", "bob@example.com", "correct horse battery")


@pytest.fixture
def api_key(user) -> str:
    _, raw = ApiKey.issue(user, "Test key")
    return raw


@pytest.fixture
def auth(api_key) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {api_key}"}


@pytest.fixture
def post_photo(client, auth):
    """POST /api/v1/photo the way the seed's examples do (multipart prompt + image)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    def send(
        image: bytes | None = None, prompt="Make the background clean and bright", name="photo.jpg", fields=None, **extra
    ):
        data = dict(fields or {})  # other form fields (format, webhook_url…); `extra` goes to the client (headers)
        if prompt is not None:
            data["prompt"] = prompt
        if image is not None:
            data["image"] = SimpleUploadedFile(name, image)
        return client.post("/api/v1/photo", data, **{**auth, **extra})

    return send
