"""Tiny files that describe huge work are refused before charging, naming the real reason.

The budget is lowered to one megapixel here so the bombs stay small and fast;
the mechanism is the same at the default."""

import io

import pytest
from PIL import Image

from billing.ledger import balance_of
from photos import budget, imaging
from photos.models import Job
from tests import images

BUDGET = 1_000_000


@pytest.fixture(autouse=True)
def small_budget(settings):
    settings.PAINTY_MAX_WORK_PIXELS = BUDGET


@pytest.fixture
def local_engine(settings):
    settings.PAINTY_ENGINE = "local"


def one_colour_png(size) -> bytes:
    return images.encode(Image.new("1", size), "PNG")


def many_frame_gif(size, frames) -> bytes:
    shots = [Image.new("P", size, number % 2) for number in range(frames)]
    for shot in shots:
        shot.putpalette([0, 0, 0, 255, 255, 255])
    return images.encode(shots[0], "GIF", save_all=True, append_images=shots[1:], duration=40, loop=0)


def assert_refused(response, user, *phrases):
    assert response.status_code == 413, response.content
    error = response.json()["error"]
    assert error["code"] == "image_too_large"
    assert error["param"] == "image"
    for phrase in phrases:
        assert phrase in error["message"]
    assert "0×0" not in error["message"]
    assert balance_of(user) == 10
    assert not Job.objects.filter(user=user).exists()
    return error["message"]


def test_a_large_canvas_png_is_refused_naming_its_pixels(post_photo, user):
    bomb = one_colour_png((1500, 1000))
    assert len(bomb) < 5_000
    assert_refused(post_photo(bomb, name="x.png"), user, "1500×1000 px", "1.5 million pixels")


def test_a_many_frame_gif_is_refused_naming_its_frames_before_any_frame_is_decoded(post_photo, user, monkeypatch):
    bomb = many_frame_gif((200, 100), 60)
    assert len(bomb) < 20_000
    decoded = []
    monkeypatch.setattr(imaging, "_load", lambda *args: decoded.append(args))
    assert_refused(post_photo(bomb, name="x.gif"), user, "more than 50 frames", "200×100 px")
    assert decoded == []


def test_an_upscale_that_pushes_the_output_over_the_budget_is_refused_naming_the_upscale(
    local_engine, post_photo, user
):
    response = post_photo(images.jpeg((400, 300)), prompt="upscale 4x")
    assert_refused(response, user, "Upscaling 4×", "1600×1200 px")


def test_an_upscale_of_every_frame_counts_the_frames(local_engine, post_photo, user):
    response = post_photo(many_frame_gif((100, 100), 10), prompt="upscale 4x", name="x.gif")
    assert_refused(response, user, "Upscaling 4×", "400×400 px × 10 frames")


def test_a_dry_run_is_refused_the_same_way(local_engine, client, auth, user):
    response = client.post(
        "/api/v1/photo?dry_run=1", {"prompt": "upscale 4x", "image": io.BytesIO(images.jpeg((400, 300)))}, **auth
    )
    assert_refused(response, user, "Upscaling 4×")


def test_an_image_just_under_the_budget_is_accepted_and_charged(local_engine, settings, post_photo, user):
    settings.PAINTY_MAX_WORK_PIXELS = 1600 * 1200
    response = post_photo(images.jpeg((400, 300)), prompt="upscale 4x")
    assert response.status_code == 200, response.content
    assert balance_of(user) == 9
    assert Job.objects.get(user=user).status == Job.Status.SUCCEEDED


def test_an_animation_just_under_the_budget_is_accepted(settings, post_photo, user):
    settings.PAINTY_MAX_WORK_PIXELS = 200 * 100 * 60
    response = post_photo(many_frame_gif((200, 100), 60), name="x.gif")
    assert response.status_code == 200, response.content
    assert balance_of(user) == 9


def test_a_decompression_bomb_names_its_size_not_zero_by_zero(post_photo, user):
    bomb = one_colour_png((14000, 13000))  # past Pillow's own limit: it won't even open it
    assert_refused(post_photo(bomb, name="x.png"), user, "182,000,000 pixels")


def test_gif_frames_are_counted_from_the_blocks_like_pillow_does():
    data = images.gif(frames=7)
    assert imaging.gif_frame_count(data, stop=100) == Image.open(io.BytesIO(data)).n_frames == 7


def test_an_animation_of_500_frames_is_taken_and_one_of_501_refused_naming_the_limit(post_photo, user):
    assert len(imaging.decode(many_frame_gif((2, 2), 500)).frames) == 500
    message = assert_refused(post_photo(many_frame_gif((2, 2), 501), name="x.gif"), user)
    assert message == "The animation has more than 500 frames; the limit is 500."


def test_gif_frame_counting_stops_at_the_limit():
    assert imaging.gif_frame_count(many_frame_gif((10, 10), 300), stop=20) == 20


def test_the_output_size_follows_the_plans_geometry():
    assert budget.output_size(400, 300, [{"op": "rotate", "degrees": 90}]) == (300, 400, None)
    assert budget.output_size(400, 300, [{"op": "crop", "aspect": "1:1"}])[:2] == (300, 300)
    assert budget.output_size(400, 300, [{"op": "resize", "size": 2000}]) == (2000, 1500, "Resizing to 2000 px")
    # Upscales are capped at the engine's 8000 px side, as the engine does.
    assert budget.output_size(4000, 3000, [{"op": "upscale", "factor": 4}])[:2] == (8000, 6000)


def test_small_rotations_and_product_framing_are_counted_at_their_real_size():
    # A 10° turn is cropped inside the image; framing puts the (at most whole-image) subject on a square canvas.
    # 800 / (1200·sin 10° + 800·cos 10°) = 0.8031 of each side.
    assert budget.output_size(1200, 800, [{"op": "rotate", "degrees": 10, "corners": "crop"}])[:2] == (963, 642)
    assert budget.output_size(4000, 1000, [{"op": "product_frame", "fill": 0.85}]) == (4706, 4706, "Product framing")
    assert budget.output_size(7000, 1000, [{"op": "product_frame", "fill": 0.85}])[:2] == (8000, 8000)


def test_framing_that_would_grow_past_the_budget_is_refused_naming_it(local_engine, settings, post_photo, user):
    settings.PAINTY_MAX_WORK_PIXELS = 1_000_000
    response = post_photo(images.jpeg((1000, 400)), prompt="product photo")
    assert_refused(response, user, "Product framing", "1177×1177 px")


def test_colour_only_plans_keep_the_input_size():
    budget.check(1000, 1000, 1, [{"op": "brightness", "strength": 0.5}])
    with pytest.raises(budget.WorkTooLarge, match="1001×1000 px"):
        budget.check(1001, 1000, 1, [])
