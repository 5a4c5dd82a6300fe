"""The alpha matte and the foreground colours at the subject's edge.

Synthetic scenes are drawn at coordinates the test chooses, so expectations do
not come from the matte under test; where a test needs the model to hesitate
in a known way, the coarse saliency is given to it directly."""

import tracemalloc

import cv2
import numpy as np
import pytest
from skimage import data

from photos.engines.local import matting, segmentation
from photos.engines.local.ops import background
from photos.engines.local.segmentation import MaskProvider
from tests.image_stats import edit, small


@pytest.fixture(scope="module")
def model():
    return segmentation.get_session()


def backdrop(height, width, colour=(170, 185, 200)):
    rows = np.linspace(0, 25, height, dtype=np.float32)[:, None, None]
    return np.broadcast_to(rows + np.array(colour, np.float32), (height, width, 3)).astype(np.uint8, order="C")


def test_alpha_is_zero_in_the_corners_and_full_in_the_subjects_centre(model):
    coffee = small(data.coffee(), 480)
    alpha = MaskProvider()(coffee)
    h, w = alpha.shape
    corner = 12
    for rows, cols in ((slice(0, corner), slice(0, corner)), (slice(0, corner), slice(w - corner, w)),
                       (slice(h - corner, h), slice(0, corner)), (slice(h - corner, h), slice(w - corner, w))):
        assert (alpha[rows, cols] == 0).all()
    assert (alpha[h // 2 - 20 : h // 2 + 20, w // 2 - 20 : w // 2 + 20] == 255).all()  # the cup


def furry_disc_on_blue(size=480):
    """A yellow disc with a fringe of fine yellow strands over saturated blue, and its true alpha."""
    ss = 4
    cover = np.zeros((size * ss, size * ss), np.uint8)
    centre, radius = (size * ss // 2, size * ss // 2), size * ss // 4
    cv2.circle(cover, centre, radius, 255, -1)
    rng = np.random.default_rng(3)
    for angle in rng.uniform(0, 2 * np.pi, 700):
        start = np.array(centre) + radius * np.array([np.cos(angle), np.sin(angle)]) * 0.97
        end = start + rng.uniform(6, 16) * ss * np.array([np.cos(angle + rng.normal(0, 0.3)), np.sin(angle + rng.normal(0, 0.3))])
        cv2.line(cover, tuple(int(v) for v in start), tuple(int(v) for v in end), 255, 1)
    alpha = cv2.resize(cover, (size, size), interpolation=cv2.INTER_AREA).astype(np.float32)[:, :, None] / 255
    subject, blue = np.array([235, 205, 60], np.float32), np.array([20, 60, 230], np.float32)
    photo = np.clip(subject * alpha + blue * (1 - alpha) + 0.5, 0, 255).astype(np.uint8)
    return photo, alpha[:, :, 0]


def bluish(rgb):
    """How much blue stands out over red and green (levels): the old backdrop's colour."""
    rgb = rgb.astype(np.float32)
    return rgb[..., 2] - (rgb[..., 0] + rgb[..., 1]) / 2


def test_no_backdrop_colour_survives_around_the_subject_on_a_new_background(model):
    photo, alpha = furry_disc_on_blue()
    out, _ = edit(photo, "white background")
    solid = (alpha > 0.98).astype(np.uint8)
    ring = (cv2.dilate(solid, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (7, 7))) > 0) & (solid == 0)
    # The subject is yellow, the new backdrop white: any blue over red/green is
    # the old backdrop leaking through (pasting the photo's own edge pixels
    # along the mask, as the engine used to, leaves up to 28 levels here).
    assert bluish(out)[ring].max() < 8
    # and the strands' yellow is there: the fringe was not simply cut away
    rgb = out.astype(np.float32)
    assert (rgb[..., 0] - rgb[..., 2])[ring].max() > 40


def test_a_transparent_cutout_carries_the_subjects_colour_at_its_soft_edge(model):
    photo, _ = furry_disc_on_blue()
    out, _ = edit(photo, "remove the background")
    soft = (out[:, :, 3] > 0) & (out[:, :, 3] < 255)
    assert soft.sum() > 200  # a real feathered edge, not a hard cut
    assert bluish(out[:, :, :3])[soft].max() < 25  # whatever it is put on, no blue rim


def test_a_disconnected_island_the_model_never_trusts_is_dropped_whole(monkeypatch):
    photo = backdrop(400, 600)
    cv2.circle(photo, (380, 200), 90, (200, 40, 30), -1)  # the subject
    cv2.rectangle(photo, (40, 60), (140, 340), (150, 150, 160), -1)  # a flag-like thing
    coarse = np.zeros((320, 320), np.float32)
    cv2.circle(coarse, (203, 160), 60, 1.0, -1)
    cv2.rectangle(coarse, (21, 48), (75, 272), 0.6, -1)  # the model half believes in it
    monkeypatch.setattr(segmentation, "predict_coarse", lambda rgb: coarse)
    alpha = MaskProvider()(photo)
    assert (alpha[40:360, 20:160] == 0).all()
    assert (alpha[170:230, 350:410] == 255).all()


def test_a_weak_part_connected_to_the_subject_is_kept():
    prior = np.zeros((200, 300), np.float32)
    cv2.circle(prior, (200, 100), 50, 0.95, -1)
    cv2.rectangle(prior, (100, 80), (160, 120), 0.6, -1)  # touches the disc: the cat's chest
    cv2.rectangle(prior, (10, 10), (40, 40), 0.6, -1)  # stands alone: the flag
    decided = matting.subject_decision(prior)
    assert decided[100, 130] and decided[100, 200]
    assert not decided[25, 25]


def test_a_thin_leg_the_thumbnail_blurs_away_survives(model):
    # 1920×1440 with 3 px legs: a third of a pixel in the model's 320×320 thumbnail.
    k = 3
    photo = backdrop(480 * k, 640 * k)
    cv2.rectangle(photo, (240 * k, 200 * k), (400 * k, 330 * k), (190, 40, 30), -1)
    cv2.line(photo, (300 * k, 330 * k), (230 * k, 470 * k), (40, 30, 30), 3, cv2.LINE_AA)
    alpha = MaskProvider()(photo)
    along = [(round(k * (300 - t * 70)), round(k * (330 + t * 140))) for t in np.linspace(0.15, 0.9, 12)]
    assert min(int(alpha[y - 1 : y + 2, x - 1 : x + 2].max()) for x, y in along) > 200
    # and the leg is a leg, not a smear: 12 px beside it is backdrop
    assert max(int(alpha[y, x + 12]) for x, y in along) == 0


def test_a_huge_image_is_matted_and_composited_without_full_size_float_copies(model):
    # 24 MP: one float32 RGB copy would be 288 MB, a float32 mask 96 MB.
    height, width = 4000, 6000
    photo = cv2.resize(backdrop(400, 600), (width, height), interpolation=cv2.INTER_NEAREST)
    cv2.circle(photo, (width // 2, height // 2), height // 4, (200, 40, 30), -1)
    tracemalloc.start()
    try:
        out = background.background_clean(photo, MaskProvider(), 1.0)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert out.shape == photo.shape
    # The result (72 MB), the alpha (24 MB) and band/tile-sized temporaries.
    assert peak < photo.nbytes + height * width + 60 * 2**20, peak / 2**20
