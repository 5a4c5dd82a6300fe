"""Colour names → exact RGB: every CSS colour name (from `webcolors`), written
together ("lightblue") or apart ("light blue"), plus a few names CSS lacks.

The language tables map their own colour words to these English names
("rojo" → "red"), so a colour means the same value in every language."""

from __future__ import annotations

import re

import webcolors

# Words CSS glues together; splitting on them gives the spaced spelling people type.
_PARTS = (
    "alice antique blanched blue cadet chocolate coral cornflower cyan dark deep dim dodger floral forest ghost gold "
    "goldenrod green honeydew hot indian lavender lawn lemon light lime medium midnight mint misty navajo old olive "
    "orange pale papaya peach powder rebecca rosy royal saddle sandy sea sky slate spring steel violet white yellow "
    "red brown purple pink gray grey turquoise aquamarine orchid chiffon wood smoke blush whip puff rose cream "
    "lace drab seashell salmon magenta khaki snow wheat tan"
).split()
_SPLIT = re.compile("(" + "|".join(sorted(_PARTS, key=len, reverse=True)) + ")")

# Names CSS doesn't have, as people say them for a backdrop.
EXTRA = {
    "off white": (245, 245, 240),
    "cream": (250, 245, 225),
    "light grey": (211, 211, 211),
}


def _spaced(name: str) -> str:
    parts = [p for p in _SPLIT.split(name) if p]
    return " ".join(parts) if "".join(parts) == name else name


def _table() -> dict[str, tuple[int, int, int]]:
    colors: dict[str, tuple[int, int, int]] = {}
    for name in webcolors.names("css3"):
        rgb = tuple(webcolors.name_to_rgb(name))
        colors[name] = rgb
        colors[_spaced(name)] = rgb
    for name, rgb in EXTRA.items():
        colors.setdefault(name, rgb)
    for name in list(colors):  # "grey" is as good as "gray" everywhere
        colors.setdefault(name.replace("gray", "grey"), colors[name])
        colors.setdefault(name.replace("grey", "gray"), colors[name])
    return colors


COLORS = _table()

HEX = re.compile(r"#([0-9a-f]{6}|[0-9a-f]{3})\b")
RGB = re.compile(r"\brgba?\(\s*(\d{1,3})\s*,\s*(\d{1,3})\s*,\s*(\d{1,3})\s*(?:,\s*[\d.]+\s*)?\)")


def from_hex(digits: str) -> tuple[int, int, int]:
    if len(digits) == 3:
        digits = "".join(c * 2 for c in digits)
    return tuple(int(digits[i : i + 2], 16) for i in (0, 2, 4))
