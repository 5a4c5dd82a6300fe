"""The prompt parser: free text → ordered plan of {"op", "strength", …} steps.

Pure data in, data out: no model is needed here (one test runs `edit` on a
tiny synthetic ramp to check the plan it reports is the one it applies)."""

import json

import numpy as np
import pytest
from PIL import Image

from photos.engines.base import UnsupportedPrompt
from photos.engines.local import LocalEngine
from photos.engines.local.ops import OPS
from photos.engines.local.parser import parse


def ops_of(plan):
    return [step["op"] for step in plan]


def sign(step):
    return (step["strength"] > 0) - (step["strength"] < 0)


# prompt → expected [(op, sign of strength or None, params subset)]
PHRASINGS = [
    ("Make the background clean and bright", [("background_clean", 1, {})]),
    ("brighten it, blur the background and make it black and white",
     [("brightness", 1, {}), ("background_blur", 1, {}), ("grayscale", 1, {})]),
    ("brighten", [("brightness", 1, {})]),
    ("make it brighter", [("brightness", 1, {})]),
    ("it's too dark", [("brightness", 1, {})]),
    ("the photo is dark", [("brightness", 1, {})]),
    ("not bright enough", [("brightness", 1, {})]),
    ("too bright", [("brightness", -1, {})]),
    ("darken it a bit", [("brightness", -1, {})]),
    ("less dark please", [("brightness", 1, {})]),
    ("increase the exposure", [("exposure", 1, {})]),
    ("it is underexposed", [("exposure", 1, {})]),
    ("more contrast", [("contrast", 1, {})]),
    ("reduce the contrast", [("contrast", -1, {})]),
    ("it looks flat", [("contrast", 1, {})]),
    ("more saturated", [("saturation", 1, {})]),
    ("less saturated", [("saturation", -1, {})]),
    ("desaturate it", [("saturation", -1, {})]),
    ("too colorful", [("saturation", -1, {})]),
    ("make the colours pop", [("vibrance", 1, {})]),
    ("more vibrant", [("vibrance", 1, {})]),
    ("warmer", [("warmth", 1, {})]),
    ("warm it up", [("warmth", 1, {})]),
    ("not so yellow", [("warmth", -1, {})]),
    ("too blue", [("warmth", 1, {})]),
    ("make it cooler", [("warmth", -1, {})]),
    ("b&w", [("grayscale", 1, {})]),
    ("monochrome", [("grayscale", 1, {})]),
    ("convert to greyscale", [("grayscale", 1, {})]),
    ("sepia tone", [("sepia", 1, {})]),
    ("give it a vintage look", [("vintage", 1, {})]),
    ("retro film look with a vignette", [("vintage", 1, {}), ("vignette", 1, {})]),
    ("crisper", [("sharpen", 1, {})]),
    ("sharpen it a lot", [("sharpen", 1, {})]),
    ("it's blurry", [("sharpen", 1, {})]),
    ("too noisy", [("denoise", 1, {})]),
    ("denoise and smooth", [("denoise", 1, {})]),
    ("auto enhance", [("auto_enhance", 1, {})]),
    ("fix the white balance", [("auto_enhance", 1, {})]),
    ("turn it into a pencil sketch", [("pencil_sketch", 1, {})]),
    ("cartoonify me", [("cartoon", 1, {})]),
    ("blur the backdrop", [("background_blur", 1, {})]),
    ("bokeh", [("background_blur", 1, {})]),
    ("portrait mode", [("background_blur", 1, {})]),
    ("remove the background", [("background_remove", 1, {})]),
    ("transparent background png", [("background_remove", 1, {}), ("output_format", 1, {"format": "png"})]),
    ("white background", [("background_color", 1, {"name": "white", "color": [255, 255, 255]})]),
    ("put me on a plain light blue background", [("background_color", 1, {"name": "light blue"})]),
    ("make the backdrop navy", [("background_color", 1, {"name": "navy"})]),
    ("darken the background", [("background_darken", 1, {})]),
    ("background is too busy", [("background_clean", 1, {})]),
    ("make the background black and white", [("background_desaturate", 1, {})]),
    ("desaturate the bg", [("background_desaturate", 1, {})]),
    ("sharpen the subject", [("sharpen", 1, {"region": "subject"})]),
    ("rotate 90 degrees", [("rotate", 1, {"degrees": 90})]),
    ("rotate left", [("rotate", 1, {"degrees": 270})]),
    ("turn it upside down", [("rotate", 1, {"degrees": 180})]),
    ("flip horizontally", [("flip", 1, {"axis": "horizontal"})]),
    ("flip it vertically", [("flip", 1, {"axis": "vertical"})]),
    ("mirror", [("flip", 1, {"axis": "horizontal"})]),
    ("crop to square", [("crop", 1, {"aspect": "1:1"})]),
    ("crop it 16:9", [("crop", 1, {"aspect": "16:9"})]),
    ("crop to 4:5 for instagram", [("crop", 1, {"aspect": "4:5"})]),
    ("upscale 2x", [("upscale", 1, {"factor": 2})]),
    ("enlarge", [("upscale", 1, {"factor": 2})]),
    ("resize to 1024px", [("resize", 1, {"size": 1024})]),
    # "800 pixels wide" is a width now (the words issue): the height follows the aspect ratio.
    ("make it 800 pixels wide", [("resize", 1, {"width": 800})]),
    ("brighten, then crop to square and sharpen",
     [("brightness", 1, {}), ("crop", 1, {"aspect": "1:1"}), ("sharpen", 1, {})]),
]


@pytest.mark.parametrize("prompt, expected", PHRASINGS, ids=[p for p, _ in PHRASINGS])
def test_phrasing_maps_to_the_expected_plan(prompt, expected):
    plan = parse(prompt)
    assert ops_of(plan) == [op for op, _, _ in expected]
    for step, (_, expected_sign, params) in zip(plan, expected):
        assert sign(step) == expected_sign, step
        for key, value in params.items():
            assert step[key] == value, step


def test_seed_prompt_maps_to_a_background_clean_and_bright_edit():
    plan = parse("Make the background clean and bright")
    assert plan == [{"op": "background_clean", "strength": plan[0]["strength"]}]
    assert plan[0]["strength"] > 0


@pytest.mark.parametrize(
    "weak, default, strong",
    [
        ("slightly brighter", "brighter", "much brighter"),
        ("a little more contrast", "more contrast", "a lot more contrast"),
        ("slightly warmer", "warmer", "really warmer"),
        ("a bit too dark", "too dark", "much too dark"),
    ],
)
def test_intensity_words_scale_strength(weak, default, strong):
    values = [abs(parse(p)[0]["strength"]) for p in (weak, default, strong)]
    assert values[0] < values[1] < values[2]


def test_extreme_intensity_reaches_full_strength():
    assert parse("extremely bright")[0]["strength"] == 1.0


@pytest.mark.parametrize(
    "prompt",
    [
        "add a dragon",
        "swap my face with Tom's",
        "make me look younger",
        "remove the person on the left",
        "replace the background with a beach",
        "asdf qwerty",
        "",
        "brighten it and add a unicorn",  # doable edit mixed with a generative ask
        "blur the background, then make me smile",
        "sharpen it and write my name on it",
    ],
)
def test_prompts_the_engine_cannot_honour_are_refused(prompt):
    with pytest.raises(UnsupportedPrompt):
        parse(prompt)


def test_refusal_message_lists_what_the_engine_can_do():
    with pytest.raises(UnsupportedPrompt) as caught:
        parse("add a dragon")
    message = str(caught.value)
    for capability in ("background", "black and white", "crop", "upscale"):
        assert capability in message


def test_resize_beyond_the_cap_is_refused():
    with pytest.raises(UnsupportedPrompt):
        parse("resize to 20000px")


def test_plan_is_json_serialisable_data_with_known_ops():
    plan = parse("brighten it, blur the background, crop to square and make it sepia")
    assert json.loads(json.dumps(plan)) == plan
    assert all(step["op"] in OPS for step in plan)


def test_a_two_part_prompt_plans_both_steps_in_order_with_their_strengths():
    assert parse("too dark and more contrast") == [
        {"op": "brightness", "strength": 0.6},
        {"op": "contrast", "strength": 0.6},
    ]


def test_a_modifier_scales_only_its_own_step_and_crop_keeps_its_aspect():
    assert parse("slightly warmer, blur the backdrop and crop to 16:9") == [
        {"op": "warmth", "strength": 0.3},
        {"op": "background_blur", "strength": 0.6},
        {"op": "crop", "strength": 1.0, "aspect": "16:9"},
    ]


def test_edit_applies_the_plan_it_reports_to_the_pixels():
    # A grey ramp (40…160): brightening lifts the mean, more contrast spreads the values.
    ramp = np.tile(np.linspace(40, 160, 64, dtype=np.uint8)[None, :, None], (48, 1, 3))
    result = LocalEngine().edit(Image.fromarray(ramp), "too dark and more contrast")
    assert result.edits == [{"op": "brightness", "strength": 0.6}, {"op": "contrast", "strength": 0.6}]
    before, after = ramp.astype(np.float32), np.asarray(result.images[0]).astype(np.float32)
    assert after.shape == before.shape
    assert after.mean() > before.mean() + 25
    assert after.std() > before.std() * 1.2
    # Still a ramp: the edit is a monotonic tone curve, not a shuffle of pixels.
    assert (np.diff(after[0, :, 0]) >= 0).all()


@pytest.mark.parametrize(
    "prompt, op",
    [
        ("add some warmth", "warmth"),
        ("add a vignette", "vignette"),
        ("give me a black and white version", "grayscale"),
        ("give it a cartoon look", "cartoon"),
        ("put it on a white background", "background_color"),
    ],
)
def test_adding_an_effect_is_an_edit_not_generation(prompt, op):
    assert ops_of(parse(prompt)) == [op]


def test_a_bare_adjective_after_and_continues_the_background_clause():
    plan = parse("make the background darker and less colorful")
    assert ops_of(plan) == ["background_darken", "background_desaturate"]


def test_a_new_verb_after_and_starts_a_whole_image_edit():
    plan = parse("blur the background and sharpen")
    assert plan[1] == {"op": "sharpen", "strength": plan[1]["strength"]}
