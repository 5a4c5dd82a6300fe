"""Prompt → tokens: the reading half of the parser, knowing no edit rules.

1. Exact values are lifted out first, in any language: colours (#rgb, #rrggbb,
   rgb(…)), sizes (1080x1350), ratios (16:9), factors (2x, ×3), percentages,
   degrees (45°) and plain numbers.
2. The rest is folded (lower case, no accents, hyphens and apostrophes as
   spaces) and split into words and clause punctuation.
3. Words are looked up in the vocabulary (vocabulary/), longest phrase first.
   A word the vocabulary doesn't have is corrected to the nearest word it has
   — at most one typo in a 4–5 letter word, two in a longer one; never in
   words of three letters or fewer, and never in the word after "add",
   "draw", "put"…: "add a drag0n" must stay a request for a dragon, not turn
   into an edit. Objects and people ("moon", "person") are vocabulary words
   themselves, so they are never "corrected" into edits either.
4. The prompt's language is the one most of its words belong to (English on a
   tie); refusals answer in it.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from photos.budget import ASPECTS

from .vocabulary import LANGUAGES, LEXICON, LONGEST, WORDS, fold
from .vocabulary.colors import HEX, RGB, from_hex


@dataclass
class Token:
    kind: str  # a vocabulary kind (see vocabulary/__init__.py), a value kind, "sep" or "unknown"
    value: object
    text: str  # the words as typed, folded
    languages: frozenset = frozenset()
    fuzzy: bool = False


@dataclass
class Reading:
    tokens: list[Token]
    language: str


_NUMBER = r"-?\d+(?:[.,]\d+)?"
# (pattern, kind, value from the match); applied in this order to the lower-cased prompt.
_VALUES = [
    (HEX, "color", lambda m: (from_hex(m.group(1)), "#" + m.group(1))),
    (RGB, "color", lambda m: (tuple(min(255, int(g)) for g in m.groups()), m.group(0).replace(" ", ""))),
    (re.compile(r"(?<![\w.])(\d{2,5})\s*(?:x|×|\*|by|por|per|par|mal)\s*(\d{2,5})(?![\w.])"), "size",
     lambda m: (int(m.group(1)), int(m.group(2)))),
    (re.compile(r"(?<![\w.])(\d{1,2})\s*(?::|/|x|by)\s*(\d{1,2})(?![\w.%])"), "ratio",
     lambda m: f"{m.group(1)}:{m.group(2)}" if f"{m.group(1)}:{m.group(2)}" in ASPECTS else None),
    (re.compile(r"(?<![\w.])(\d+(?:[.,]\d+)?)\s*(?:x|×)(?![a-z0-9])|(?<![a-z0-9])(?:x|×)\s*(\d+(?:[.,]\d+)?)(?![\w.])"),
     "factor", lambda m: _float(m.group(1) or m.group(2))),
    (re.compile(rf"({_NUMBER})\s*%"), "percent", lambda m: _float(m.group(1))),
    (re.compile(rf"({_NUMBER})\s*[°º]"), "degrees", lambda m: _float(m.group(1))),
    (re.compile(rf"(?<![\w.#])({_NUMBER})(?=\s*(?:px|pixels?|pixel[eo]s|deg|grad|grados|gradi|graus|degr[eé]s)?\b)"),
     "num", lambda m: _float(m.group(1))),
]
_WORD_OR_MARK = re.compile(r"\x01(.)\x01|([^\W_]+)|([,;!?\n]|\.(?!\d))")


def _float(text: str) -> float:
    return float(text.replace(",", "."))


def _lift_values(text: str) -> tuple[str, list[Token]]:
    values: list[Token] = []

    def keep(kind, build):
        def replace(match):
            value = build(match)
            if value is None:
                return match.group(0)
            values.append(Token(kind, value, match.group(0).strip()))
            return f" \x01{chr(0xE000 + len(values) - 1)}\x01 "  # a private-use mark: no digit for later patterns

        return replace

    text = re.sub(r"\bb\s*[&/+]\s*w\b", " bw ", text)
    text = re.sub(r"(\d)(px|pixels?|pixel[eo]s|deg|grad|grados|gradi|graus)\b", r"\1 \2", text)
    for pattern, kind, build in _VALUES:
        text = pattern.sub(keep(kind, build), text)
    return text.replace("&", " and ").replace("+", " plus "), values


_BY_LENGTH: dict[int, list[str]] = {}
for _word in WORDS:
    _BY_LENGTH.setdefault(len(_word), []).append(_word)
_KNOWN = set(WORDS)
_LANGUAGES_OF: dict[str, set] = {}
for _key, _meaning in LEXICON.items():
    for _word in _key:
        _LANGUAGES_OF.setdefault(_word, set()).update(_meaning.languages)


@lru_cache(maxsize=8192)
def corrections(word: str, language: str = "en") -> tuple[str, ...]:
    """The vocabulary words `word` may be a typo of, best first (at most three).

    Closer first; among equally close ones, those of the prompt's language, then
    those sharing most letters in order (a dropped letter is the commonest typo).
    The reader takes the first that completes the longest phrase ("preto e brnaco"
    is "branco", not "braço")."""
    if len(word) <= 3 or any(c.isdigit() for c in word):
        return ()
    bound = 1 if len(word) <= 5 else 2
    candidates = [w for n in range(len(word) - bound, len(word) + bound + 1) for w in _BY_LENGTH.get(n, ())]
    found = process.extract(word, candidates, scorer=OSA.distance, score_cutoff=bound, limit=None)
    ranked = sorted(found, key=lambda f: (f[1], language not in _LANGUAGES_OF[f[0]], -fuzz.ratio(word, f[0]),
                                          f[0][0] != word[0], f[0]))
    return tuple(f[0] for f in ranked[:3])


def correct(word: str, language: str = "en") -> str | None:
    """The vocabulary word `word` is most likely a typo of, or None."""
    found = corrections(word, language)
    return found[0] if found else None


# Object positions: the word after these verbs is taken as typed (see step 3).
_GUARDED_VERBS = {"add", "put", "create"}
_SKIPPED_BEFORE_OBJECT = {"det", "filler", "strength", "pronoun"}


def _match(words: list[tuple[str, tuple]], start: int) -> tuple[int, tuple, bool]:
    """Longest phrase at `start` as (length, key, whether a typo was corrected);
    words are (typed, corrections), corrections empty for known or guarded words."""
    for size in range(min(LONGEST, len(words) - start), 0, -1):
        options = [(typed,) + fixes if typed not in _KNOWN else (typed,) for typed, fixes in words[start : start + size]]
        for key in itertools.product(*options):
            if key in LEXICON:
                return size, key, key != tuple(typed for typed, _ in words[start : start + size])
    return 0, (), False


def _phrases(chunk: list[str], guard: bool, language: str) -> list[Token]:
    """One run of words (no values or punctuation inside) → tokens."""
    exact = [(w, ()) for w in chunk]
    guarded: set[int] = set()
    if guard:  # find the object positions of add/put/draw… on an exact-only reading
        position, after_verb = 0, False
        while position < len(chunk):
            size, key, _ = _match(exact, position)
            meaning = LEXICON.get(key)
            if meaning and meaning.kind == "verb" and meaning.value in _GUARDED_VERBS:
                after_verb = True
            elif after_verb and not (meaning and (meaning.kind in _SKIPPED_BEFORE_OBJECT or
                                                  (meaning.kind == "target" and meaning.value != "background"))):
                guarded.update(range(position, position + max(size, 1)))
                after_verb = False
            position += max(size, 1)
    words = [(w, () if w in _KNOWN or i in guarded else corrections(w, language)) for i, w in enumerate(chunk)]
    tokens: list[Token] = []
    position = 0
    while position < len(words):
        size, key, fuzzy = _match(words, position)
        if not size:
            tokens.append(Token("unknown", None, words[position][0]))
            position += 1
            continue
        meaning = LEXICON[key]
        typed = [w for w, _ in words[position : position + size]]
        tokens.append(Token(meaning.kind, meaning.value, " ".join(typed), meaning.languages, fuzzy))
        position += size
    return tokens


def _language(tokens: list[Token]) -> str:
    scores = dict.fromkeys(LANGUAGES, 0.0)
    for token in tokens:
        for code in token.languages:
            scores[code] += 1 / len(token.languages)
    best = max(scores.values())
    return next(code for code in LANGUAGES if scores[code] == best) if best else "en"


def read(prompt: str) -> Reading:
    text, values = _lift_values((prompt or "").lower())
    text = fold(text)
    tokens: list[Token] = []
    chunk: list[str] = []
    words = text.split()
    guard = any(LEXICON.get((w,)) and LEXICON[(w,)].kind == "verb" and LEXICON[(w,)].value in _GUARDED_VERBS
                for w in words)
    # The language the exactly-known words speak breaks ties between typo corrections.
    language = _language([Token("", None, w, LEXICON[(w,)].languages) for w in words if (w,) in LEXICON])

    def flush():
        if chunk:
            tokens.extend(_phrases(chunk, guard, language))
            chunk.clear()

    for match in _WORD_OR_MARK.finditer(text):
        value, word, mark = match.groups()
        if word:
            chunk.append(word)
            continue
        flush()
        tokens.append(values[ord(value) - 0xE000] if value is not None else Token("sep", None, mark))
    flush()
    return Reading(tokens, _language(tokens))
