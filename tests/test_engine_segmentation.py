"""Subject/background segmentation and the background edits built on it.

The u2netp model is loaded once per test session (module-scoped fixture on a
process-wide session); photos are downscaled to keep the run short."""

import cv2
import numpy as np
import pytest
from PIL import Image
from skimage import data

from photos.engines.local import segmentation
from photos.engines.local.ops import geometry
from photos.engines.local.segmentation import MaskProvider
from tests.image_stats import ENGINE, edit, local_sharpness, luma, subject_ssim

@pytest.fixture(scope="session")
def model():
    return segmentation.get_session()


@pytest.fixture(scope="session")
def astronaut(model):
    return cv2.resize(data.astronaut(), (384, 384), interpolation=cv2.INTER_AREA)


@pytest.fixture(scope="session")
def regions(astronaut):
    """Confident subject and background areas of the astronaut, eroded away
    from the edge so the assertions judge regions, not the feather. These come
    from the mask under test, so they only judge what the edits do with it; the
    synthetic-scene tests below check the mask itself against drawn coordinates."""
    mask = MaskProvider()(astronaut).astype(np.float32) / 255.0
    kernel = np.ones((9, 9), np.uint8)
    subject = cv2.erode((mask > 0.95).astype(np.uint8), kernel).astype(bool)
    background = cv2.erode((mask < 0.05).astype(np.uint8), kernel).astype(bool)
    return mask, subject, background


def test_model_is_loaded_once_per_process(model):
    assert segmentation.get_session() is model
    assert segmentation.model_path().name == "u2netp.onnx"


def test_mask_finds_the_astronaut_and_not_the_wall(regions):
    mask, subject, background = regions
    assert mask[64:100, 160:210].mean() > 0.9  # her face
    assert mask[:40, 300:].mean() < 0.1  # grey wall, top right
    assert 0.15 < subject.mean() < 0.8 and background.mean() > 0.05


def test_refined_mask_is_full_resolution_uint8_with_a_narrow_soft_edge(regions, astronaut):
    assert MaskProvider()(astronaut).dtype == np.uint8  # a quarter of float32's memory at full size
    mask = regions[0]
    assert mask.shape == astronaut.shape[:2]
    soft = (mask > 0.05) & (mask < 0.95)
    assert 0 < soft.mean() < 0.06  # feathered, but only along the outline


def test_clean_and_bright_lightens_and_flattens_background(astronaut, regions):
    _, subject, background = regions
    out, result = edit(astronaut, "Make the background clean and bright")
    assert result.edits[0]["op"] == "background_clean"
    before, after = luma(astronaut)[background], luma(out)[background]
    assert after.mean() >= before.mean() * 1.15
    assert after.std() < before.std()
    assert subject_ssim(astronaut, out, subject) >= 0.9


def test_white_background_is_white_with_no_dark_halo(astronaut, regions):
    mask, subject, background = regions
    out, _ = edit(astronaut, "white background")
    assert luma(out)[background].mean() > 250
    # A ring just outside the subject must be as light as the rest of the
    # background: a halo would show as a dark outline here.
    ring = cv2.dilate((mask > 0.5).astype(np.uint8), np.ones((7, 7), np.uint8)).astype(bool) & (mask < 0.05)
    assert luma(out)[ring].mean() > 235
    assert subject_ssim(astronaut, out, subject) >= 0.95


def test_named_colour_background_takes_that_colour(astronaut, regions):
    _, subject, background = regions
    out, _ = edit(astronaut, "make the backdrop navy")
    # Colour names are CSS's exact values (navy is 0, 0, 128), not the engine's own palette.
    assert np.abs(out[background].astype(np.float32).mean(axis=0) - (0, 0, 128)).max() < 12
    assert subject_ssim(astronaut, out, subject) >= 0.95


def test_remove_background_returns_rgba_with_transparent_background(astronaut, regions):
    _, subject, background = regions
    result = ENGINE.edit(Image.fromarray(astronaut), "remove the background")
    out = np.asarray(result.images[0])
    assert result.images[0].mode == "RGBA"
    assert out[:, :, 3][background].mean() < 10
    assert out[:, :, 3][subject].mean() > 245
    # The photo's own pixels wherever alpha is settled; the soft edge carries the
    # subject's estimated colour instead (see the foreground-colour tests below).
    settled = (out[:, :, 3] == 0) | (out[:, :, 3] == 255)
    assert np.array_equal(out[:, :, :3][settled], astronaut[settled])


def test_remove_background_keeps_existing_transparency(astronaut):
    rgba = np.dstack([astronaut, np.full(astronaut.shape[:2], 255, np.uint8)])
    rgba[:, :40, 3] = 0
    out = np.asarray(ENGINE.edit(Image.fromarray(rgba, "RGBA"), "remove the background").images[0])
    assert (out[:, :40, 3] == 0).all()


def test_blur_background_softens_background_and_keeps_subject_sharp(astronaut, regions):
    _, subject, background = regions
    out, _ = edit(astronaut, "blur the background")
    assert local_sharpness(out, background) < local_sharpness(astronaut, background) * 0.4
    assert local_sharpness(out, subject) > local_sharpness(astronaut, subject) * 0.9


def test_darken_background_leaves_the_subject_alone(astronaut, regions):
    _, subject, background = regions
    out, _ = edit(astronaut, "darken the background")
    assert luma(out)[background].mean() < luma(astronaut)[background].mean() * 0.85
    assert subject_ssim(astronaut, out, subject) >= 0.95


def test_desaturate_background_removes_its_colour_only(astronaut, regions):
    _, subject, background = regions
    out, _ = edit(astronaut, "desaturate the background")
    chroma = lambda a, where: float(np.ptp(a.astype(np.float32), axis=2)[where].mean())  # noqa: E731
    assert chroma(out, background) < chroma(astronaut, background) * 0.5
    assert abs(chroma(out, subject) - chroma(astronaut, subject)) < 3


def test_subject_region_edit_leaves_the_background_untouched(astronaut, regions):
    _, subject, background = regions
    out, result = edit(astronaut, "brighten my face")
    assert result.edits[0]["region"] == "subject"
    assert luma(out)[subject].mean() > luma(astronaut)[subject].mean() + 10
    assert np.abs(luma(out)[background] - luma(astronaut)[background]).mean() < 1


# Synthetic scenes: a red-and-yellow disc on a plain graded backdrop, drawn at
# coordinates the test chooses, so the expectations do not come from the mask.
# The crop scene puts the subject in the top-right corner, where a centred crop
# (what a box that ignored the mask would give) would cut it off for every aspect.
CORNER_SUBJECT = (330, 10, 430, 120)  # x0, y0, x1, y1 in a 450×300 scene


def scene(width, height, box):
    x0, y0, x1, y1 = box
    rows = np.linspace(0, 30, height, dtype=np.float32)[:, None, None]
    picture = np.broadcast_to(rows + np.array([150, 160, 175], np.float32), (height, width, 3)).astype(np.uint8, order="C")
    centre, axes = ((x0 + x1) // 2, (y0 + y1) // 2), ((x1 - x0) // 2, (y1 - y0) // 2)
    cv2.ellipse(picture, centre, axes, 0, 0, 360, (200, 40, 30), -1)
    cv2.ellipse(picture, centre, (axes[0] // 2, axes[1] // 2), 0, 0, 360, (240, 200, 40), -1)
    return picture


def test_the_mask_covers_a_drawn_subject_and_nothing_else():
    mask = MaskProvider()(scene(240, 160, (30, 30, 130, 140)))
    assert mask[50:120, 50:110].min() > 0.95  # well inside the disc
    assert mask[:, 150:].max() < 0.05  # backdrop right of it
    assert mask[:20].max() < 0.05 and mask[150:].max() < 0.05  # above and below it


def test_subject_box_is_where_the_subject_was_drawn():
    box = geometry.subject_box(scene(450, 300, CORNER_SUBJECT), MaskProvider())
    assert all(abs(got - want) <= 2 for got, want in zip(box, CORNER_SUBJECT)), box


@pytest.mark.parametrize("aspect, size", [("1:1", (300, 300)), ("16:9", (450, 253)), ("4:5", (240, 300))])
def test_crop_has_the_aspect_ratio_and_keeps_a_subject_in_the_corner(aspect, size):
    photo = scene(450, 300, CORNER_SUBJECT)
    out, _ = edit(photo, f"crop to {aspect}")
    assert (out.shape[1], out.shape[0]) == size
    # Locate the crop inside the photo (it is an exact sub-array).
    left, top = cv2.minMaxLoc(cv2.matchTemplate(photo, out, cv2.TM_SQDIFF))[2]
    x0, y0, x1, y1 = CORNER_SUBJECT
    assert left <= x0 and x1 <= left + size[0]
    assert top <= y0 and y1 <= top + size[1]


def test_white_background_and_cutout_change_only_the_drawn_backdrop():
    photo = scene(240, 160, (30, 30, 130, 140))
    inside, outside = np.s_[50:120, 50:110], np.s_[:, 160:]
    white, _ = edit(photo, "white background")
    assert (white[outside] == 255).all()
    assert np.array_equal(white[inside], photo[inside])
    cutout, _ = edit(photo, "remove the background")
    assert (cutout[outside][:, :, 3] == 0).all()
    assert (cutout[inside][:, :, 3] == 255).all()
    settled = (cutout[:, :, 3] == 0) | (cutout[:, :, 3] == 255)
    assert np.array_equal(cutout[:, :, :3][settled], photo[settled])


def test_square_crop_of_a_portrait_keeps_the_face():
    portrait = cv2.resize(data.astronaut(), (300, 450), interpolation=cv2.INTER_AREA)  # stretched tall
    faces = geometry.detect_faces(portrait)
    assert faces, "the Haar cascade should find the astronaut's face"
    out, _ = edit(portrait, "crop to square")
    found = cv2.matchTemplate(portrait, out, cv2.TM_SQDIFF)
    top = cv2.minMaxLoc(found)[2][1]
    fx0, fy0, fx1, fy1 = faces[0]
    assert top <= fy0 and fy1 <= top + out.shape[0]


def test_segmentation_runs_only_when_the_plan_needs_it(astronaut, monkeypatch):
    def fail(*args, **kwargs):
        raise AssertionError("segmentation ran for a colour-only plan")

    monkeypatch.setattr(segmentation, "predict_coarse", fail)
    out, _ = edit(astronaut, "brighten, more contrast, sepia and rotate left")
    assert out.shape == (384, 384, 3)


def test_animation_frames_reuse_the_mask_while_they_look_alike(astronaut):
    def blink(step):  # a small part of the frame changes, as in most GIFs
        frame = astronaut.copy()
        frame[10:40, 10 + 20 * step : 40 + 20 * step] = 255
        return Image.fromarray(frame)

    frames = [blink(step) for step in range(4)]
    different = Image.fromarray(data.coffee()[:384, :384])
    result = ENGINE.edit_frames(frames + [different], "blur the background")
    assert len(result.images) == 5
    assert any("segmentation ran 2× for 5 frames" in note for note in result.notes)
    for before, after in zip(frames, result.images):
        assert not np.array_equal(np.asarray(before), np.asarray(after))


def test_rgba_animation_frames_keep_their_alpha(astronaut):
    rgba = np.dstack([astronaut, np.full(astronaut.shape[:2], 200, np.uint8)])
    result = ENGINE.edit_frames([Image.fromarray(rgba, "RGBA")] * 2, "make the background white")
    for frame in result.images:
        assert frame.mode == "RGBA" and (np.asarray(frame)[:, :, 3] == 200).all()
