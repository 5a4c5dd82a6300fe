"""The development settings `manage.py rundemo` runs with, kept for the other
`manage.py` commands of that checkout.

The README's run command sets DEBUG=1; without it, settings refuse to start
(SECRET_KEY is required when DEBUG=0). So that `createsuperuser`,
`create_api_key` and the rest work as written after it, rundemo writes what it
used (DEBUG=1 and the data folder) to `dev.env` in the data folder, and
manage.py takes those values as defaults. Only manage.py reads the file (never
the WSGI app or Celery), and only when the environment sets neither SECRET_KEY
nor DEBUG: a configured deployment is never switched into development mode by a
file left behind. `rundemo` itself defaults to DEBUG=1 even before the file exists."""

from __future__ import annotations

import os
import sys
from pathlib import Path

FILE_NAME = "dev.env"
BASE_DIR = Path(__file__).resolve().parent.parent


def data_dir(environ=os.environ) -> Path:
    return Path(environ.get("PAINTY_DATA_DIR") or BASE_DIR / "var").resolve()


def write(directory: Path) -> Path:
    """Record the development settings rundemo uses; returns the file's path."""
    path = Path(directory) / FILE_NAME
    path.write_text(
        "# Written by `manage.py rundemo`: the settings it ran with, used by this checkout's other\n"
        "# manage.py commands when the environment sets neither SECRET_KEY nor DEBUG (painty/devenv.py).\n"
        "DEBUG=1\n"
        f"PAINTY_DATA_DIR={Path(directory).resolve()}\n"
    )
    return path


def read(path: Path) -> dict[str, str]:
    values = {}
    for line in path.read_text().splitlines():
        line = line.strip()
        if line and not line.startswith("#") and "=" in line:
            name, _, value = line.partition("=")
            values[name.strip()] = value.strip()
    return values


def apply(argv: list[str], environ=os.environ) -> list[str]:
    """Set the development defaults for this manage.py run; returns the names it set."""
    if environ.get("SECRET_KEY") or environ.get("DEBUG"):
        return []
    command = argv[1] if len(argv) > 1 else ""
    path = data_dir(environ) / FILE_NAME
    values = read(path) if path.is_file() else {}
    if command == "rundemo":
        values.setdefault("DEBUG", "1")
    applied = [name for name in ("DEBUG", "PAINTY_DATA_DIR") if name in values and not environ.get(name)]
    for name in applied:
        environ[name] = values[name]
    if applied and command not in ("rundemo", ""):
        print(f"(development settings from {path}: {', '.join(f'{n}={values[n]}' for n in applied)})",
              file=sys.stderr)
    return applied
