import os

import pytest

from .harness import missing_stack


@pytest.fixture(autouse=True)
def _needs_the_stack():
    """The `stack` tests need PostgreSQL, Redis, Celery and S3 (`.ci/stack.sh start DIR` then
    `. DIR/env`). Skipped without them; in CI (PAINTY_REQUIRE_STACK=1) a missing piece fails."""
    missing = missing_stack()
    if missing:
        reason = "needs the real stack (.ci/stack.sh): missing " + ", ".join(missing)
        if os.environ.get("PAINTY_REQUIRE_STACK") == "1":
            pytest.fail(reason)
        pytest.skip(reason)


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/stack/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.stack)
