"""Exact values → op parameters: sizes, presets, angles, factors, percentages,
ratios and directions, read from one clause's tokens.

A number takes its meaning from the unit next to it ("45 degrees", "800 px
wide", "width 800", "20%"); a bare number from the op it goes with ("rotate
45", "resize to 1024"). Values with no op of their own bring one: "1080x1080"
resizes, "45°" rotates, "2x" upscales, "16:9" crops."""

from __future__ import annotations

from photos.budget import MAX_SIDE, MIN_SIDE

from .plan import Intent
from .reader import Token
from .refusals import Refusal
from .vocabulary import SIZE_PRESETS
from .vocabulary.colors import COLORS

MAX_FACTOR = 4


def _quantities(clause: list[Token]) -> list[tuple[str, object, int]]:
    """(kind, value, position): num tokens named by their units, and the value tokens as they are."""
    found = []
    units = {i: t.value for i, t in enumerate(clause) if t.kind == "unit"}
    for i, token in enumerate(clause):
        if token.kind in ("percent", "degrees", "factor", "size", "preset"):
            found.append((token.kind, token.value, i))
        elif token.kind == "num":
            after = [units.get(i + 1), units.get(i + 2) if units.get(i + 1) == "pixels" else None]
            before = units.get(i - 1) or units.get(i - 2)
            if after[0] in ("degrees", "percent"):
                found.append((after[0], token.value, i))
            elif after[0] == "times":
                found.append(("factor", token.value, i))
            elif after[0] in ("width", "height", "long_side") or after[1] in ("width", "height", "long_side"):
                found.append((after[0] if after[0] != "pixels" else after[1], token.value, i))
            elif before in ("width", "height"):
                found.append((before, token.value, i))
            elif after[0] == "pixels":
                found.append(("pixels", token.value, i))
            else:
                found.append(("num", token.value, i))
    return found


def _intent(intents: list[Intent], kind: str, position: int) -> Intent:
    found = next((i for i in intents if i.kind == kind), None)
    if found is None:
        found = Intent(kind, position)
        intents.append(found)
        intents.sort(key=lambda i: i.position)
    return found


def _side(value: float) -> int:
    size = int(round(value))
    if not MIN_SIDE <= size <= MAX_SIDE:
        raise Refusal("resize_range", size=size, low=MIN_SIDE, high=MAX_SIDE)
    return size


def _rotation(degrees: float | None, clause: list[Token]) -> dict:
    """Degrees clockwise. Multiples of 90 turn the pixels losslessly; any other
    angle rotates and crops the corners (said in the plan as corners="crop")."""
    counter = any(t.kind == "dir" and t.value == "left" for t in clause)
    if degrees is None:
        return {"degrees": 270 if counter else 90}
    degrees = degrees * (-1 if counter else 1)
    degrees = (degrees + 180) % 360 - 180 or 0.0  # (-180, 180]
    if degrees % 90 == 0:
        return {"degrees": int(degrees) % 360 or (180 if abs(degrees) == 180 else 0)}
    return {"degrees": round(degrees, 1), "corners": "crop"}


def apply_values(clause: list[Token], intents: list[Intent]) -> None:
    kinds = {i.kind for i in intents}
    units = {t.value for t in clause if t.kind == "unit"}
    quantities = _quantities(clause)
    by_kind: dict[str, list] = {}
    for kind, value, position in quantities:
        by_kind.setdefault(kind, []).append((value, position))
    turn = any(t.kind == "verb" and t.value == "turn" for t in clause)
    dirs = {t.value for t in clause if t.kind == "dir"}

    for value, position in by_kind.get("preset", []):
        size = SIZE_PRESETS[value]
        if size is None:
            raise Refusal("passport")
        if "upscale" in kinds:
            _intent(intents, "upscale", position).params = {"size": _side(max(size))}
        else:
            _exact(intents, position, size, units, clause)
    for value, position in by_kind.get("size", []):
        intents[:] = [i for i in intents if i.kind != "upscale"]
        _exact(intents, position, value, units, clause)
    for kind in ("pixels", "long_side"):
        for value, position in by_kind.get(kind, []):
            op = "upscale" if "upscale" in kinds else "resize"
            _intent(intents, op, position).params = {"size": _side(value)}
    for kind in ("width", "height"):
        for value, position in by_kind.get(kind, []):
            intent = _intent(intents, "resize", position)
            intent.params.pop("size", None)
            intent.params.pop("scale", None)
            intent.params[kind] = _side(value)

    degrees = by_kind.get("degrees", [])
    numbers = by_kind.get("num", [])
    if degrees or "rotate" in kinds or (turn and (dirs & {"left", "right"} or numbers)):
        rotate = _intent(intents, "rotate", degrees[0][1] if degrees else 0)
        if "degrees" not in rotate.params or degrees or numbers:
            angle = degrees[0][0] if degrees else numbers.pop(0)[0] if numbers else None
            rotate.params = _rotation(angle, clause)
    if "flip" in kinds:
        flip = _intent(intents, "flip", 0)
        if "vertical" in dirs or any(i.kind == "rotate" and i.params.get("degrees") == 180 and not degrees
                                     for i in intents):
            flip.params["axis"] = "vertical"
            intents[:] = [i for i in intents if i.kind != "rotate" or degrees]

    for value, position in by_kind.get("factor", []):
        if not 1 < value <= MAX_FACTOR:
            raise Refusal("upscale_range", factor=f"×{value:g}", high=MAX_SIDE)
        _intent(intents, "upscale", position).params = {"factor": int(value) if value == int(value) else value}
    for value, position in numbers:
        if "upscale" in kinds and value <= MAX_FACTOR:
            _intent(intents, "upscale", position).params = {"factor": int(value)}
        elif "upscale" in kinds:
            _intent(intents, "upscale", position).params = {"size": _side(value)}
        elif "resize" in kinds and not _intent(intents, "resize", position).params:
            _intent(intents, "resize", position).params = {"size": _side(value)}

    for value, position in by_kind.get("percent", []):
        if "margin" in units:
            if not 0 <= value <= 25:
                raise Refusal("margin_range", percent=f"{value:g}")
            _intent(intents, "product_frame", position).params["fill"] = round(1 - 2 * value / 100, 2)
        elif "resize" in kinds:
            _intent(intents, "resize", position).params = {"scale": round(value / 100, 3)}
        elif "upscale" in kinds:
            factor = value / 100 if value > 100 else 1 + value / 100
            if not 1 < factor <= MAX_FACTOR:
                raise Refusal("upscale_range", factor=f"{value:g}%", high=MAX_SIDE)
            _intent(intents, "upscale", position).params = {"factor": round(factor, 2)}
        else:
            for intent in intents:
                intent.strength = round(min(1.0, max(0.05, value / 100)), 2)

    for token in clause:
        if token.kind == "ratio":
            numeric = any(c.isdigit() for c in token.text) or token.value == "1:1"
            if numeric or any(i.kind == "crop" for i in intents):
                _intent(intents, "crop", 0).params["aspect"] = token.value
    for intent in intents:
        if intent.kind == "crop":
            intent.params.setdefault("aspect", "1:1")
        elif intent.kind == "upscale" and not intent.params:
            intent.params["factor"] = 2
        elif intent.kind == "resize.half":
            intent.kind, intent.params = "resize", intent.params or {"scale": 0.5}
        elif intent.kind == "resize" and not intent.params:
            raise Refusal("resize_size")


def _exact(intents: list[Intent], position: int, size: tuple[int, int], units: set, clause: list[Token]) -> None:
    width, height = (_side(v) for v in size)
    params = {"width": width, "height": height, "fit": "pad" if "pad" in units else "crop"}
    if params["fit"] == "pad":
        colour = next((t.value for t in clause if t.kind == "color"), None)
        if colour is not None:
            params["color"] = list(colour[0] if isinstance(colour, tuple) else COLORS[colour])
    intents[:] = [i for i in intents if i.kind not in ("crop", "resize.half")]
    _intent(intents, "resize", position).params = params
