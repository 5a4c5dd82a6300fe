"""The result's file format: transparent results of JPEGs come back as PNG, `format` and
prompt phrases pick one, and the name, Content-Type and bytes always agree."""

import io

import numpy as np
import pytest
from PIL import Image
from skimage import data as samples

from billing.ledger import balance_of
from photos import formats
from photos.models import Job
from tests import images
from tests.test_photo_happy_path import fetch


@pytest.fixture
def local_engine(settings):
    settings.PAINTY_ENGINE = "local"


def astronaut(fmt: str, size=256) -> bytes:
    return images.encode(Image.fromarray(samples.astronaut()).resize((size, size)), fmt)


def result_of(client, response):
    assert response.status_code == 200, response.content
    url = response.json()["data"]["resultUrls"][0]
    answer = fetch(client, url)
    body = b"".join(answer.streaming_content)
    return url, answer["Content-Type"], Image.open(io.BytesIO(body))


def test_removing_a_jpegs_background_returns_a_transparent_png(local_engine, client, post_photo):
    url, content_type, result = result_of(client, post_photo(astronaut("JPEG"), prompt="remove the background"))
    assert url.split("?")[0].endswith(".png") and content_type == "image/png" and result.format == "PNG"
    alpha = np.asarray(result.getchannel("A"))
    assert alpha[:8, :8].max() == 0  # the corner is background
    assert alpha[100:130, 110:140].min() == 255  # the astronaut's face is subject


def test_webp_input_stays_webp_with_its_transparency(local_engine, client, post_photo):
    url, content_type, result = result_of(
        client, post_photo(astronaut("WEBP"), prompt="remove the background", name="a.webp")
    )
    assert url.split("?")[0].endswith(".webp") and content_type == "image/webp"
    assert result.format == "WEBP" and result.mode == "RGBA" and result.getchannel("A").getextrema()[0] == 0


def test_jpeg_asked_for_a_transparent_result_is_put_on_white(local_engine, client, post_photo):
    source = astronaut("PNG")
    url, content_type, result = result_of(
        client, post_photo(source, prompt="remove the background", name="a.png", fields={"format": "jpg"})
    )
    assert url.split("?")[0].endswith(".jpg") and content_type == "image/jpeg" and result.mode == "RGB"
    assert (np.asarray(result)[:8, :8].reshape(-1, 3) > 245).all()


@pytest.mark.parametrize(
    "field, prompt, extension",
    [
        ("png", "make it brighter", "png"),
        ("webp", "make it brighter", "webp"),
        ("JPEG", "make it brighter", "jpg"),
        ("", "make it brighter and save it as a webp", "webp"),
        (None, "convert to png", "png"),
        ("jpg", "brighter, as a png", "jpg"),  # the field wins over the prompt
    ],
)
def test_format_field_and_prompt_phrases_pick_the_format(field, prompt, extension, client, post_photo):
    fields = {} if field is None else {"format": field}
    url, content_type, result = result_of(client, post_photo(images.jpeg(), prompt=prompt, fields=fields))
    assert url.split("?")[0].endswith("." + extension)
    assert content_type == {"png": "image/png", "webp": "image/webp", "jpg": "image/jpeg"}[extension]
    assert result.format == {"png": "PNG", "webp": "WEBP", "jpg": "JPEG"}[extension]


def test_an_animated_gif_asked_for_as_webp_stays_animated(client, post_photo):
    _, content_type, result = result_of(client, post_photo(images.gif(frames=3), name="a.gif", fields={"format": "webp"}))
    assert content_type == "image/webp" and result.n_frames == 3


@pytest.mark.parametrize("value", ["tiff", "png8", "1", "image/png"])
def test_an_unknown_format_is_a_400_that_charges_nothing(value, post_photo, user):
    response = post_photo(images.jpeg(), fields={"format": value})
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_parameter"
    assert response.json()["error"]["param"] == "format"
    assert balance_of(user) == 10 and not Job.objects.exists()


def test_jpeg_for_an_animation_is_refused_before_charging(post_photo, user):
    response = post_photo(images.gif(frames=3), name="a.gif", fields={"format": "jpg"})
    assert response.status_code == 400 and response.json()["error"]["param"] == "format"
    assert "animation" in response.json()["error"]["message"]
    assert balance_of(user) == 10 and not Job.objects.exists()


def test_a_dry_run_tells_the_result_format(local_engine, client, auth):
    from django.core.files.uploadedfile import SimpleUploadedFile

    def quote(prompt, **fields):
        body = {"prompt": prompt, "image": SimpleUploadedFile("a.jpg", astronaut("JPEG")), **fields}
        response = client.post("/api/v1/photo?dry_run=1", body, **auth)
        assert response.status_code == 200, response.content
        return response.json()["data"]["resultFormat"]

    assert quote("remove the background") == "png"
    assert quote("make it brighter") == "jpg"
    assert quote("make it brighter", format="webp") == "webp"


@pytest.mark.parametrize(
    "prompt, expected",
    [
        ("as a png", "png"),
        ("transparent png", "png"),
        ("convert it to webp please", "webp"),
        ("export as JPEG", "jpg"),
        ("in png format", "png"),
        ("make it brighter", "auto"),
        ("png then webp", "webp"),  # the last mention wins
    ],
)
def test_prompt_phrases_name_a_format(prompt, expected):
    assert formats.from_prompt(prompt) == expected


def test_the_rule_keeps_formats_that_carry_alpha_and_animations():
    opaque = Image.new("RGB", (4, 4))
    clear = Image.new("RGBA", (4, 4), (0, 0, 0, 0))
    assert formats.choose("auto", "JPEG", [clear], animated=False) == "PNG"
    assert formats.choose("auto", "GIF", [clear], animated=False) == "PNG"  # a still GIF's alpha is on/off only
    assert formats.choose("auto", "GIF", [clear, clear], animated=True) == "GIF"
    assert formats.choose("auto", "WEBP", [clear], animated=False) == "WEBP"
    assert formats.choose("auto", "JPEG", [opaque], animated=False) == "JPEG"
    assert formats.choose("webp", "JPEG", [opaque], animated=False) == "WEBP"
