"""Refusals in the prompt's language: what wasn't understood, the nearest
phrasing that works, and what the engine can do (vocabulary/*.MESSAGES)."""

from __future__ import annotations

from rapidfuzz import fuzz, process

from ..base import UnsupportedPrompt
from .vocabulary import examples, messages

# Refusals about content the engine can't make say so; the others are about wording.
_CONTENT = {"generative", "empty", "no_edit"}


def nearest(language: str, text: str) -> str | None:
    """The example phrasing (in `language`) closest to `text`, if any is close."""
    choices = list(dict.fromkeys(examples(language).values()))
    found = process.extractOne(text, choices, scorer=fuzz.WRatio, score_cutoff=60)
    return found[0] if found else None


class Refusal(Exception):
    """Raised while reading a prompt: the message key, its values, and the words to suggest a phrasing for."""

    def __init__(self, key: str, suggest_for: str | None = None, **values):
        super().__init__(key)
        self.key, self.suggest_for, self.values = key, suggest_for, values


def refuse(language: str, key: str, suggest_for: str | None = None, **values) -> UnsupportedPrompt:
    words = messages(language)
    parts = [words[key].format(**values)]
    suggestion = nearest(language, suggest_for) if suggest_for else None
    if suggestion:
        parts.append(words["did_you_mean"].format(suggestion=suggestion))
    if key in _CONTENT:
        parts.append(words["pixels_only"])
    parts.append(words["capabilities"])
    return UnsupportedPrompt(" ".join(parts))
