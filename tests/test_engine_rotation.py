"""Rotation by any angle and straightening: the angle asked is the angle turned, corners cropped."""

import cv2
import numpy as np
import pytest
from PIL import Image
from skimage import data as samples

from photos import budget
from photos.engines.local import LocalEngine
from photos.engines.local.ops.geometry import horizon_tilt, rotate_and_crop
from photos.engines.local.parser import parse


def horizon_scene(tilt: float = 0.0, size=(1200, 800)) -> np.ndarray:
    """Sky over sea, the horizon at 55 % of the height, turned `tilt` degrees clockwise."""
    w, h = size
    rng = np.random.default_rng(7)
    scene = np.empty((h, w, 3), np.uint8)
    scene[: int(h * 0.55)] = (150, 190, 235)
    scene[int(h * 0.55) :] = (40, 80, 120)
    scene = np.clip(scene + rng.normal(0, 10, scene.shape), 0, 255).astype(np.uint8)
    return rotate_and_crop(scene, tilt) if tilt else scene


def horizon_slope(image: np.ndarray) -> float:
    """The horizon's angle in degrees (+ = sloping down to the right): a line fitted
    through the sky/sea edge found in columns across the middle of the picture."""
    grey = cv2.GaussianBlur(cv2.cvtColor(np.ascontiguousarray(image[:, :, :3]), cv2.COLOR_RGB2GRAY), (0, 0), 3)
    w = grey.shape[1]
    columns = np.linspace(w * 0.2, w * 0.8, 13).astype(int)
    rows = [int(np.argmax(np.abs(np.diff(grey[:, x].astype(int))))) for x in columns]
    slope = np.polyfit(columns, rows, 1)[0]
    return float(np.degrees(np.arctan(slope)))


@pytest.mark.parametrize(
    "prompt, degrees",
    [("rotate 10 degrees", 10.0), ("rotate it 5° counterclockwise", -5.0), ("rotate by 45 degrees", 45.0),
     ("rotate 12.5 degrees to the left.", -12.5)],
)
def test_small_angles_are_asked_angles_not_quarter_turns(prompt, degrees):
    step = next(s for s in parse(prompt) if s["op"] == "rotate")
    assert step["degrees"] == degrees and step["corners"] == "crop"


def test_rotating_10_degrees_turns_a_level_horizon_10_degrees_clockwise_with_no_empty_corner():
    scene = horizon_scene()
    out = np.asarray(LocalEngine().edit(Image.fromarray(scene), "rotate 10 degrees").images[0])
    assert horizon_slope(out) == pytest.approx(10, abs=1.0)
    assert out.shape[:2][::-1] == budget.inscribed(1200, 800, 10)  # the work budget predicts the size
    corners = [out[:3, :3], out[:3, -3:], out[-3:, :3], out[-3:, -3:]]
    assert all(c.mean() > 20 for c in corners)  # real pixels in the corners, no black fill


def test_quarter_turns_stay_lossless():
    scene = horizon_scene()
    out = np.asarray(LocalEngine().edit(Image.fromarray(scene), "rotate 90 degrees").images[0])
    assert (out == np.rot90(scene, k=-1)).all()


@pytest.mark.parametrize("tilt", [-7.0, -3.0, 4.0, 8.0])
def test_straighten_levels_a_tilted_horizon(tilt):
    tilted = horizon_scene(tilt)
    assert abs(horizon_slope(tilted)) > 2
    out = np.asarray(LocalEngine().edit(Image.fromarray(tilted), "straighten the horizon please").images[0])
    assert horizon_slope(out) == pytest.approx(0, abs=0.6)
    assert horizon_tilt(tilted) == pytest.approx(-tilt, abs=0.5)


@pytest.mark.parametrize("name", ["chelsea", "coffee", "rocket"])
def test_straighten_leaves_photos_without_a_tilted_line_alone(name):
    photo = getattr(samples, name)()
    out = np.asarray(LocalEngine().edit(Image.fromarray(photo), "level the horizon").images[0])
    assert out.shape == photo.shape and (out == photo).all()
