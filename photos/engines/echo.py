"""`PAINTY_ENGINE=echo`: returns the input unchanged (re-encoded by the service).

Used by benchmarks and tests to measure everything around the engine.
`PAINTY_ECHO_DELAY` seconds simulate a slow hosted model: the runner waits them
before calling `edit` (photos.runners), the way it waits on a provider's answer."""

from django.conf import settings

from .base import EditResult, Engine


class EchoEngine(Engine):
    name = "echo"

    def latency(self) -> float:
        return max(0.0, settings.PAINTY_ECHO_DELAY)

    def edit(self, image, prompt):
        # The service never mutates engine input, so the image itself is the result.
        return EditResult(images=[image], notes=["echo: image returned unchanged"])
