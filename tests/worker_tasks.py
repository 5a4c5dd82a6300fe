"""Tasks that tests send to the engine worker pool (importable by a spawned worker)."""

import os
import tempfile
import time


def pid_file(parent_pid: int) -> str:
    return os.path.join(tempfile.gettempdir(), f"painty-burn-{parent_pid}.pid")


def burn_forever(*args, **kwargs):
    """Stands in for an engine that never returns: spins a core until killed."""
    with open(pid_file(os.getppid()), "w") as handle:
        handle.write(str(os.getpid()))
    end = time.monotonic() + 120  # a safety net; the pool must kill it long before
    while time.monotonic() < end:
        pass


def whoami(*args, **kwargs) -> int:
    return os.getpid()
