"""What the embedded engine's prompt reader understands, as data: one module per
language (en, es, de, fr, it, pt), each a set of plain tables a reviewer can read
without reading the reader.

Every table maps a *meaning* to the phrases that say it in that language. The
phrases are written as people type them; the reader lower-cases them, strips
accents and splits on hyphens, so "Schwarzweiß", "schwarz-weiss" and
"schwarzweiss" are one entry. Longer phrases win over shorter ones ("black and
white" is an edit, not a request for white). The tables of one language:

OPS          op name (optionally ".param") → phrases that ask for that edit by itself:
             "grayscale", "shadow.drop", "crop.1:1", "rotate.180", "format.png", …
AXES         "<axis>+" / "<axis>-" → words that push a setting one way ("brighter",
             "too dark" is read as −dark, so the + side). AXIS_VERBS: the same as
             imperatives ("brighten"): a clause that starts with one is about the whole
             image, where a bare adjective ("… and bright") continues the previous target.
CLEAN        words that make a background clean ("plain", "tidy"); they mean nothing elsewhere.
TARGETS      background / subject / image / pronoun ("me", which is the subject only after
             "except", "only", "keep" or "isolate").
VERBS        remove, make, turn, keep, isolate, change, add, put, create (the last four are
             checked against generative asks: "add a dragon").
MODIFIERS    more, less, too, too_after (a "too" that follows its word: "escura demais"),
             not, enough, is ("it is dark" asks for the opposite), on, with.
STRENGTHS    max / strong / light → 1.0 / 0.85 / 0.3 (the default is 0.6).
SCOPE        except / only / all / but.
DIRECTIONS   left / right (rotation), horizontal / vertical (flips).
UNITS        degrees, pixels, percent, times, width, height, long_side, margin, pad.
RATIOS       words that name an aspect ratio ("landscape" → "16:9"); they crop with a crop verb.
COLORS       English colour name (see colors.py, every CSS name) → this language's words.
SIZES        output-size presets (see SIZE_PRESETS below) → phrases.
FILLER       politeness and context ("please", "I need it for my shop"): ignored.
DETERMINERS  articles and possessives; CONTEXT: prepositions after which a noun is context
             ("for my shop"), not something to edit.
THINGS       objects and people the engine can neither add nor single out ("sky", "shirt",
             "dragon"); never typo-corrected, so they can't turn into an edit.
GENERATIVE   asks that always need a generative model ("younger", "face swap").
AND          words that separate two requests ("and", "then").
MESSAGES     the refusal sentences in this language; EXAMPLES: op → a phrasing that works
             (shown on /docs and suggested when a prompt isn't understood).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from . import de, en, es, fr, it, pt
from .colors import COLORS

LANGUAGES = {module.CODE: module for module in (en, es, de, fr, it, pt)}

# Exact output sizes people ask for by name (width, height); None: refused (a preset we won't guess).
SIZE_PRESETS = {
    "instagram_square": (1080, 1080),
    "instagram_portrait": (1080, 1350),
    "instagram_story": (1080, 1920),
    "hd": (1280, 720),
    "full_hd": (1920, 1080),
    "4k": (3840, 2160),
    "passport": None,
}
STRENGTH_VALUES = {"max": 1.0, "strong": 0.85, "light": 0.3}

# Table name → token kind. A table that maps meanings to phrases gives (kind, meaning);
# a plain list gives (kind, None).
_DICT_TABLES = {
    "OPS": "op", "AXES": "axis", "AXIS_VERBS": "axis_verb", "TARGETS": "target", "VERBS": "verb",
    "MODIFIERS": "mod", "STRENGTHS": "strength", "SCOPE": "scope", "DIRECTIONS": "dir", "UNITS": "unit",
    "RATIOS": "ratio", "COLORS": "color", "SIZES": "preset",
}
_LIST_TABLES = {
    "CLEAN": "clean", "FILLER": "filler", "DETERMINERS": "det", "CONTEXT": "prep", "THINGS": "thing",
    "GENERATIVE": "gen", "AND": "sep",
}
# When two languages give one phrase different meanings, the stronger kind wins
# ("plus" is "more" in French and "and" in English: more is harmless either way).
_PRIORITY = ["op", "axis_verb", "axis", "preset", "color", "ratio", "gen", "thing", "target", "pronoun", "verb", "clean",
             "scope", "dir", "unit", "strength", "mod", "sep", "prep", "det", "filler"]
# Accented words whose plain spelling means something else ("è" is, "e" and).
KEEP_ACCENTS = {"è", "é"}


def fold(text: str) -> str:
    """Lower-case, accents off (ß → ss), hyphens and apostrophes as spaces."""
    text = text.lower().replace("ß", "ss").replace("œ", "oe").replace("æ", "ae")
    text = re.sub(r"[’'`´\-_/]", " ", text)
    words = []
    for word in text.split():
        if word not in KEEP_ACCENTS:
            word = "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))
        words.append(word)
    return " ".join(words)


@dataclass(frozen=True)
class Meaning:
    kind: str
    value: str | None
    languages: frozenset


def _entries(module):
    for table, kind in _DICT_TABLES.items():
        for meaning, phrases in getattr(module, table, {}).items():
            for phrase in phrases:
                if (kind, meaning) == ("target", "pronoun"):
                    yield phrase, "pronoun", None
                else:
                    yield phrase, kind, meaning
    for table, kind in _LIST_TABLES.items():
        for phrase in getattr(module, table, ()):
            yield phrase, kind, None


def _build():
    lexicon: dict[tuple[str, ...], Meaning] = {}
    for code, module in LANGUAGES.items():
        for phrase, kind, meaning in _entries(module):
            key = tuple(fold(phrase).split())
            if not key:
                continue
            old = lexicon.get(key)
            if old is not None and (old.kind, old.value) == (kind, meaning):
                lexicon[key] = Meaning(kind, meaning, old.languages | {code})
            elif old is None or _PRIORITY.index(kind) < _PRIORITY.index(old.kind):
                lexicon[key] = Meaning(kind, meaning, frozenset({code}))
    for name in COLORS:  # every CSS name, in every language (people paste them)
        key = tuple(name.split())
        old = lexicon.get(key)
        if old is None or _PRIORITY.index("color") < _PRIORITY.index(old.kind):
            lexicon[key] = Meaning("color", name, frozenset({"en"}))
    return lexicon


LEXICON = _build()
LONGEST = max(len(key) for key in LEXICON)
WORDS = sorted({word for key in LEXICON for word in key})


def messages(code: str) -> dict:
    return LANGUAGES.get(code, en).MESSAGES


def examples(code: str) -> dict:
    return LANGUAGES.get(code, en).EXAMPLES


# What /docs lists, per language: (edit, phrases) rows read from the tables above, so the page can't drift.
_DOC_AXES = {"brightness": "brightness", "exposure": "exposure", "contrast": "contrast", "saturation": "saturation",
             "vibrance": "vibrance", "warmth": "warmth", "sharpness": "sharpen / blur", "smoothness": "smooth",
             "noise": "noise", "clutter": "busy background"}


def documented() -> list[dict]:
    languages = []
    for code, module in LANGUAGES.items():
        rows: dict[str, list[str]] = {}
        for key, phrases in module.OPS.items():
            rows.setdefault(key.partition(".")[0], []).extend(phrases)
        for key, phrases in {**module.AXES}.items():
            label = _DOC_AXES[key[:-1]] + (" +" if key.endswith("+") else " −")
            rows.setdefault(label, []).extend(phrases + module.AXIS_VERBS.get(key, []))
        rows["background (words)"] = [p for p in module.TARGETS["background"]]
        rows["scope"] = [p for group in module.SCOPE.values() for p in group] + module.VERBS["keep"]
        rows["colours"] = [p for group in module.COLORS.values() for p in group] or ["every CSS colour name"]
        rows["sizes"] = [p for group in module.SIZES.values() for p in group]
        rows["refused (generative)"] = list(module.GENERATIVE)
        languages.append({"code": code, "name": module.NAME, "example": module.EXAMPLES["region"],
                          "rows": [(label, ", ".join(dict.fromkeys(p))) for label, p in rows.items()]})
    return languages
