"""Whole-image and geometry edits: each one measurably does what it says.

Images are small skimage samples (downscaled where the assertion stays
meaningful) so the module runs in a few seconds."""

import cv2
import numpy as np
import pytest
from PIL import Image
from skimage import data

from photos.engines.local.ops import OPS, apply_step
from tests.image_stats import ENGINE, chroma, edit, luma, red_minus_blue, sharpness, small

@pytest.fixture(scope="module")
def coffee():
    return small(data.coffee())


@pytest.fixture(scope="module")
def chelsea():
    return small(data.chelsea())


def test_brighten_raises_mean_luminance(coffee):
    out, _ = edit(coffee, "brighten")
    assert luma(out).mean() > luma(coffee).mean() + 12


def test_too_bright_lowers_mean_luminance(coffee):
    out, _ = edit(coffee, "it's too bright")
    assert luma(out).mean() < luma(coffee).mean() - 12


def test_exposure_up_brightens_in_linear_light(coffee):
    out, _ = edit(coffee, "increase the exposure")
    assert luma(out).mean() > luma(coffee).mean() + 12


def test_more_contrast_widens_the_luminance_spread(coffee):
    out, _ = edit(coffee, "more contrast")
    assert luma(out).std() > luma(coffee).std() * 1.2


def test_less_contrast_narrows_the_luminance_spread(coffee):
    out, _ = edit(coffee, "less contrast")
    assert luma(out).std() < luma(coffee).std() * 0.85


def test_saturation_up_and_down_moves_chroma(coffee):
    up, _ = edit(coffee, "more saturated")
    down, _ = edit(coffee, "less saturated")
    assert chroma(up) > chroma(coffee) * 1.2
    assert chroma(down) < chroma(coffee) * 0.8


def test_vibrance_boosts_muted_pixels_more_than_vivid_ones(coffee):
    out, _ = edit(coffee, "more vibrant")
    before = coffee.astype(np.float32).max(axis=2) - coffee.astype(np.float32).min(axis=2)
    after = out.astype(np.float32).max(axis=2) - out.astype(np.float32).min(axis=2)
    muted, vivid = before < 40, before > 150
    assert after[muted].mean() / max(before[muted].mean(), 1) > after[vivid].mean() / before[vivid].mean()
    assert chroma(out) > chroma(coffee)


def test_warmer_raises_red_minus_blue(coffee):
    out, _ = edit(coffee, "warmer")
    assert red_minus_blue(out) > red_minus_blue(coffee) + 8


def test_not_so_yellow_cools_the_image(coffee):
    out, _ = edit(coffee, "not so yellow")
    assert red_minus_blue(out) < red_minus_blue(coffee) - 8


def test_black_and_white_has_zero_chroma(coffee):
    out, _ = edit(coffee, "make it black and white")
    assert np.array_equal(out[:, :, 0], out[:, :, 1]) and np.array_equal(out[:, :, 1], out[:, :, 2])


def test_sepia_gives_a_warm_brown_monotone(chelsea):
    out, _ = edit(chelsea, "sepia")
    means = out.reshape(-1, 3).astype(np.float32).mean(axis=0)
    assert means[0] > means[1] > means[2]
    # Hue collapses to one tone: R−B tracks luminance instead of the scene's colours.
    assert np.corrcoef(luma(out).ravel(), (out[:, :, 0].astype(np.float32) - out[:, :, 2]).ravel())[0, 1] > 0.5


def test_vintage_lifts_blacks_mutes_colour_and_darkens_corners(coffee):
    out, _ = edit(coffee, "vintage")
    assert np.percentile(luma(out), 1) > np.percentile(luma(coffee), 1) + 5
    assert chroma(out) < chroma(coffee)
    # On a flat grey card the only thing shaping the frame is the vignette.
    card, _ = edit(np.full((100, 150, 3), 128, np.uint8), "vintage")
    assert luma(card)[:10, :10].mean() < luma(card)[45:55, 70:80].mean() - 10


def test_sharpen_raises_laplacian_variance(chelsea):
    out, _ = edit(chelsea, "sharpen")
    assert sharpness(out) > sharpness(chelsea) * 1.5


def test_blur_lowers_laplacian_variance(chelsea):
    out, _ = edit(chelsea, "blur it")
    assert sharpness(out) < sharpness(chelsea) * 0.5


def test_denoise_brings_a_noisy_photo_closer_to_the_clean_one(chelsea):
    rng = np.random.default_rng(0)
    noisy = np.clip(chelsea + rng.normal(0, 20, chelsea.shape), 0, 255).astype(np.uint8)
    out, _ = edit(noisy, "too noisy")
    error = lambda a: float(np.abs(a.astype(np.float32) - chelsea).mean())  # noqa: E731
    assert error(out) < error(noisy) * 0.8


def test_vignette_darkens_corners_and_keeps_the_centre(coffee):
    out, _ = edit(coffee, "add a vignette")
    h, w = coffee.shape[:2]
    assert luma(out)[:15, :15].mean() < luma(coffee)[:15, :15].mean() * 0.8
    centre = (slice(h // 2 - 10, h // 2 + 10), slice(w // 2 - 10, w // 2 + 10))
    assert abs(luma(out)[centre].mean() - luma(coffee)[centre].mean()) < 2


def test_auto_enhance_stretches_levels_and_neutralises_a_colour_cast(coffee):
    dull = np.clip(coffee * 0.5 + 40 + np.array([0, 0, 35]), 0, 255).astype(np.uint8)  # flat and blue
    out, _ = edit(dull, "auto enhance")
    assert np.ptp(luma(out)) > np.ptp(luma(dull)) * 1.3
    cast = lambda a: float(np.ptp(a.reshape(-1, 3).mean(axis=0)))  # noqa: E731
    assert cast(out) < cast(dull) * 0.7


def test_pencil_sketch_is_a_light_low_chroma_drawing_with_dark_edges(chelsea):
    out, _ = edit(chelsea, "pencil sketch")
    assert np.median(luma(out)) > 190
    assert chroma(out) < chroma(chelsea) * 0.5
    edges = cv2.Canny(cv2.cvtColor(chelsea, cv2.COLOR_RGB2GRAY), 100, 200) > 0
    assert luma(out)[edges].mean() < luma(out)[~edges].mean() - 8


def test_cartoon_flattens_colours_and_draws_outlines(chelsea):
    out, _ = edit(chelsea, "cartoon")
    unique = lambda a: len(np.unique(a.reshape(-1, 3), axis=0))  # noqa: E731
    assert unique(out) < unique(chelsea) * 0.3
    assert (luma(out) < 10).mean() > 0.01


def test_rotate_right_and_left_turn_a_quarter(coffee):
    right, _ = edit(coffee, "rotate right")
    left, _ = edit(coffee, "rotate left")
    assert np.array_equal(right, np.rot90(coffee, -1))
    assert np.array_equal(left, np.rot90(coffee, 1))


def test_upside_down_rotates_half_a_turn(coffee):
    out, _ = edit(coffee, "turn it upside down")
    assert np.array_equal(out, coffee[::-1, ::-1])


def test_flip_mirrors_along_the_named_axis(coffee):
    horizontal, _ = edit(coffee, "flip horizontally")
    vertical, _ = edit(coffee, "flip vertically")
    assert np.array_equal(horizontal, coffee[:, ::-1])
    assert np.array_equal(vertical, coffee[::-1])


def test_upscale_doubles_size_and_is_crisper_than_plain_lanczos(chelsea):
    out, _ = edit(chelsea, "upscale 2x")
    h, w = chelsea.shape[:2]
    assert out.shape[:2] == (h * 2, w * 2)
    plain = np.asarray(Image.fromarray(chelsea).resize((w * 2, h * 2), Image.LANCZOS))
    assert sharpness(out) > sharpness(plain) * 1.2


def test_resize_sets_the_longest_side_and_keeps_the_aspect(coffee):
    out, _ = edit(coffee, "resize to 150px")
    h, w = coffee.shape[:2]
    assert max(out.shape[:2]) == 150
    assert abs(out.shape[1] / out.shape[0] - w / h) < 0.02


def test_several_edits_in_one_prompt_are_all_applied_in_order(coffee):
    out, result = edit(coffee, "brighten it, add more contrast and make it black and white")
    assert [s["op"] for s in result.edits] == ["brightness", "contrast", "grayscale"]
    assert np.array_equal(out[:, :, 0], out[:, :, 2])
    assert luma(out).mean() > luma(coffee).mean() + 5


def test_rgba_input_keeps_its_alpha_through_colour_edits(coffee):
    rgba = np.dstack([coffee, np.tile(np.linspace(0, 255, coffee.shape[1]).astype(np.uint8), (coffee.shape[0], 1))])
    result = ENGINE.edit(Image.fromarray(rgba, "RGBA"), "warmer and sharper")
    out = np.asarray(result.images[0])
    assert result.images[0].mode == "RGBA"
    assert np.array_equal(out[:, :, 3], rgba[:, :, 3])
    assert not np.array_equal(out[:, :, :3], coffee)


def test_rgba_input_keeps_its_alpha_through_rotation(coffee):
    rgba = np.dstack([coffee, np.full(coffee.shape[:2], 255, np.uint8)])
    rgba[:10, :, 3] = 0
    out = np.asarray(ENGINE.edit(Image.fromarray(rgba, "RGBA"), "rotate 180").images[0])
    assert (out[-10:, :, 3] == 0).all() and (out[:-10, :, 3] == 255).all()


def test_rgb_input_comes_back_rgb(coffee):
    assert ENGINE.edit(Image.fromarray(coffee), "sepia").images[0].mode == "RGB"


def test_every_frame_of_an_animation_is_edited(coffee):
    frames = [Image.fromarray(np.roll(coffee, shift, axis=1)) for shift in (0, 5, 10)]
    result = ENGINE.edit_frames(frames, "black and white")
    assert len(result.images) == 3
    for frame in result.images:
        out = np.asarray(frame)
        assert np.array_equal(out[:, :, 0], out[:, :, 1]) and chroma(out) == 0


# Sample params for ops that need them; every registered op must visibly change a photo.
OP_PARAMS = {
    "rotate": {"degrees": 90},
    "flip": {"axis": "horizontal"},
    "crop": {"aspect": "1:1"},
    "upscale": {"factor": 2},
    "resize": {"size": 120},
    "background_color": {"color": [255, 255, 255], "name": "white"},
}


# Ops that may rightly leave the pixels alone: a marker for the file format (tests/test_output_format.py
# checks the file), and straightening, which turns only a photo with a tilted line (tests/test_engine_rotation.py).
PIXEL_NEUTRAL = {"output_format", "straighten"}


@pytest.mark.parametrize("op", sorted(set(OPS) - PIXEL_NEUTRAL))
def test_no_registered_op_is_a_no_op(op, chelsea):
    from photos.engines.local.segmentation import MaskProvider

    supplied = {  # the caller's extra images, for the ops that use them
        "background": np.full((50, 80, 3), (20, 120, 200), np.uint8),
        "mask": np.pad(np.full((60, 60), 255, np.uint8), ((100, chelsea.shape[0] - 160), (150, chelsea.shape[1] - 210))),
    }
    out = apply_step(chelsea, MaskProvider(inputs=supplied), {"op": op, "strength": 0.6, **OP_PARAMS.get(op, {})})
    changed = out.shape != chelsea.shape or np.abs(out.astype(np.int16) - chelsea).mean() > 1.0
    assert changed, f"{op} left the image unchanged"
