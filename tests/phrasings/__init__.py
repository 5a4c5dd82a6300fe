"""The public prompt corpus: what people type, in six languages, and the plan each must give.

One module per language, each a list `PHRASINGS` of (category, prompt, expected):
- category: basic, typo, chatter, scope, exact, new_ops or generative;
- expected: None when the prompt must be refused (422), else the plan's steps in
  order, each an op name, (op, sign) for a signed op, (op, {params}) for key
  parameters, or (op, sign, {params}).

`python -m tests.phrasings` prints the pass rate per category and language."""

from __future__ import annotations

from . import de, en, es, fr, it, pt

LANGUAGES = {"en": en, "es": es, "de": de, "fr": fr, "it": it, "pt": pt}
CATEGORIES = ("basic", "typo", "chatter", "scope", "exact", "new_ops", "generative")


def all_phrasings():
    for code, module in LANGUAGES.items():
        for category, prompt, expected in module.PHRASINGS:
            yield code, category, prompt, expected


def _normal(item):
    op, sign, params = item, None, {}
    if isinstance(item, tuple):
        op, *rest = item
        for part in rest:
            if isinstance(part, dict):
                params = part
            else:
                sign = part
    return op, sign, params


def mismatch(plan, expected) -> str | None:
    """Why `plan` doesn't meet `expected` (None when it does)."""
    wanted = [_normal(item) for item in expected]
    if [step["op"] for step in plan] != [op for op, _, _ in wanted]:
        return f"ops {[s['op'] for s in plan]} != {[op for op, _, _ in wanted]}"
    for step, (op, sign, params) in zip(plan, wanted):
        if sign is not None and (step["strength"] > 0) - (step["strength"] < 0) != sign:
            return f"{op}: strength {step['strength']} has the wrong sign"
        for key, value in params.items():
            if step.get(key) != value:
                return f"{op}: {key}={step.get(key)!r}, expected {value!r}"
    return None


def outcome(prompt, expected) -> str | None:
    from photos.engines.base import UnsupportedPrompt
    from photos.engines.local.parser import parse

    try:
        plan = parse(prompt)
    except UnsupportedPrompt as refused:
        return None if expected is None else f"refused: {str(refused)[:120]}"
    return f"not refused: {plan}" if expected is None else mismatch(plan, expected)
