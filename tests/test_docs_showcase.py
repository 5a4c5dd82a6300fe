"""The landing page's before/after example: made once by the engine, never per request."""

from __future__ import annotations

import io
import time

import pytest
from django.core.management import CommandError, call_command
from PIL import Image

from front import showcase
from photos import engines
from photos.engines import EditResult, Engine, EngineUnavailable


class CountingEngine(Engine):
    """Inverts the picture (so before ≠ after) and counts its calls; fails when told to."""

    name = "counting"
    calls = 0
    error: Exception | None = None

    def edit(self, image, prompt):
        type(self).calls += 1
        if self.error is not None:
            raise self.error
        return EditResult(images=[Image.eval(image, lambda value: 255 - value)])


@pytest.fixture(autouse=True)
def isolated(settings, tmp_path, monkeypatch):
    settings.PAINTY_DATA_DIR = tmp_path
    monkeypatch.setattr(showcase, "_building", set())
    monkeypatch.setattr(showcase, "_failed_at", {})
    monkeypatch.setitem(engines.ENGINES, "counting", "tests.test_docs_showcase:CountingEngine")
    monkeypatch.setattr(CountingEngine, "calls", 0)
    monkeypatch.setattr(CountingEngine, "error", None)


@pytest.fixture
def counting(settings):
    settings.PAINTY_ENGINE = "counting"
    return CountingEngine


def wait_for_background_work():
    deadline = time.monotonic() + 10
    while showcase._building and time.monotonic() < deadline:
        time.sleep(0.02)
    assert not showcase._building


def test_the_home_page_shows_the_pair_made_by_the_engine(client, db, counting):
    showcase.build()
    html = client.get("/").content.decode()
    assert 'src="/showcase/before.jpg?v=' in html and 'src="/showcase/after.jpg?v=' in html
    assert showcase.PROMPT in html
    before = Image.open(io.BytesIO(b"".join(client.get("/showcase/before.jpg").streaming_content)))
    after = Image.open(io.BytesIO(b"".join(client.get("/showcase/after.jpg").streaming_content)))
    assert before.format == after.format == "JPEG" and before.size == after.size == (640, 640)
    assert before.getpixel((360, 300)) != after.getpixel((360, 300))


def test_the_first_visit_starts_the_work_in_the_background_and_later_visits_show_it(client, db, counting):
    first = client.get("/")
    assert first.status_code == 200 and "/showcase/before.jpg" not in first.content.decode()
    wait_for_background_work()
    for _ in range(3):
        assert "/showcase/after.jpg" in client.get("/").content.decode()
    assert counting.calls == 1


def test_a_failing_engine_leaves_the_page_without_an_example_and_is_not_retried_per_visit(client, db, counting):
    counting.error = EngineUnavailable("no model here")
    assert client.get("/").status_code == 200
    wait_for_background_work()
    for _ in range(3):
        response = client.get("/")
        assert response.status_code == 200
        assert "before and after" not in response.content.decode()
    assert counting.calls == 1
    assert client.get("/showcase/after.jpg").status_code == 404


def test_each_engine_gets_its_own_pair(client, db, counting, settings):
    showcase.build()
    settings.PAINTY_ENGINE = "echo"
    assert showcase.example() is None  # the echo pair is not made yet
    wait_for_background_work()
    assert showcase.example()["engine"] == "echo"


def test_the_management_command_makes_the_pair_or_says_why_not(db, counting):
    call_command("build_showcase", stdout=io.StringIO())
    assert showcase.example() is not None
    counting.error = EngineUnavailable("no model here")
    with pytest.raises(CommandError, match="no model here"):
        call_command("build_showcase", "--verbosity=0")


def test_only_the_two_example_files_are_served(client, db, counting):
    showcase.build()
    assert client.get("/showcase/before.jpg").status_code == 200
    assert client.get("/showcase/..%2Fsecret").status_code == 404
    assert client.get("/showcase/other.jpg").status_code == 404
