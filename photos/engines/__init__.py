"""Engine registry: `PAINTY_ENGINE` names one of these."""

from __future__ import annotations

import importlib
import threading

from django.conf import settings

from .base import (  # noqa: F401  (re-exported)
    EditResult,
    Engine,
    EngineError,
    EngineTimeout,
    EngineUnavailable,
    Inputs,
    PromptRejected,
    UnsupportedPrompt,
)

# name → "module:Class", imported lazily so an engine's heavy imports
# (onnxruntime, provider SDKs) are paid only when it is used.
ENGINES = {
    "echo": "photos.engines.echo:EchoEngine",
    "local": "photos.engines.local:LocalEngine",
    "openai": "photos.engines.openai_engine:OpenAIEngine",
    "gemini": "photos.engines.gemini_engine:GeminiEngine",
    "auto": "photos.engines.auto:AutoEngine",
}

_instances: dict[str, Engine] = {}
_lock = threading.Lock()


def get_engine(name: str | None = None) -> Engine:
    name = name or settings.PAINTY_ENGINE
    with _lock:
        if name not in _instances:
            try:
                path = ENGINES[name]
            except KeyError:
                raise EngineUnavailable(f"Unknown engine {name!r}.") from None
            module, cls = path.split(":")
            _instances[name] = getattr(importlib.import_module(module), cls)()
        return _instances[name]
