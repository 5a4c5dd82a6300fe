"""`PAINTY_ENGINE=echo`: returns the input unchanged (re-encoded by the service).

Used by benchmarks and tests to measure everything around the engine.
`PAINTY_ECHO_DELAY` seconds of sleep simulate a slow model."""

import time

from django.conf import settings

from .base import EditResult, Engine


class EchoEngine(Engine):
    name = "echo"

    def edit(self, image, prompt):
        if settings.PAINTY_ECHO_DELAY > 0:
            time.sleep(settings.PAINTY_ECHO_DELAY)
        # The service never mutates engine input, so the image itself is the result.
        return EditResult(images=[image], notes=["echo: image returned unchanged"])
