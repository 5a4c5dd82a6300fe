"""Prompt → edit plan. Pure and deterministic: no images, no model.

A plan is a list of steps, each `{"op": name, "strength": float, **params}`.
Signed ops (brightness, exposure, contrast, saturation, vibrance, warmth)
carry the direction in the sign of `strength`; every other op has strength
in (0, 1]. A step may carry `"region": "background" | "subject"` to confine
a colour op to one side of the subject mask.

How it reads a prompt:
1. Normalise: lower-case, spell synonyms one way ("b&w" → "black and white",
   "backdrop" → "background", "colour" → "color").
2. Split into clauses on punctuation, "and", "then", "also", "plus".
3. Each clause gets a region: "background" if it names it, "subject" if it
   names the subject, the whole image otherwise. A clause that starts with a
   bare adjective ("… clean *and bright*") inherits the previous clause's region.
4. Fixed phrases are matched first (they would confuse the word pass: "black
   and white" is not a request for white), then directional words with the
   modifiers around them: "too dark" / "less dark" / "not so dark" / "it is
   dark" flip the direction, "not bright enough" keeps it.
5. Anything left that is neither an edit nor filler, and any generative ask
   ("add a dragon", "swap my face"), rejects the whole prompt.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from photos.formats import PROMPT_PATTERN as FORMAT_PATTERN

from ..base import UnsupportedPrompt

MAX_SIDE = 8000
MIN_SIDE = 16
DEFAULT_STRENGTH = 0.6

CAPABILITIES = (
    "background: make it clean and bright, white or a plain named colour, remove it (transparent), "
    "blur it (portrait/bokeh), darken, brighten or desaturate it; "
    "whole image: brightness, contrast, exposure, saturation, vibrance, warmer/cooler, "
    "black and white, sepia, vintage, sharpen, blur, denoise/smooth, vignette, auto-enhance, "
    "pencil sketch, cartoon; "
    "geometry: rotate 90/180, left/right or by any angle, straighten (level the horizon), flip "
    "horizontally/vertically, crop to square, 16:9 or 4:5 around the subject, upscale ×2, resize to N px "
    "(longest side, up to 8000); product photo (subject centred on a square white canvas, optional margin); "
    "drop shadow or soft shadow under the subject; output as png, jpg or webp"
)

COLORS = {
    "off white": (245, 245, 240),
    "light gray": (211, 211, 211),
    "dark gray": (64, 64, 64),
    "light blue": (150, 200, 240),
    "sky blue": (135, 206, 235),
    "white": (255, 255, 255),
    "black": (0, 0, 0),
    "gray": (128, 128, 128),
    "silver": (192, 192, 192),
    "red": (220, 40, 40),
    "green": (60, 160, 70),
    "blue": (40, 90, 200),
    "navy": (20, 30, 80),
    "yellow": (250, 215, 60),
    "orange": (245, 140, 40),
    "pink": (245, 170, 200),
    "purple": (130, 60, 160),
    "beige": (230, 215, 185),
    "cream": (250, 245, 225),
    "brown": (120, 80, 50),
    "teal": (0, 128, 128),
}

# Synonyms are rewritten before anything else so the rules below only need
# one spelling. Order matters: longer phrases first.
SYNONYMS = [
    # One token, so clause splitting on "and" can't cut it in half.
    (r"\bb\s*&\s*w\b|\bb/w\b|\bbw\b|\bblack\s*(?:&|and|-and-|n)\s*white\b", "blackandwhite"),
    (r"\bmonochrome\b|\bmono\b|\bgr[ae]yscale\b|\bnoir\b", "blackandwhite"),
    (r"\bgrey\b", "gray"),
    (r"\bgreyer\b|\bgrayer\b", "gray"),
    (r"\bcolour", "color"),
    (r"\bback ground\b|\bbackdrop\b|\bbg\b|\bsurroundings\b|\bbehind (?:me|him|her|them|the subject)\b", "background"),
    (r"&", " and "),
    (r"\bwhite-?balance\b", "white balance"),
    (r"\s+", " "),
]

CLAUSE_SPLIT = re.compile(r"[,;!?\n]+|(?<!\d)\.+|\.+(?!\d)|\band then\b|\bthen\b|\band\b|\balso\b|\bplus\b|\bas well as\b")

BACKGROUND_WORDS = re.compile(r"\bbackgrounds?\b")
SUBJECT_WORDS = re.compile(r"\b(?:subject|foreground|person|people|my face|the face|his face|her face|skin)\b")
IMAGE_WORDS = re.compile(r"\b(?:it|its|image|photo|picture|pic|whole|everything|overall|entire)\b")
# A clause starting with one of these is an instruction of its own; one that
# doesn't ("bright", "more blurry") continues the previous clause's target.
VERBS = re.compile(
    r"^(?:please |can you |could you |just |now )*(?:make|turn|convert|add|apply|give|crop|rotate|flip|mirror|"
    r"resize|scale|upscale|enlarge|sharpen|brighten|darken|lighten|blur|warm|cool|increase|boost|raise|reduce|"
    r"decrease|lower|remove|enhance|improve|fix|desaturate|saturate|denoise|smooth|soften|put|place|set|"
    r"change|replace|use|do|i want|i'd like|it|the image|the photo|the picture)\b"
)

INTENSITY = [
    (re.compile(r"\b(?:extremely|super|maximum|max|maximally|totally|completely|fully|as much as possible|insanely)\b"), 1.0),
    (re.compile(r"\b(?:a lot|much|very|really|way|strongly|significantly|heavily|lots|considerably|greatly|"
                r"dramatically|massively|seriously|so much|substantially|strong|heavy|bold|pronounced)\b"), 0.85),
    (re.compile(r"\b(?:slightly|slight|a bit|a little|a touch|a tad|tad|subtle|subtly|gently|gentle|somewhat|"
                r"little bit|lightly|mildly|a hint|marginally|barely|a little more|a bit more|faint|delicate)\b"), 0.3),
]

# Directional words: form → (axis, sign). The axis is resolved to an op by
# region and final sign in `resolve`.
AXIS_WORDS = {
    "brightness": {
        1: "bright|brighter|brightest|brighten|brightened|brightness|lighter|lighten|lightened|luminous|sunnier|airy|airier",
        -1: "dark|darker|darken|darkened|dim|dimmer|dimmed|gloomy|murky|shadowy",
    },
    "exposure": {1: "exposure|overexposed|over-exposed|overexpose", -1: "underexposed|under-exposed"},
    "contrast": {
        1: "contrast|contrasty|punchy|punchier|punch|dramatic|more dramatic|deeper blacks",
        -1: "flat|flatter|washed out|low contrast",
    },
    "saturation": {
        1: "saturated|saturate|saturation|colorful|colorfull|vivid|more vivid|vivider|richer colors|rich colors|"
        "more color|stronger colors|deeper colors|boost the colors|boost colors|enhance the colors",
        -1: "desaturate|desaturated|muted|mute the colors|colorless|less color|less colorful|faded colors",
    },
    "vibrance": {1: "vibrance|vibrant|pop|poppy|more life|lively", -1: "dull|duller|lifeless|drab"},
    "warmth": {
        1: "warm|warmer|warmth|warm up|yellow|yellower|yellowish|orange|orangey|orangish|golden|cozy|cosy",
        -1: "cool|cooler|cool down|cold|colder|blue|bluer|bluish|blueish|icy",
    },
    "sharpness": {
        1: "sharp|sharper|sharpen|sharpened|sharpness|crisp|crisper|crispy|crisp up|clear|clearer|clarity|"
        "more detail|more details|detailed|defined|in focus|focused|deblur|unblur",
        -1: "blur|blurry|blurred|blurrier|blurring|fuzzy|out of focus|unfocused|defocus|defocused",
    },
    "smoothness": {1: "smooth|smoother|smoothen|smoothed|soft|softer|soften|softened|silky"},
    "noise": {1: "noise|noisy|grain|grainy|grainier|speckled|speckles|artifacts|artefacts"},
    "clutter": {1: "busy|cluttered|messy|distracting|chaotic|crowded"},
}

INVERSE_BEFORE = re.compile(
    r"(?:\btoo|\boverly|\bexcessively|\bless|\bnot so|\bnot as|\bnot that|\bnot too|\bnot|\breduce(?: the)?|"
    r"\bdecrease(?: the)?|\blower(?: the)?|\bremove(?: the)?|\bcut(?: the)?|\btone down(?: the)?|\bdrop(?: the)?|"
    r"\bno|\bwithout|\bget rid of(?: the)?|\bfix(?: the)?|\bcorrect(?: the)?|\bminimi[sz]e(?: the)?|"
    r"\b(?:is|are|'s|looks|seems|feels|look|seem|feel)(?: (?:so|very|really|way|kind of|kinda|a bit|a little|"
    r"quite|pretty|rather|slightly|much|too))*)"
    r"(?: (?:much|way|a bit|a little|slightly|very|really|so))* $"
)
ENOUGH_AFTER = re.compile(r"^ enough\b")


def _alternation(forms: str) -> str:
    return "|".join(sorted(forms.split("|"), key=len, reverse=True))


AXIS_PATTERN = re.compile(
    r"\b(?:"
    + "|".join(
        f"(?P<{axis}_{'pos' if sign > 0 else 'neg'}>{_alternation(forms)})"
        for axis, signs in AXIS_WORDS.items()
        for sign, forms in signs.items()
    )
    + r")\b"
)

_COLOR_ALTS = _alternation("|".join(COLORS))


@dataclass
class Intent:
    """One recognised request before the region decides which op it becomes."""

    kind: str  # an op name, or "axis:<axis>"
    position: int
    sign: int = 1
    params: dict | None = None
    inherent_region: str | None = None  # e.g. bokeh is always about the background


# Fixed phrases: (pattern, builder(match) → (kind, params, inherent_region)).
def _rotation(m: re.Match) -> dict:
    """Degrees clockwise. Multiples of 90 turn the pixels losslessly; any other
    angle rotates and crops the corners (said in the plan as corners="crop")."""
    text = m.group(0)
    counter = re.search(r"left|counter[- ]?clockwise|anti[- ]?clockwise|\bccw\b", text)
    number = re.search(r"(-?\d{1,3}(?:\.\d+)?)", text)
    if number:
        degrees = float(number.group(1)) * (-1 if counter else 1)
        degrees = (degrees + 180) % 360 - 180 or 0.0  # (-180, 180]
        if degrees % 90 == 0:
            return {"degrees": int(degrees) % 360 or (180 if abs(degrees) == 180 else 0)}
        return {"degrees": round(degrees, 1), "corners": "crop"}
    if re.search(r"upside down|half turn", text):
        return {"degrees": 180}
    if counter:
        return {"degrees": 270}
    return {"degrees": 90}


def _aspect(m: re.Match) -> dict:
    text = m.group(0)
    for pattern, aspect in (
        (r"16:9|16 by 9|16x9|widescreen|wide screen|youtube|landscape", "16:9"),
        (r"9:16|story|stories|reel|tiktok", "9:16"),
        (r"4:5|4 by 5|4x5|instagram portrait|portrait crop|portrait format|portrait ratio", "4:5"),
        (r"4:3", "4:3"),
        (r"3:2", "3:2"),
    ):
        if re.search(pattern, text):
            return {"aspect": aspect}
    return {"aspect": "1:1"}


def _upscale(m: re.Match) -> dict:
    digits = re.search(r"([2-4])\s*(?:x|×)|(?:x|×)\s*([2-4])", m.group(0))
    factor = int(next(g for g in digits.groups() if g)) if digits else 2
    return {"factor": factor}


def _resize(m: re.Match) -> dict:
    text = m.group(0)
    if re.search(r"\b4k\b", text):
        size = 3840
    elif re.search(r"full ?hd|\b1080p\b", text):
        size = 1920
    else:
        size = int(re.search(r"\d+", text).group(0))
    if not MIN_SIDE <= size <= MAX_SIDE:
        raise UnsupportedPrompt(
            f"Resize target {size} px is out of range: the longest side must be {MIN_SIDE}–{MAX_SIDE} px."
        )
    return {"size": size}


# What follows "rotate" (optional) or "turn" (required, else "turn it into…" would rotate).
_TURN = (r"(?:(?: (?:it|the image|the photo|the picture|this))?(?: (?:by|to))?(?: (?:-?\d{1,3}(?:\.\d+)?)(?: ?degrees?| ?deg\b| ?°)?)"
         r"(?: (?:to the )?(?:left|right)| (?:counter[- ]?|anti[- ]?)?clockwise| ccw| cw)?"
         r"|(?: (?:it|the image|the photo|the picture|this))?(?: (?:to the )?(?:left|right)|"
         r" (?:counter[- ]?|anti[- ]?)?clockwise| ccw| cw| upside down| sideways))")
_SIZE = r"(?:\d{2,5}\s*(?:px|pixels?|p\b)?|4k|full ?hd|1080p)"
_SHADOW = (r"\b(?:(?:add|give(?: it)?|with|cast|put|place|create)(?: (?:a|an|the|some))? )?"
           r"(?:(?P<kind>drop|soft|contact|natural|realistic|subtle|strong|light|faint|heavy|hard|dark|gentle|"
           r"long|ground|floor|cast)[- ])*shadows?\b"
           r"(?: (?:under(?:neath)?|beneath|below|behind)(?: (?:it|him|her|them|the (?:product|subject|item|"
           r"object|person|bottle|shoe|shoes)))?)?")


def _shadow(m: re.Match) -> dict:
    return {"kind": "drop" if re.search(r"\b(?:drop|hard|long|cast)\b", m.group(0)) else "soft"}


def _margin(m: re.Match) -> dict:
    percent = float(m.group("percent"))
    if not 0 <= percent <= 25:
        raise UnsupportedPrompt(f"A {percent:g}% margin is out of range: ask for 0–25% on each side.")
    return {"fill": round(1 - 2 * percent / 100, 2)}


FIXED_PHRASES: list[tuple[re.Pattern, str, object, str | None]] = [
    (re.compile(r"\bretouchmasked\b"), "inpaint", None, None),
    (re.compile(r"\b(?:(?:put|place|set)(?: (?:me|him|her|it|them|us|the (?:subject|person|product|item)))? "
                r"(?:on|onto|in front of|over|against) (?:this|that|the|my|the attached|the uploaded|the given|"
                r"the new) (?:background|image|photo|picture|backdrop|scene)|use (?:this|that|the attached|"
                r"the uploaded|my|the given|the new) (?:background|backdrop|image as (?:the )?background)|"
                r"replace the background with (?:this|that|the attached|the uploaded|my|the given|the new)"
                r"(?: (?:one|image|photo|picture|background))?)\b"), "background_image", None, "background"),
    (FORMAT_PATTERN, "output_format", lambda m: {"format": "jpg" if m.group("format") == "jpeg" else m.group("format")},
     None),
    (re.compile(r"\b(?:(?:make it (?:look )?(?:like )?|turn it into |as )?(?:an? )?)?(?:(?:product|packshot|pack shot|"
                r"e-?commerce|ecom|amazon|shopify|etsy|ebay|marketplace|catalog(?:ue)?|listing|shop|store)"
                r"(?: (?:listing|product))?(?: (?:photo|shot|image|picture|pic|style|look|photography|ready))+|"
                r"packshot|pack shot|cent(?:er|re)(?: the| my)? (?:product|item|object|subject)|"
                r"white background with (?:an? )?(?:soft |drop |subtle |contact )?shadow)\b"),
     "product_frame", lambda m: {"shadow": "soft"} if "shadow" in m.group(0) else {}, None),
    (re.compile(r"\b(?:with )?(?:an? )?(?P<percent>\d{1,3}(?:\.\d+)?) ?%(?: (?:white ?space|margin|padding|border))"
                r"(?: (?:all )?around(?: it)?| on (?:each|every|all) sides?)?"), "product_frame", _margin, None),
    (re.compile(_SHADOW), "shadow", _shadow, None),
    (re.compile(r"\b(?:straighten(?: (?:it|the (?:image|photo|picture|horizon)))?(?: up)?|level(?: (?:out|off))?"
                r"(?: the)? horizon|(?:make|get)(?: (?:it|the horizon|the photo))? (?:level|straight)|"
                r"fix(?: the)? (?:tilt|horizon|crooked horizon)|horizon straight|un-?tilt|de-?skew|"
                r"(?:it'?s|it is|is) (?:crooked|tilted|not straight))\b"), "straighten", lambda m: {"corners": "crop"}, None),
    (re.compile(r"\b(?:(?:put|place|set|show)(?: (?:it|him|her|them|the (?:product|item|subject|object|person)|"
                r"my (?:product|item)))? )?on (?:a |an |the )?(?:plain |pure |solid |clean |simple )?"
                r"(?P<color>" + _COLOR_ALTS + r")(?: (?:background|backdrop))?\b"),
     "background_color", lambda m: {"color": list(COLORS[m.group("color")]), "name": m.group("color")},
     "background"),
    (re.compile(r"\b(?:resize|rescale|scale|shrink|downsize|downscale|make it|set it|export)\b[\w ]{0,30}?\b(?:to|at)? ?"
                + _SIZE + r"(?: (?:wide|width|long|tall|longest side|max|maximum))?"), "resize", _resize, None),
    (re.compile(r"\b\d{2,5}\s*(?:px|pixels)(?: (?:wide|width|long|tall|on the longest side|longest side))?\b"),
     "resize", _resize, None),
    (re.compile(r"\b(?:upscale|up-scale|upsample|enlarge|super[- ]?res(?:olution)?|(?:increase|higher|improve|boost)"
                r"(?: the)? resolution|double(?: the)? (?:size|resolution)|(?:make it )?bigger|[2-4]\s*(?:x|×)|"
                r"(?:x|×)\s*[2-4])(?:\s*(?:by\s*)?(?:[2-4]\s*(?:x|×)|(?:x|×)\s*[2-4]))?"), "upscale", _upscale, None),
    (re.compile(r"\b(?:rotate|rotation)\b" + _TURN + "?" + r"|\bturn\b" + _TURN + r"|\bupside down\b"),
     "rotate", _rotation, None),
    (re.compile(r"\b(?:flip|mirror)\b(?: (?:it|the image|the photo|the picture|this))?"
                r"(?: (?:horizontally|vertically|left to right|upside down|top to bottom|sideways))?"), "flip",
     lambda m: {"axis": "vertical" if re.search(r"vertical|upside|top to bottom", m.group(0)) else "horizontal"},
     None),
    (re.compile(r"\bcrop\b[\w: ]{0,40}?(?:\b(?:square|1:1|16:9|9:16|4:5|4:3|3:2|widescreen|instagram portrait|"
                r"portrait|landscape|story|reel)\b|$)|\b(?:square|1:1|16:9|9:16|4:5)\b(?: crop| format| ratio)?"),
     "crop", _aspect, None),
    (re.compile(r"\bblackandwhite\b"), "grayscale", None, None),
    (re.compile(r"\bsepia\b"), "sepia", None, None),
    (re.compile(r"\b(?:vintage|retro|old[- ]school|old photo|old[- ]fashioned|film look|analog(?:ue)?|faded film|"
                r"polaroid|nostalgic|70s|seventies)\b"), "vintage", None, None),
    (re.compile(r"\bvignett(?:e|ing)\b"), "vignette", None, None),
    (re.compile(r"\b(?:pencil(?: sketch| drawing)?|sketch|drawing|line art|charcoal)\b"), "pencil_sketch", None, None),
    (re.compile(r"\b(?:cartoon(?:ify|ize|ise|ish|y)?|comic(?: book)?|toon|anime)\b"), "cartoon", None, None),
    (re.compile(r"\b(?:de-?noise|noise reduction|reduce noise|remove noise|remove grain|reduce grain)\b"),
     "denoise", None, None),
    (re.compile(r"\b(?:auto[- ]?enhance|auto[- ]?fix|auto[- ]?correct|auto[- ]?levels|white balance|levels|"
                r"color correct(?:ion)?|correct the colors?|fix the (?:colors?|lighting|photo|image|picture)|"
                r"touch(?: it)? up|retouch|polish|enhance(?! the (?:contrast|colors?|saturation|brightness|sharpness|"
                r"details?|warmth))|improve|better|nicer|look good|professional(?! background)|fix it)\b"),
     "auto_enhance", None, None),
    (re.compile(r"\b(?:bokeh|portrait mode|portrait effect|depth of field|shallow focus)\b"),
     "background_blur", None, "background"),
    (re.compile(r"\b(?:transparent|transparency|cut ?out|cutout|isolate(?: the)? (?:subject|person|me|him|her)|"
                r"(?:remove|delete|erase|drop|lose|get rid of)(?: the| my)? background|no background|"
                r"without(?: a| the)? background|background (?:removed|removal|gone))\b"),
     "background_remove", None, "background"),
    (re.compile(r"\b(?:declutter|de-clutter|studio(?: look| background)?|clean up|professional background)\b"),
     "background_clean", None, "background"),
]

# Only meaningful for the background: (pattern, op, params builder).
BACKGROUND_PHRASES: list[tuple[re.Pattern, str, object]] = [
    (re.compile(r"\b(?:remove|removed|delete|deleted|erase|erased|gone|drop|get rid of|lose)\b"), "background_remove", None),
    (re.compile(r"\b(?:clean|cleaner|plain|simple|simpler|minimal|minimalist|tidy|tidier|neat|neater|uncluttered)\b"
                r"(?! (?:" + _COLOR_ALTS + r")\b)"), "background_clean", None),
    (re.compile(r"\b(?:" + _COLOR_ALTS + r")\b"), "background_color",
     lambda m: {"color": list(COLORS[m.group(0)]), "name": m.group(0)}),
]

GENERATIVE = [
    re.compile(r"\b(?:add|insert|put|place|draw|paint|include|generate|create|give (?:me|him|her|them|it|us))\s+"
               r"(?:a |an |some |the |more |my |his |her |their |in |into )*(?!(?:a|an|the|some|my|his|her|their|in|into|a bit|a little|a touch|a tad|a hint|"
               r"it|this|me|him|her|them|us|on|more|some|bit|little|touch|tad|hint|lot|slight|subtle|extra|"
               r"contrast|warmth|warm|cool|vignette|vignetting|blur|bokeh|sharpness|saturation|brightness|exposure|"
               r"vibrance|colors?|light|sepia|vintage|retro|filter|effect|look|black|white|sketch|cartoon|pop|"
               r"depth|detail|details|clarity|drama|punch|glow|background|version|crop|border|white|"
               r"shadows?|drop|soft|contact|natural|realistic|product|item|subject|object|margin|padding|"
               r"strong|heavy|bold|faint|gentle|dark|hard|long|nice|small|big|"
               r"png|jpe?g|webp|[0-9])\b)(\w+)"),
    re.compile(r"\b(?:swap|replace|change|morph|alter)\b[\w ]{0,20}\b(?:face|faces|head|hair|eyes|body|person|"
               r"people|clothes|outfit|dress|shirt|sky|expression|age|gender)\b"),
    re.compile(r"\b(?:face ?swap|deepfake|inpaint|outpaint|text to image|imagine|hallucinate)\b"),
    re.compile(r"\b(?:make|turn) (?:me|him|her|them|us|the (?:man|woman|person|guy|girl|dog|cat))"
               r"(?: look)? (?:into |like )?(?:a |an )?(?:younger|older|thinner|slimmer|fatter|taller|shorter|smile|"
               r"smiling|happy|happier|sad|bald|blonde|muscular|prettier|handsome|famous|superhero|zombie|robot|"
               r"alien|animal|dragon)\b"),
    re.compile(r"\b(?:remove|erase|delete|get rid of) (?:the |that |this |a |an |all (?:the )?)?(?!background|noise|"
               r"grain|blur|color|colors|saturation|yellow|blue|tint|cast|contrast|vignette|it\b)"
               r"(?:person|people|man|woman|guy|girl|car|cars|tree|trees|object|objects|text|watermark|logo|"
               r"photobomber|stranger|wires?|sign|glasses|tattoo|blemish(?:es)?|pimples?|wrinkles|red ?eye|\w+ from)\b"),
    re.compile(r"\b(?:replace|change|swap) (?:the |my )?background (?:with|to|for|into) (?:a |an |some )?"
               r"(?!(?:" + _COLOR_ALTS + r"|plain|solid|clean|transparent|nothing|blur|blurry|bokeh|this|that|"
               r"the attached|the uploaded|the given|the new|my)\b)(\w+)"),
]

FILLER = set(
    """please pls plz can could would will you u kindly just also then and it its it's this that these the a an my me
    i i'd id want wanted wanna like love to be make made look looks looking little bit photo image picture pic shot
    selfie version thanks thank thx ty so for of in on at with some more less too very really much lot slightly
    background backgrounds whole entire everything overall hi hello hey ok okay now quickly but though do does is are
    was were we our your thing stuff somewhat kind sort way quite rather enough not all here there get let lets let's
    go maybe possibly if possible tone set up down bit tad touch hint by slightly subtle subtly little gently
    extremely super much strongly heavily a lot significantly considerably greatly keep same otherwise rest
    """.split()
)


def _normalise(prompt: str) -> str:
    text = prompt.lower().replace("’", "'").replace("–", "-").replace("—", "-")
    for pattern, replacement in SYNONYMS:
        text = re.sub(pattern, replacement, text)
    return text.strip()


def _intensity(clause: str) -> float:
    for pattern, value in INTENSITY:
        if pattern.search(clause):
            return value
    return DEFAULT_STRENGTH


def _region(clause: str, previous: str | None) -> str | None:
    """'background', 'subject', None (whole image); inherits for bare adjectives."""
    if BACKGROUND_WORDS.search(clause):
        return "background"
    if SUBJECT_WORDS.search(clause):
        return "subject"
    if IMAGE_WORDS.search(clause) or VERBS.search(clause.strip()):
        return None
    return previous


def _consume(text: str, match: re.Match) -> str:
    """Blank out a matched span (same length, so later positions stay valid)."""
    return text[: match.start()] + " " * (match.end() - match.start()) + text[match.end():]


def _clause_intents(clause: str, region: str | None) -> tuple[list[Intent], str]:
    intents: list[Intent] = []
    text = clause
    for pattern, kind, build, inherent in FIXED_PHRASES:
        for match in pattern.finditer(text):
            intents.append(Intent(kind, match.start(), params=build(match) if build else None, inherent_region=inherent))
            text = _consume(text, match)
    if region == "background":
        for pattern, kind, build in BACKGROUND_PHRASES:
            for match in pattern.finditer(text):
                intents.append(Intent(kind, match.start(), params=build(match) if build else None,
                                      inherent_region="background"))
                text = _consume(text, match)
    for match in AXIS_PATTERN.finditer(text):
        group = match.lastgroup
        axis, direction = group.rsplit("_", 1)
        sign = 1 if direction == "pos" else -1
        before, after = text[: match.start()], text[match.end():]
        enough = ENOUGH_AFTER.search(after)
        if INVERSE_BEFORE.search(before) and not enough:
            sign = -sign
        intents.append(Intent(f"axis:{axis}", match.start(), sign=sign))
        text = _consume(text, match)
    intents.sort(key=lambda intent: intent.position)
    return intents, text


# axis → (op for +, op for −); None means that direction isn't supported.
AXIS_OPS = {
    "brightness": ("brightness", "brightness"),
    "exposure": ("exposure", "exposure"),
    "contrast": ("contrast", "contrast"),
    "saturation": ("saturation", "saturation"),
    "vibrance": ("vibrance", "vibrance"),
    "warmth": ("warmth", "warmth"),
    "sharpness": ("sharpen", "blur"),
    "smoothness": ("denoise", "sharpen"),
    "noise": (None, "denoise"),
    "clutter": (None, "background_clean"),
}
SIGNED_OPS = {"brightness", "exposure", "contrast", "saturation", "vibrance", "warmth"}
BACKGROUND_OVERRIDES = {
    ("brightness", 1): "background_brighten",
    ("brightness", -1): "background_darken",
    ("exposure", 1): "background_brighten",
    ("exposure", -1): "background_darken",
    ("saturation", -1): "background_desaturate",
    ("vibrance", -1): "background_desaturate",
    ("sharpness", -1): "background_blur",
    ("smoothness", 1): "background_blur",
    ("clutter", -1): "background_clean",
    ("grayscale", 1): "background_desaturate",
}
UNSIGNED_FIXED_STRENGTH = {
    "background_remove", "background_image", "inpaint", "rotate", "flip", "crop", "resize", "upscale", "output_format", "product_frame", "straighten",
}
# Ops about the whole picture whatever the clause names ("white background with a shadow" still casts the shadow).
WHOLE_IMAGE_OPS = {"crop", "output_format", "shadow", "product_frame", "straighten", "inpaint"}
# Ops that can be confined to a region through the mask (colour ops only).
REGIONABLE = {
    "brightness", "exposure", "contrast", "saturation", "vibrance", "warmth", "sharpen", "blur", "denoise",
    "grayscale", "sepia", "vintage", "pencil_sketch", "cartoon", "auto_enhance",
}


def _resolve(intent: Intent, region: str | None, strength: float) -> dict:
    region = intent.inherent_region or region
    if intent.kind.startswith("axis:"):
        axis = intent.kind[5:]
        op = BACKGROUND_OVERRIDES.get((axis, intent.sign)) if region == "background" else None
        op = op or AXIS_OPS[axis][0 if intent.sign > 0 else 1]
        if op is None:
            raise UnsupportedPrompt(f"Adding {axis} is not something I can do. I can: {CAPABILITIES}.")
        if op in SIGNED_OPS:
            strength = intent.sign * strength
    else:
        op = intent.kind
        if region == "background":
            op = BACKGROUND_OVERRIDES.get((op, 1), op)
        if op == "grayscale" and strength >= DEFAULT_STRENGTH:
            strength = 1.0  # "black and white" means no colour at all unless softened
    if op in UNSIGNED_FIXED_STRENGTH:
        strength = 1.0
    step = {"op": op, "strength": round(strength, 2), **(intent.params or {})}
    if region and not op.startswith("background_") and op not in WHOLE_IMAGE_OPS:
        if op not in REGIONABLE:
            raise UnsupportedPrompt(f"I can't apply {op} to the {region} only. I can: {CAPABILITIES}.")
        step["region"] = region
    return step


def _merge(plan: list[dict]) -> list[dict]:
    """Fold adjacent duplicates; 'clean' already brightens, so clean+brighten is one edit."""
    merged: list[dict] = []
    for step in plan:
        if merged:
            last = merged[-1]
            pair = {last["op"], step["op"]}
            if pair == {"background_clean", "background_brighten"}:
                last.update(op="background_clean", strength=max(last["strength"], step["strength"]))
                continue
            if {k: v for k, v in last.items() if k != "strength"} == {k: v for k, v in step.items() if k != "strength"}:
                last["strength"] = max(last["strength"], step["strength"], key=abs)
                continue
        merged.append(step)
    return merged


def _fold_into_frame(plan: list[dict]) -> list[dict]:
    """Product framing decides its canvas and shadow itself: the plan's background
    colour, transparency, shadow and margin steps become its parameters."""
    frames = [step for step in plan if step["op"] == "product_frame"]
    if not frames:
        return plan
    frame = {"op": "product_frame", "strength": 1.0, "color": [255, 255, 255], "fill": 0.85, "shadow": None}
    kept: list[dict] = []
    for step in plan:
        op = step["op"]
        if op == "product_frame":
            frame.update({k: v for k, v in step.items() if k in ("fill", "shadow")})
            if frame not in kept:
                kept.append(frame)
        elif op == "background_color":
            frame["color"] = step["color"]
        elif op == "background_remove":
            frame["color"] = None  # a transparent canvas
        elif op == "shadow":
            frame.update(shadow=step.get("kind", "soft"), shadow_strength=step["strength"])
        elif op not in ("background_clean", "background_brighten"):  # a framed product already sits on a clean canvas
            kept.append(step)
    if frame["shadow"] and "shadow_strength" not in frame:
        frame["shadow_strength"] = DEFAULT_STRENGTH
    return kept


def _is_edit_word(word: str) -> bool:
    """Whether a single word names an edit this parser knows (used to tell
    "add a vignette" from "add a dragon")."""
    if AXIS_PATTERN.fullmatch(word) or word in COLORS:
        return True
    return any(pattern.fullmatch(word) for pattern, _, _, _ in FIXED_PHRASES)


def _unsupported(what: str) -> UnsupportedPrompt:
    return UnsupportedPrompt(f"{what} I can only edit the pixels that are there. I can: {CAPABILITIES}.")


# With a mask, "remove the text" is a retouch inside the mask, not a generative ask.
REMOVE_IN_MASK = re.compile(
    r"\b(?:remove|erase|delete|get rid of|clean up|heal|retouch|hide|take out|fix)\b(?! (?:the |my )?background)"
    r"(?: (?!and\b|then\b|in\b|inside\b|within\b)[\w'-]+){0,4}"
)
MASK_WORDS = re.compile(
    r"\b(?:in|inside|within|on|under|from) (?:the |this |my )?(?:mask(?:ed)?(?: area| region| part| spot)?|"
    r"selection|selected (?:area|region|part|spot)|marked (?:area|region|part|spot))\b"
)


def parse(prompt: str, masked: bool = False) -> list[dict]:
    """Turn a free-text prompt into an ordered edit plan, or raise UnsupportedPrompt.

    `masked=True` when the request brings a mask: its words ("in the masked
    area") are understood, and "remove …" there is a retouch (`inpaint`)."""
    text = _normalise(prompt or "")
    if not text:
        raise _unsupported("The prompt is empty.")
    if masked:
        text = MASK_WORDS.sub(" ", REMOVE_IN_MASK.sub(" retouchmasked ", text))
    for pattern in GENERATIVE:
        for match in pattern.finditer(text):
            obj = match.group(match.lastindex) if match.lastindex else None
            if obj and _is_edit_word(obj):
                continue  # "add some sepia", "give it a cartoon look": an edit, not new content
            raise _unsupported(f"I can't do “{match.group(0).strip()}”: generating or changing content is not supported.")
    plan: list[dict] = []
    region: str | None = None
    for clause in (c.strip() for c in CLAUSE_SPLIT.split(text)):
        if not clause:
            continue
        region = _region(clause, region)
        intents, leftover = _clause_intents(clause, region)
        if not intents:
            unknown = [w for w in re.findall(r"[a-z0-9']+", leftover) if w not in FILLER]
            if unknown:
                raise _unsupported(f"I don't know how to do “{clause}”.")
            continue
        strength = _intensity(clause)
        plan.extend(_resolve(intent, region, strength) for intent in intents)
    if not plan:
        raise _unsupported("I couldn't find an edit I can do in that prompt.")
    return _fold_into_frame(_merge(plan))
