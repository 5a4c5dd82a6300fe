"""The test command says at the end when it skipped the browser tests, and how to install chromium."""

from __future__ import annotations

from types import SimpleNamespace

from tests import conftest


class Reporter:
    def __init__(self, skipped):
        self.stats = {"skipped": skipped}
        self.lines = []

    def write_line(self, line, **markup):
        self.lines.append(line)


def skipped(nodeid, reason):
    return SimpleNamespace(nodeid=nodeid, longrepr=("tests/browser/conftest.py", 37, f"Skipped: {reason}"))


def test_skipped_browser_tests_get_one_line_with_the_install_command():
    reason = "/usr/bin/chromium is not installed (CI installs it with apt-get install chromium)"
    reporter = Reporter([skipped(f"tests/browser/test_pages.py::test_{n}", reason) for n in range(12)])
    conftest.pytest_terminal_summary(reporter, 0, None)
    assert reporter.lines == [
        "12 browser tests (tests/browser) skipped: chromium is not installed. "
        "Install it with: sudo apt-get install -y chromium"
    ]


def test_nothing_is_said_when_the_browser_tests_ran_or_other_tests_were_skipped():
    reporter = Reporter([skipped("tests/stack/test_x.py::test_y", "needs PostgreSQL")])
    conftest.pytest_terminal_summary(reporter, 0, None)
    reporter_without = Reporter([])
    conftest.pytest_terminal_summary(reporter_without, 0, None)
    assert reporter.lines == [] and reporter_without.lines == []
