"""Settings for the test suite: the real settings, with a fixed non-secret key
(SECRET_KEY is otherwise required when DEBUG=0) and fast password hashing."""

import os

import tempfile

os.environ.setdefault("SECRET_KEY", "painty-tests-only-not-a-secret")
# Each test process (and each xdist worker) gets its own database and media folder.
os.environ.setdefault("PAINTY_DATA_DIR", tempfile.mkdtemp(prefix="painty-tests-"))

from .settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# The stack pass of .ci/run exports the whole real stack (see .ci/stack.sh). This
# process uses its PostgreSQL and Redis as given, but runs jobs in-process and keeps
# files local: its requests go through Django's test client inside a rolled-back
# transaction that a separate Celery worker could never see, and its tests fetch
# /files/ links through that client. The Celery workers and S3 are exercised by
# tests/stack, which start gunicorn and workers against the committed database, and
# by tests that switch these settings on explicitly.
CELERY_BROKER_URL = None
CELERY_TASK_ALWAYS_EAGER = True
if PAINTY_STORAGE != "local":  # noqa: F405
    PAINTY_STORAGE = "local"
    STORAGES["default"] = {  # noqa: F405
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(MEDIA_ROOT)},  # noqa: F405
    }
# Each xdist worker gets its own Redis database: tests clear the cache, and one
# worker's clear must not reset another worker's rate-limit counters mid-test.
if REDIS_URL and os.environ.get("PYTEST_XDIST_WORKER"):  # noqa: F405
    _worker = int(os.environ["PYTEST_XDIST_WORKER"].removeprefix("gw") or 0)
    CACHES["default"]["LOCATION"] = REDIS_URL.rsplit("/", 1)[0] + f"/{8 + _worker}"  # noqa: F405
