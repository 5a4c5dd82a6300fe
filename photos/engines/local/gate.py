"""How much pixel work the local engine runs at once in one process.

The work budget (photos/budget.py) bounds one request; this bounds their sum.
Four 50-megapixel requests arriving together would each be fine alone and
need ~4 GB together, so a job first takes its pixels (in or out, whichever is
larger, × frames) from a per-process allowance of PAINTY_MAX_WORK_PIXELS and
waits while others hold it. Small jobs still run side by side; big ones take
turns. A job larger than the allowance (only possible when the setting was
lowered after it was accepted) waits until it is alone."""

from __future__ import annotations

import contextlib
import threading

from django.conf import settings

from photos import budget

_cond = threading.Condition()
_in_use = 0


def job_pixels(width: int, height: int, frames: int, plan: list[dict]) -> int:
    out_w, out_h, _ = budget.output_size(width, height, plan)
    return max(width * height, out_w * out_h) * frames


@contextlib.contextmanager
def hold(pixels: int):
    global _in_use
    capacity = settings.PAINTY_MAX_WORK_PIXELS
    pixels = min(pixels, capacity)
    with _cond:
        _cond.wait_for(lambda: _in_use + pixels <= capacity)
        _in_use += pixels
    try:
        yield
    finally:
        with _cond:
            _in_use -= pixels
            _cond.notify_all()
