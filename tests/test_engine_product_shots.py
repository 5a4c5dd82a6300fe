"""Shadows and product framing: grey under the subject, white corners, the asked margin."""

import numpy as np
import pytest
from PIL import Image
from skimage import data as samples

from photos.engines.local import LocalEngine
from photos.engines.local.parser import parse
from photos.engines.local.segmentation import MaskProvider


def cutout(size=(400, 300), box=(150, 80, 250, 200)) -> Image.Image:
    """A transparent canvas with an opaque red box at fixed coordinates (x0, y0, x1, y1)."""
    image = np.zeros((size[1], size[0], 4), np.uint8)
    x0, y0, x1, y1 = box
    image[y0:y1, x0:x1] = (200, 30, 30, 255)
    return Image.fromarray(image, "RGBA")


def edit(image: Image.Image, prompt: str) -> np.ndarray:
    return np.asarray(LocalEngine().edit(image, prompt).images[0])


def test_a_soft_shadow_lies_under_the_subject_and_nowhere_else():
    out = edit(cutout(), "add a soft shadow under the product")
    alpha = out[:, :, 3].astype(int)
    assert alpha[200:215, 170:230].mean() > 60  # just below the box's base: a visible shadow
    assert out[200:215, 170:230, :3].max() < 40  # and it is black, not the subject's red
    assert alpha[:60].max() == 0 and alpha[:, :100].max() == 0  # above and beside: untouched
    assert (out[80:200, 150:250] == (200, 30, 30, 255)).all()  # the subject itself is unchanged


def test_a_drop_shadow_falls_down_and_to_the_right():
    out = edit(cutout(), "add a drop shadow")
    alpha = out[:, :, 3].astype(int)
    right, left = alpha[100:190, 252:262].mean(), alpha[100:190, 138:148].mean()
    below, above = alpha[202:210, 160:240].mean(), alpha[70:78, 160:240].mean()
    assert right > left + 30 and below > above + 30


def test_strength_words_change_how_dark_the_shadow_is():
    def darkness(prompt):
        return edit(cutout(), prompt)[200:206, 190:210, 3].mean()

    subtle, plain, strong = darkness("add a subtle shadow"), darkness("add a shadow"), darkness("add a strong shadow")
    assert 20 < subtle < plain - 30 and plain < strong - 20


def test_white_background_with_shadow_frames_the_product_on_pure_white():
    out = edit(cutout(), "white background with shadow")
    assert out.shape[0] == out.shape[1] and out.shape[2] == 3  # a square, opaque canvas
    assert (out[:10, :10] == 255).all() and (out[-10:, -10:] == 255).all()  # pure white corners
    subject = np.all(out == (200, 30, 30), axis=2)
    ys, xs = np.nonzero(subject)
    below = out[ys.max() + 2 : ys.max() + 8, xs.min() + 20 : xs.max() - 20].astype(int)
    assert below.mean() < 235 and np.abs(below[..., 0] - below[..., 2]).max() <= 2  # a grey shadow


@pytest.mark.parametrize("prompt, fill", [("product photo", 0.85), ("product photo with a 10% margin", 0.80)])
def test_product_framing_centres_the_subject_with_the_asked_margin(prompt, fill):
    out = edit(cutout(), prompt)
    side = out.shape[0]
    ys, xs = np.nonzero(np.all(out[:, :, :3] == (200, 30, 30), axis=2))
    width, height = xs.max() + 1 - xs.min(), ys.max() + 1 - ys.min()
    assert max(width, height) == pytest.approx(side * fill, abs=2)  # the subject fills `fill` of the side
    assert (xs.min() + xs.max()) / 2 == pytest.approx(side / 2, abs=2)
    assert (ys.min() + ys.max()) / 2 == pytest.approx(side / 2, abs=2)


def test_framing_keeps_the_asked_colour_or_transparency():
    grey = edit(cutout(), "product photo on light gray")
    assert (grey[:5, :5] == (211, 211, 211)).all()
    clear = edit(cutout(), "product photo with a transparent background")
    assert clear.shape[2] == 4 and clear[:5, :5, 3].max() == 0


def test_a_real_product_photo_is_framed_on_white_with_the_cup_in_the_middle():
    coffee = Image.fromarray(samples.coffee())
    out = edit(coffee, "ecommerce listing photo")
    assert out.shape[0] == out.shape[1]
    assert (out[:8, :8] == 255).all() and (out[-8:, -8:] == 255).all()
    centre = out[out.shape[0] // 2 - 10 : out.shape[0] // 2 + 10, out.shape[1] // 2 - 10 : out.shape[1] // 2 + 10]
    assert centre.mean() < 200  # the espresso, not background


@pytest.mark.parametrize(
    "prompt, step",
    [
        ("add a drop shadow", {"op": "shadow", "kind": "drop"}),
        ("soft shadow under the product", {"op": "shadow", "kind": "soft"}),
        ("make it look like a catalog photo", {"op": "product_frame", "color": [255, 255, 255], "fill": 0.85}),
        ("white background with shadow", {"op": "product_frame", "shadow": "soft"}),
        ("product photo on light gray with a 10% margin", {"op": "product_frame", "color": [211, 211, 211], "fill": 0.8}),
        ("remove the background as a png", {"op": "output_format", "format": "png"}),
    ],
)
def test_product_phrasings_make_the_expected_plan(prompt, step):
    plan = parse(prompt)
    found = next(s for s in plan if s["op"] == step["op"])
    assert {k: found[k] for k in step} == step


def test_shadows_need_no_model_run_on_a_transparent_cutout():
    masks = MaskProvider()
    engine = LocalEngine()
    engine._apply(cutout(), parse("add a drop shadow"), masks)
    assert masks.model_runs == 0  # the alpha channel is the matte
