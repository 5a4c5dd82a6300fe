"""Settings for the test suite: the real settings, with a fixed non-secret key
(SECRET_KEY is otherwise required when DEBUG=0) and fast password hashing."""

import os

import tempfile

os.environ.setdefault("SECRET_KEY", "painty-tests-only-not-a-secret")
# Each test process (and each xdist worker) gets its own database and media folder.
os.environ.setdefault("PAINTY_DATA_DIR", tempfile.mkdtemp(prefix="painty-tests-"))

from .settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# With CELERY_BROKER_URL set (the stack pass of .ci/run), tests that post through
# Django's test client run `photos.tasks.run_job` in this process: their rows sit
# in a transaction that a separate worker could not see. The `stack` tests run
# real workers against gunicorn and a committed database instead.
CELERY_TASK_ALWAYS_EAGER = True
