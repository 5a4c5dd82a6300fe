"""Prompt → edit plan. Pure and deterministic: no images, no model.

The reading (normalising, values, typos, language) is reader.py; the words
are data in vocabulary/; the plan's ops and folds are plan.py. This module is
the grammar between them:

1. Generative asks refuse the whole prompt: a word that always needs a model
   ("younger", "face swap"), or "add" / "draw" / "put" / "remove" / "replace"
   whose object is not an edit ("add a dragon", "remove the person",
   "replace the background with a beach").
2. The prompt is split into clauses on punctuation, "and", "then", "but".
3. Each clause gets a region: the background or the subject when it names
   one, the whole image when it names the image or starts with a verb, else
   the previous clause's ("… clean *and bright*"). Scope words change it:
   "only the subject" confines, "everything except the subject" and "… but
   keep the subject as it is" exclude. A scope on anything else ("keep the
   flag red") is refused, naming it: the mask only knows subject/background.
4. Edits are read in order: words that name an op ("sepia", "crop"),
   directional words with the modifiers before them ("too dark", "less
   dark" and "it is dark" ask for the opposite, "not bright enough" doesn't),
   colours (a background colour, or warmth: "too yellow"), and exact values
   (sizes, angles, factors, percentages) that become the ops' parameters.
5. Words the vocabulary doesn't know are tolerated next to an edit, unless
   they are something the edit would have to single out ("the shirt"); a
   clause of nothing but unknown words is refused, with the nearest phrasing
   that works.
"""

from __future__ import annotations

import re

from photos.budget import MAX_SIDE, MIN_SIDE

from .plan import DEFAULT_STRENGTH, CannotDo, Intent, build
from .reader import Token, read
from .refusals import Refusal, refuse
from .values import apply_values
from .vocabulary.colors import COLORS
from .vocabulary import SIZE_PRESETS, STRENGTH_VALUES

WARM_COLORS = {"yellow", "orange", "gold", "goldenrod"}
COOL_COLORS = {"blue"}
_EDIT_KINDS = {"op", "axis", "axis_verb", "color", "clean", "preset", "size", "ratio", "factor", "percent", "num",
               "unit"}
_SKIP = {"det", "filler", "strength", "prep"}


# With a mask, words about the mask itself say where, not what ("in the masked area").
MASK_WORDS = re.compile(
    r"\b(?:in|inside|within|on|under|from) (?:the |this |my )?(?:mask(?:ed)?(?: area| region| part| spot)?|"
    r"selection|selected (?:area|region|part|spot)|marked (?:area|region|part|spot))\b|"
    r"\b(?:en|dentro de) (?:la )?(?:m[aá]scara|zona (?:marcada|seleccionada))\b|"
    r"\b(?:in der maske|im (?:markierten|ausgew[aä]hlten) bereich)\b|"
    r"\b(?:dans (?:le masque|la zone (?:masqu[ée]e|s[ée]lectionn[ée]e|marqu[ée]e)))\b|"
    r"\b(?:nella maschera|nell'area (?:selezionata|mascherata)|nella zona (?:selezionata|mascherata))\b|"
    r"\b(?:na m[aá]scara|na [aá]rea (?:marcada|selecionada))\b"
)


def parse(prompt: str, masked: bool = False) -> list[dict]:
    """Turn a free-text prompt into an ordered edit plan, or raise UnsupportedPrompt.

    `masked=True` when the request brings a mask: words about the mask are
    understood, and "remove …" there is a retouch (`inpaint`) of what it covers,
    whatever it names — the mask says what, the offline retouch can do it."""
    if masked:
        prompt = MASK_WORDS.sub(" ", (prompt or "").lower())
    reading = read(prompt)
    try:
        return _parse(reading.tokens, masked)
    except Refusal as refusal:
        raise refuse(reading.language, refusal.key, refusal.suggest_for, **refusal.values) from None
    except CannotDo as cannot:
        raise refuse(reading.language, cannot.key, **cannot.values) from None


def _parse(tokens: list[Token], masked: bool = False) -> list[dict]:
    if not any(t.kind != "sep" for t in tokens):
        raise Refusal("empty")
    clauses = _clauses(tokens)
    retouches = [masked and _removes_something(clause) for clause in clauses]
    for clause, retouch in zip(clauses, retouches):
        if not retouch:
            _check_generative(clause)
    intents: list[Intent] = []
    region: str | None = None
    exclusion: str | None = None
    for clause, retouch in zip(clauses, retouches):
        if retouch:
            intents.append(Intent("inpaint", 0))
            continue
        found, region, excluded = _read_clause(clause, region)
        intents.extend(found)
        exclusion = excluded or exclusion
    if not intents:
        raise Refusal("no_edit")
    if any(t.kind == "unit" and t.value == "pad" for t in tokens):  # "resize to 1080x1080, and pad it"
        for intent in intents:
            if intent.kind == "resize" and intent.params.get("fit") == "crop":
                intent.params["fit"] = "pad"
    if exclusion:  # "… but keep the subject as it is": every whole-image colour edit goes to the rest
        for intent in intents:
            if intent.region is None and intent.inherent_region is None:
                intent.region = exclusion
    return build(intents)


def _clauses(tokens: list[Token]) -> list[list[Token]]:
    clauses, current = [], []
    for token in tokens:
        if token.kind == "sep" or (token.kind == "scope" and token.value == "but"):
            clauses.append(current)
            current = []
        else:
            current.append(token)
    clauses.append(current)
    return [c for c in clauses if c]


def _text(tokens: list[Token]) -> str:
    return " ".join(t.text for t in tokens)


def _next(clause: list[Token], index: int, skip: set) -> int | None:
    for i in range(index + 1, len(clause)):
        if clause[i].kind not in skip:
            return i
    return None


def _removes_something(clause: list[Token]) -> bool:
    """"remove <something that is not the background>": with a mask, a retouch of what it covers."""
    for i, token in enumerate(clause):
        if token.kind == "verb" and token.value == "remove":
            rest = [t for t in clause[i + 1 :] + clause[:i] if t.kind not in _SKIP]
            return not any(t.kind == "target" and t.value == "background" for t in rest)
    return False


# --- 1. generative asks --------------------------------------------------------------------------------------------

def _check_generative(clause: list[Token]) -> None:
    for i, token in enumerate(clause):
        if token.kind == "gen":
            raise Refusal("generative", part=token.text)
        if token.kind != "verb" or token.value not in ("add", "put", "create", "remove", "change"):
            continue
        verb = token.value
        skip = set(_SKIP) | {"mod"}
        if verb in ("put", "create", "add"):
            skip |= {"pronoun", "target"} if verb == "put" else {"target"} if verb == "create" else {"pronoun"}
        if verb in ("remove", "change"):
            skip |= {"scope"} if verb == "remove" else set()
            skip |= {"target"} - ({"target"} if any(t.kind == "target" and t.value != "image" for t in clause) else set())
            if any(t.kind == "scope" and t.value == "except" for t in clause):
                continue  # "remove everything except me": an isolation, read with the scope
        at = _next(clause, i, skip)
        if at is None and verb in ("remove", "change"):  # verb last: "die Person entfernen"
            at = next((j for j, t in enumerate(clause[:i]) if t.kind not in skip), None)
        if at is None:
            continue
        obj = clause[at]
        part = _text(clause[min(i, at) : max(i, at) + 1])
        if verb == "create" and obj.kind != "op":
            raise Refusal("generative", part=part)
        people = {"target", "pronoun"} if verb == "add" and obj.value not in ("background", "image") else set()
        if verb in ("add", "put") and obj.kind in {"thing", "unknown", "gen"} | people:
            raise Refusal("generative", part=part)
        if verb in ("remove", "change") and (obj.kind in ("thing", "unknown", "pronoun")
                                             or (obj.kind == "target" and obj.value == "subject")):
            raise Refusal("generative", part=part)
        if verb == "change" and obj.kind == "target" and obj.value == "background":
            rest = [t for t in clause[at + 1 :] if t.kind in ("thing", "unknown")]
            if rest:
                raise Refusal("generative", part=_text(clause[i : clause.index(rest[0]) + 1]))


# --- 3. scope ------------------------------------------------------------------------------------------------------

def _scoped(tokens: list[Token], things_are_subject: bool = False) -> tuple[str | None, int]:
    """("background" / "subject", tokens it took) for the part after a scope word; refuses a named object."""
    for i, token in enumerate(tokens):
        if token.kind == "target" and token.value in ("background", "subject"):
            return token.value, i + 1
        if token.kind == "pronoun":
            return "subject", i + 1
        named = token.kind == "thing" or (token.kind == "unknown" and i and tokens[i - 1].kind == "det")
        if named:
            if things_are_subject:
                return "subject", i + 1
            start = i - 1 if i and tokens[i - 1].kind == "det" else i
            raise Refusal("scope", part=_text(tokens[start : i + 1]))
        if token.kind not in ("det", "filler", "prep", "scope", "target"):
            break
    return None, 0


OTHER = {"background": "subject", "subject": "background"}


def _find(clause: list[Token], kind: str, value: str) -> int | None:
    return next((i for i, t in enumerate(clause) if t.kind == kind and t.value == value), None)


def _read_clause(clause: list[Token], previous: str | None) -> tuple[list[Intent], str | None, str | None]:
    """(intents, the clause's region, a region every unscoped edit of the prompt moves to)."""
    intents: list[Intent] = []
    exclusion = region = None
    explicit = False
    keep = _find(clause, "verb", "keep")
    if keep is not None:  # "… keep the subject as it is" / "keep only the person"
        kept = clause[keep + 1 :]
        clause = clause[:keep]
        if any(t.kind == "scope" and t.value == "only" for t in kept):
            intents.append(Intent("background_remove", keep, inherent_region="background"))
        else:
            target, _ = _scoped(kept)
            if target is None and not _has_edit(clause):  # verb last: "das Motiv unverändert lassen"
                target, _ = _scoped(clause)
                clause = []
            exclusion = OTHER.get(target)
    except_at = _find(clause, "scope", "except")
    if except_at is not None:  # "blur everything except the subject"
        target, taken = _scoped(clause[except_at + 1 :])
        clause = clause[:except_at] + clause[except_at + 1 + taken :]
        if target:
            region, explicit = OTHER[target], True
            if not _has_edit(clause):
                exclusion = region
    only_at = _find(clause, "scope", "only")
    if only_at is not None and not explicit:
        target, taken = _scoped(clause[only_at + 1 :], things_are_subject=not _has_edit(clause))
        clause = clause[:only_at] + clause[only_at + 1 + taken :]
        if target:
            region, explicit = target, True
            if target == "subject" and not _has_edit(clause):
                intents.append(Intent("background_remove", only_at, inherent_region="background"))
    if _find(clause, "verb", "isolate") is not None:
        intents.append(Intent("background_remove", 0, inherent_region="background"))
    if not explicit:
        region = _region(clause, previous)
    intents.extend(_edits(clause, region, previous))
    _check_leftovers(clause, intents)
    return intents, region, exclusion


def _has_edit(tokens: list[Token]) -> bool:
    return any(t.kind in ("op", "axis", "axis_verb", "color", "clean") or (t.kind == "verb" and t.value == "remove")
               for t in tokens)


def _region(clause: list[Token], previous: str | None) -> str | None:
    kinds = {(t.kind, t.value) for t in clause}
    if ("target", "background") in kinds:
        return "background"
    if ("target", "subject") in kinds:
        return "subject"
    if ("target", "image") in kinds or ("scope", "all") in kinds or any(t.kind in ("verb", "axis_verb")
                                                                         for t in clause):
        return None
    return previous


def _check_leftovers(clause: list[Token], intents: list[Intent]) -> None:
    colours = any(t.kind == "color" for t in clause)
    for i, token in enumerate(clause):
        det = i and clause[i - 1].kind == "det"
        if token.kind == "thing" and (intents or colours):
            raise Refusal("scope", part=_text(clause[i - 1 : i + 1] if det else [token]))
        if token.kind == "unknown" and intents and det and not (i > 1 and clause[i - 2].kind == "prep"):
            raise Refusal("scope", part=_text(clause[i - 1 : i + 1]))
    if not intents:
        if any(t.kind == "thing" for t in clause):
            raise Refusal("generative", part=_text(clause))
        unknown = [t for t in clause if t.kind == "unknown"]
        if unknown:
            raise Refusal("not_understood", suggest_for=_text(clause), part=_text(clause))


# --- 4. edits ------------------------------------------------------------------------------------------------------

def _edits(clause: list[Token], region: str | None, previous: str | None) -> list[Intent]:
    intents: list[Intent] = []
    mods: list[str] = []
    make = any(t.kind == "verb" and t.value in ("make", "turn") for t in clause)
    background = region == "background"
    on = False
    for i, token in enumerate(clause):
        kind, value = token.kind, token.value
        if kind == "mod":
            mods.append(value)
            on = on or value == "on"
        elif kind == "verb" and value == "remove":
            target = _next(clause, i, _SKIP | {"mod"})
            if background and (target is None or clause[target].kind == "target") or (
                    target is not None and clause[target].kind == "target" and clause[target].value == "background"):
                intents.append(Intent("background_remove", i, inherent_region="background"))
            mods.append("less")
        elif kind == "op":
            intents.append(_op_intent(value, i))
        elif kind in ("axis", "axis_verb"):
            axis, sign = value[:-1], 1 if value.endswith("+") else -1
            after = clause[i + 1].value if i + 1 < len(clause) and clause[i + 1].kind == "mod" else None
            stated = "is" in mods and not make and kind == "axis"  # "it is dark" asks for the opposite
            invert = {"less", "too", "not"} & set(mods) or stated or after == "too_after"
            if invert and "enough" not in mods and after != "enough":
                sign = -sign
            intents.append(Intent(f"axis:{axis}", i, sign=sign))
            mods = []
        elif kind == "clean" and background:
            following = _next(clause, i, _SKIP)
            if following is None or clause[following].kind != "color":
                intents.append(Intent("background_clean", i, inherent_region="background"))
        elif kind == "color":
            intent = _colour(token, i, mods, background or on, previous == "background" and region is None)
            if intent:
                intents.append(intent)
            mods = []
    apply_values(clause, intents)
    ops = {i.kind for i in intents}
    if {"background_color", "shadow"} <= ops and any(t.kind == "mod" and t.value == "with" for t in clause):
        intents.append(Intent("product_frame", len(clause)))  # "white background with a shadow": the product look
    strength = _strength(clause)
    for intent in intents:
        intent.strength = strength if intent.strength == DEFAULT_STRENGTH else intent.strength
        intent.region = region if intent.kind not in ("background_color",) else None
    return intents


def _op_intent(value: str, position: int) -> Intent:
    op, _, variant = value.partition(".")
    params: dict = {}
    if op == "crop" and variant:
        params["aspect"] = variant
    elif op == "rotate" and variant:
        params["degrees"] = int(variant)
    elif op == "flip":
        params["axis"] = variant or "horizontal"
    elif op == "shadow":
        params["kind"] = variant or "soft"
    elif op == "format":
        op, params["format"] = "output_format", variant
    elif op == "resize" and variant == "half":
        op = "resize.half"
    inherent = "background" if op in ("background_blur", "background_remove", "background_clean",
                                      "background_image") else None
    return Intent(op, position, params=params, inherent_region=inherent)


def _colour(token: Token, position: int, mods: list[str], background: bool, continues: bool) -> Intent | None:
    name = token.value[1] if isinstance(token.value, tuple) else token.value
    if not background and name in WARM_COLORS | COOL_COLORS:
        sign = 1 if name in WARM_COLORS else -1
        if {"less", "too", "not", "is"} & set(mods):
            sign = -sign
        return Intent("axis:warmth", position, sign=sign)
    if background or continues:
        rgb = token.value[0] if isinstance(token.value, tuple) else COLORS[name]
        return Intent("background_color", position, params={"color": list(rgb), "name": name},
                      inherent_region="background")
    return None


def _strength(clause: list[Token]) -> float:
    for level in ("max", "strong", "light"):
        if any(t.kind == "strength" and t.value == level for t in clause):
            return STRENGTH_VALUES[level]
    return DEFAULT_STRENGTH


__all__ = ["parse", "MAX_SIDE", "MIN_SIDE", "SIZE_PRESETS"]
