"""A stored JPEG ends at the end-of-image marker of its primary image: nothing
that rides after it (HTML, random bytes, a motion photo's video, the extra
images of a Multi-Picture file) is kept, in the original or in the results."""

import io
import os

import pytest
from PIL import Image

from photos.models import Job
from tests import images
from tests.test_photo_happy_path import fetch

TRAILERS = {
    "html": b"<html><script>alert('stored xss?')</script></html>",
    # Random bytes with the markers a naive scanner would stop or restart at.
    "random": os.urandom(400_000) + b"\xff\xd8\xff\xe0\xff\xd9" + os.urandom(400_000),
    # A Samsung/Google motion photo: the clip's MP4 boxes follow the JPEG.
    "motion-photo": b"MotionPhoto_Data\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + os.urandom(50_000),
    "second-jpeg": images.jpeg((40, 30)),
}


def stored(client, url) -> bytes:
    response = fetch(client, url)
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def upload(post_photo, data: bytes) -> dict:
    response = post_photo(data)
    assert response.status_code == 200, response.content
    return response.json()["data"]


def pixels(data: bytes) -> bytes:
    return Image.open(io.BytesIO(data)).convert("RGB").tobytes()


def segment(marker: int, payload: bytes) -> bytes:
    return bytes([0xFF, marker]) + (len(payload) + 2).to_bytes(2, "big") + payload


def after_app0(jpeg: bytes, *segments: bytes) -> bytes:
    """`jpeg` (as Pillow writes it: SOI, then an 18-byte JFIF APP0) with `segments` inserted after the APP0."""
    assert jpeg[2:4] == b"\xff\xe0" and jpeg[4:6] == b"\x00\x10"
    return jpeg[:20] + b"".join(segments) + jpeg[20:]


@pytest.mark.parametrize("trailer", TRAILERS.values(), ids=TRAILERS.keys())
def test_the_original_is_cut_at_the_end_of_image(client, post_photo, trailer):
    clean = images.jpeg((64, 48))
    data = upload(post_photo, clean + trailer)
    assert stored(client, data["originalUrl"]) == clean


@pytest.mark.parametrize("trailer", TRAILERS.values(), ids=TRAILERS.keys())
def test_results_end_at_their_end_of_image_too(client, post_photo, trailer):
    data = upload(post_photo, images.jpeg((64, 48)) + trailer)
    result = stored(client, data["resultUrls"][0])
    assert result.endswith(b"\xff\xd9")
    assert trailer[:64] not in result
    assert len(result) < 20_000  # a 64×48 JPEG, with no room for a trailer


def test_an_exif_thumbnail_with_its_own_end_of_image_does_not_end_the_walk(client, post_photo):
    clean = images.jpeg((64, 48))
    exif = Image.Exif()
    exif[0x010F] = "SpyCam"
    thumbnail = images.jpeg((16, 12))  # embedded in APP1 with its own SOI … EOI
    source = after_app0(clean, segment(0xE1, exif.tobytes() + thumbnail)) + TRAILERS["html"]
    assert Image.open(io.BytesIO(source)).getexif()[0x010F] == "SpyCam"
    original = stored(client, upload(post_photo, source)["originalUrl"])
    assert original == clean


@pytest.mark.parametrize(
    "params", [{"progressive": True}, {"restart_marker_blocks": 1}], ids=["progressive", "restart-markers"]
)
def test_multi_scan_and_restart_marker_jpegs_are_cut_after_their_last_scan(client, post_photo, params):
    clean = images.encode(images.picture((64, 48)), "JPEG", quality=90, **params)
    original = stored(client, upload(post_photo, clean + TRAILERS["random"])["originalUrl"])
    assert original == clean


def mpo(primary_size=(64, 48)) -> bytes:
    out = io.BytesIO()
    images.picture(primary_size).save(out, "MPO", save_all=True, append_images=[images.picture((32, 24))])
    return out.getvalue()


def test_a_multi_picture_file_is_stored_as_its_primary_image_alone(client, post_photo):
    source = mpo()
    assert Image.open(io.BytesIO(source)).format == "MPO"  # Pillow sees two images
    data = upload(post_photo, source)
    assert Job.objects.get().input_format == "JPEG"
    original = stored(client, data["originalUrl"])
    assert b"MPF\x00" not in original  # the APP2 index of the other images
    assert original.count(b"\xff\xd8") == 1
    assert original.endswith(b"\xff\xd9")
    opened = Image.open(io.BytesIO(original))
    assert opened.format == "JPEG" and getattr(opened, "n_frames", 1) == 1
    assert pixels(original) == pixels(source)  # the primary image, untouched


def test_an_ultra_hdr_style_jpeg_loses_its_gain_map(client, post_photo):
    # Pillow keeps these as JPEG (an MPF index plus a gain-map image after EOI).
    xmp = segment(0xE1, b'http://ns.adobe.com/xap/1.0/\x00<x:xmpmeta hdrgm:Version="1.0"/>')
    source = after_app0(mpo(), xmp)
    assert Image.open(io.BytesIO(source)).format == "JPEG"
    original = stored(client, upload(post_photo, source)["originalUrl"])
    assert b"MPF\x00" not in original and b"hdrgm" not in original
    assert original.count(b"\xff\xd8") == 1 and original.endswith(b"\xff\xd9")
    assert pixels(original) == pixels(source)


def test_a_jfif_thumbnail_is_dropped_but_the_jfif_header_kept(client, post_photo):
    clean = images.jpeg((64, 48))
    jfif = clean[6:18]  # identifier, version, units, density
    with_thumbnail = clean[:2] + segment(0xE0, jfif + b"\x02\x02" + b"\x10\x20\x30" * 4) + clean[20:]
    original = stored(client, upload(post_photo, with_thumbnail)["originalUrl"])
    assert original == clean


def test_the_adobe_colour_transform_segment_is_kept(client, post_photo):
    out = io.BytesIO()
    images.picture((64, 48)).convert("CMYK").save(out, "JPEG", quality=90)
    source = out.getvalue()
    assert b"Adobe" in source
    original = stored(client, upload(post_photo, source + TRAILERS["html"])["originalUrl"])
    assert b"Adobe" in original
    assert original.endswith(b"\xff\xd9")
    assert pixels(original) == pixels(source)
