"""Inputs and outputs beyond the seed: your own background, a mask, the matte alone, variants."""

import io

import numpy as np
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from billing.ledger import balance_of
from photos.models import Job
from tests import images
from tests.test_photo_happy_path import fetch


@pytest.fixture(autouse=True)
def local_engine(settings):
    settings.PAINTY_ENGINE = "local"


def cutout_png(size=(200, 150), box=(70, 40, 130, 110)) -> bytes:
    """A transparent PNG with an opaque red box at fixed coordinates: its matte is known exactly."""
    array = np.zeros((size[1], size[0], 4), np.uint8)
    x0, y0, x1, y1 = box
    array[y0:y1, x0:x1] = (200, 30, 30, 255)
    return images.encode(Image.fromarray(array, "RGBA"), "PNG")


def solid(size, colour, fmt="PNG") -> bytes:
    return images.encode(Image.new("RGB", size, colour), fmt)


def mask_png(size, box) -> bytes:
    mask = Image.new("L", size, 0)
    mask.paste(255, box)
    return images.encode(mask, "PNG")


def post(client, auth, prompt, image, query="", **files_and_fields):
    data = {"prompt": prompt, "image": SimpleUploadedFile("in.png", image)}
    for name, value in files_and_fields.items():
        data[name] = SimpleUploadedFile(f"{name}.png", value) if isinstance(value, bytes) else value
    return client.post("/api/v1/photo" + query, data, **auth)


def results(client, response) -> list[Image.Image]:
    assert response.status_code == 200, response.content
    return [
        Image.open(io.BytesIO(b"".join(fetch(client, url).streaming_content)))
        for url in response.json()["data"]["resultUrls"]
    ]


# --- Your own background ---


def test_the_subject_is_placed_on_the_callers_background(client, auth, user):
    response = post(client, auth, "put me on this background", cutout_png(), background=solid((400, 100), (20, 120, 200)))
    [result] = results(client, response)
    out = np.asarray(result.convert("RGB")).astype(int)
    assert result.size == (200, 150)
    assert np.abs(out[5, 5] - (20, 120, 200)).max() <= 2  # the corner shows the background (scaled to cover)
    assert np.abs(out[75, 100] - (200, 30, 30)).max() <= 2  # the subject keeps its pixels
    assert balance_of(user) == 9


def test_a_background_without_a_background_word_still_replaces_it(client, auth):
    response = post(client, auth, "make it a bit brighter", cutout_png(), background=solid((50, 50), (0, 200, 0)))
    [result] = results(client, response)
    assert [s["op"] for s in response.json()["data"]["edits"]][0] == "background_image"
    assert np.asarray(result.convert("RGB"))[3, 3][1] > 150


def test_the_background_and_a_soft_shadow_together(client, auth):
    response = post(client, auth, "put me on this background and add a soft shadow", cutout_png(),
                    background=solid((200, 150), (255, 255, 255)))
    [result] = results(client, response)
    out = np.asarray(result.convert("RGB")).astype(int)
    assert out[112, 100].mean() < 235 and out[5, 5].mean() > 250  # grey under the box, white in the corner


def test_asking_for_a_background_image_without_sending_one_is_a_400(client, auth, user):
    response = post(client, auth, "put me on this background", cutout_png())
    assert response.status_code == 400 and response.json()["error"]["param"] == "background"
    assert balance_of(user) == 10 and not Job.objects.exists()


def test_an_unreadable_background_is_a_clear_error_naming_it(client, auth, user):
    response = post(client, auth, "put me on this background", cutout_png(), background=b"not an image")
    assert response.status_code == 415 and response.json()["error"]["param"] == "background"
    assert balance_of(user) == 10


# --- A mask ---


def test_edits_stay_inside_the_mask(client, auth):
    grey = solid((200, 150), (100, 100, 100))
    response = post(client, auth, "make it much brighter", grey, mask=mask_png((200, 150), (0, 0, 100, 150)))
    [result] = results(client, response)
    out = np.asarray(result.convert("L")).astype(int)
    assert out[75, 20] > 130 and abs(out[75, 180] - 100) <= 1  # left half brighter, right half untouched
    assert all(step["within"] == "mask" for step in response.json()["data"]["edits"])


def test_remove_inside_a_small_mask_retouches_it_from_the_surroundings(client, auth, user):
    photo = np.full((150, 200, 3), (90, 140, 60), np.uint8)
    photo[70:78, 95:105] = (250, 250, 250)  # a speck of dust
    response = post(client, auth, "remove the dust spot in the masked area", images.encode(Image.fromarray(photo), "PNG"),
                    mask=mask_png((200, 150), (93, 68, 107, 80)))
    [result] = results(client, response)
    out = np.asarray(result.convert("RGB")).astype(int)
    assert np.abs(out[74, 100] - (90, 140, 60)).max() <= 8  # the speck is gone
    assert response.json()["data"]["edits"] == [{"op": "inpaint", "strength": 1.0}]
    assert balance_of(user) == 9


def test_without_a_mask_removing_an_object_stays_refused(client, auth, user):
    response = post(client, auth, "remove the dust spot", cutout_png())
    assert response.status_code == 422 and balance_of(user) == 10


def test_a_large_masked_removal_is_refused_honestly(client, auth, user):
    response = post(client, auth, "remove the car", solid((200, 150), (50, 50, 50)),
                    mask=mask_png((200, 150), (0, 0, 120, 150)))
    assert response.status_code == 422
    assert "generative engine" in response.json()["error"]["message"]
    assert balance_of(user) == 10


def test_a_mask_cannot_be_combined_with_geometry(client, auth, user):
    response = post(client, auth, "brighter and rotate left", solid((200, 150), (50, 50, 50)),
                    mask=mask_png((200, 150), (0, 0, 50, 50)))
    assert response.status_code == 422 and "rotate" in response.json()["error"]["message"]


def test_a_mask_of_other_proportions_is_a_400(client, auth, user):
    response = post(client, auth, "brighter", solid((200, 150), (50, 50, 50)), mask=mask_png((100, 100), (0, 0, 50, 50)))
    assert response.status_code == 400 and response.json()["error"]["param"] == "mask"
    assert balance_of(user) == 10


# --- The matte alone ---


def test_channels_alpha_returns_the_matte_as_a_grey_png(client, auth):
    response = post(client, auth, "remove the background", cutout_png(), channels="alpha")
    [matte] = results(client, response)
    assert matte.format == "PNG" and matte.mode == "L"
    out = np.asarray(matte)
    assert out[75, 100] == 255 and out[5, 5] == 0


@pytest.mark.parametrize("fields, param", [({"channels": "alpha"}, "channels"), ({"channels": "rgb"}, "channels"),
                                           ({"channels": "alpha", "format": "jpg"}, "format")])
def test_channels_alpha_needs_a_cut_out(client, auth, user, fields, param):
    response = post(client, auth, "make it brighter", solid((64, 48), (90, 90, 90), "JPEG"), **fields)
    assert response.status_code == 400 and response.json()["error"]["param"] == param
    assert balance_of(user) == 10


# --- Variants ---


def test_three_variants_are_three_results_charged_as_three(client, auth, user):
    response = post(client, auth, "make it brighter", solid((64, 48), (90, 90, 90), "JPEG"), n="3")
    brightness = [np.asarray(image.convert("L")).mean() for image in results(client, response)]
    assert len(brightness) == 3 and len({round(b) for b in brightness}) == 3  # lighter and stronger takes
    assert brightness[1] < brightness[0] < brightness[2]
    assert response.json()["data"]["creditsCharged"] == 3 and balance_of(user) == 7
    assert response["X-Credits-Charged"] == "3"


def test_a_dry_run_prices_the_variants(client, auth, user):
    response = post(client, auth, "make it brighter", solid((64, 48), (90, 90, 90), "JPEG"), query="?dry_run=1", n="3")
    assert response.status_code == 200
    assert (response.json()["data"]["price"], response.json()["data"]["results"]) == (3, 3)
    assert balance_of(user) == 10


def test_background_colour_variants_are_the_nearest_colours(client, auth):
    response = post(client, auth, "make the background white", cutout_png(), n="2")
    edits = response.json()["data"]["edits"]
    assert edits[0]["name"] == "white"
    corners = [tuple(np.asarray(image.convert("RGB"))[2, 2]) for image in results(client, response)]
    assert corners[0] == (255, 255, 255) and corners[1] != corners[0]


@pytest.mark.parametrize("value", ["0", "5", "two", "-1", "1.5"])
def test_n_must_be_1_to_4(client, auth, user, value):
    response = post(client, auth, "make it brighter", solid((64, 48), (90, 90, 90)), n=value)
    assert response.status_code == 400 and response.json()["error"]["param"] == "n"
    assert balance_of(user) == 10


def test_variants_of_an_edit_with_one_answer_are_refused(client, auth, user):
    response = post(client, auth, "rotate left", solid((64, 48), (90, 90, 90)), n="2")
    assert response.status_code == 400 and response.json()["error"]["param"] == "n"


def test_variants_cost_more_than_a_balance_allows_is_a_402(client, auth, user):
    from billing import ledger

    ledger.debit(user, 8, reason="spent elsewhere")
    response = post(client, auth, "make it brighter", solid((64, 48), (90, 90, 90)), n="3")
    assert response.status_code == 402 and balance_of(user) == 2


# --- A large masked removal goes to the hosted engine under `auto` ---


def test_auto_sends_a_large_masked_removal_to_openai_with_the_mask(client, auth, user, settings, openai_server):
    settings.PAINTY_ENGINE = "auto"
    settings.PAINTY_HOSTED_ENGINE = "openai"
    response = post(client, auth, "remove the car", solid((200, 150), (50, 50, 50)),
                    mask=mask_png((200, 150), (0, 0, 120, 150)))
    assert response.status_code == 200, response.content
    assert response.json()["data"]["edits"][0]["op"] == "generative_edit"
    [request] = openai_server.requests
    mask = Image.open(io.BytesIO(request.fields["mask"]))
    assert mask.size == request.image().size and mask.mode == "RGBA"
    alpha = np.asarray(mask.getchannel("A"))
    assert alpha[75, 20] == 0 and alpha[75, 180] == 255  # transparent = the region to edit, as OpenAI reads it
    assert balance_of(user) == 9


def test_gemini_takes_no_mask_so_the_refusal_says_so(client, auth, user, settings, gemini_server):
    settings.PAINTY_ENGINE = "auto"
    settings.PAINTY_HOSTED_ENGINE = "gemini"
    response = post(client, auth, "remove the car", solid((200, 150), (50, 50, 50)),
                    mask=mask_png((200, 150), (0, 0, 120, 150)))
    assert response.status_code == 422 and "mask" in response.json()["error"]["message"]
    assert balance_of(user) == 10 and gemini_server.requests == []


def test_a_background_counts_against_the_work_budget(client, auth, user, settings):
    settings.PAINTY_MAX_WORK_PIXELS = 100_000
    response = post(client, auth, "put me on this background", cutout_png(), background=solid((300, 300), (1, 2, 3)))
    assert response.status_code == 413 and "background image" in response.json()["error"]["message"]
    assert balance_of(user) == 10 and not Job.objects.exists()
