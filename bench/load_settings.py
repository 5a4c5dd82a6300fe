"""Settings for bench/load.py only: Painty's settings plus the baseline URL."""

from painty.settings import *  # noqa: F403

ROOT_URLCONF = "bench.load_urls"
