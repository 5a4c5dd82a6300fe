"""HEIC and AVIF uploads (what iPhones and Android cameras save): read, made upright,
stripped of metadata, and answered as JPEG (PNG when transparent) unless `format` says otherwise."""

import io

import numpy as np
import pillow_heif
import pytest
from PIL import Image
from skimage import data as samples

from photos import imaging
from tests.test_photo_happy_path import fetch


def heic(image: Image.Image, orientation: int | None = None) -> bytes:
    out = io.BytesIO()
    exif = None
    if orientation:
        exif = Image.Exif()
        exif[0x0112] = orientation
        exif[0x010F] = "PhoneMaker"
        exif = exif.tobytes()
    image.save(out, "HEIF", quality=90, **({"exif": exif} if exif else {}))
    return out.getvalue()


def avif(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, "AVIF", quality=90)
    return out.getvalue()


@pytest.fixture
def photo() -> Image.Image:
    return Image.fromarray(samples.astronaut()).resize((240, 160))


def result_of(client, response):
    assert response.status_code == 200, response.content
    data = response.json()["data"]
    answer = fetch(client, data["resultUrls"][0])
    return data, answer, Image.open(io.BytesIO(b"".join(answer.streaming_content)))


@pytest.mark.parametrize("encode, name", [(heic, "IMG_0001.HEIC"), (avif, "pic.avif")])
def test_phone_formats_are_edited_and_come_back_as_jpeg(encode, name, photo, client, settings, post_photo):
    settings.PAINTY_ENGINE = "local"
    data, answer, result = result_of(client, post_photo(encode(photo), prompt="make it brighter", name=name))
    assert answer["Content-Type"] == "image/jpeg" and result.format == "JPEG"
    assert data["resultUrls"][0].split("?")[0].endswith(".jpg")
    assert result.size == (240, 160)
    before = np.asarray(photo.convert("L"), dtype=float).mean()
    assert np.asarray(result.convert("L"), dtype=float).mean() > before + 5


def test_a_heic_with_exif_orientation_comes_back_upright_and_without_exif(photo, client, post_photo):
    data, _, result = result_of(client, post_photo(heic(photo, orientation=6), prompt="make it brighter", name="a.heic"))
    assert result.size == (160, 240)  # orientation 6: turned a quarter clockwise
    assert not result.getexif()
    stored = fetch(client, data["originalUrl"])
    assert stored.status_code == 200, stored.content
    original = Image.open(io.BytesIO(b"".join(stored.streaming_content)))
    assert original.size == (160, 240) and not original.getexif().get(0x010F)


def test_a_transparent_heic_result_comes_back_as_png(photo, client, settings, post_photo):
    settings.PAINTY_ENGINE = "local"
    _, answer, result = result_of(client, post_photo(heic(photo), prompt="remove the background", name="a.heic"))
    assert answer["Content-Type"] == "image/png" and result.mode == "RGBA"


def test_format_asks_for_webp_from_a_heic(photo, client, post_photo):
    _, answer, result = result_of(client, post_photo(heic(photo), fields={"format": "webp"}, name="a.heic"))
    assert answer["Content-Type"] == "image/webp" and result.format == "WEBP"


def test_phone_formats_are_judged_by_their_bytes_not_their_names(photo):
    assert imaging.decode(heic(photo)).format == "HEIF"
    assert imaging.decode(avif(photo)).format == "AVIF"
    assert pillow_heif.is_supported(heic(photo))


def test_a_corrupt_heic_is_a_clear_400(photo, post_photo, user):
    data = heic(photo)
    response = post_photo(data[: len(data) // 2], name="a.heic")
    assert response.status_code in (400, 415)
    assert response.json()["error"]["param"] == "image"
