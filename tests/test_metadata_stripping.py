"""Orientation is applied and no metadata (EXIF, GPS, ICC) survives in the stored original or results."""

import io
import struct

from PIL import Image

from tests import images
from tests.test_photo_happy_path import fetch


def download(client, url) -> Image.Image:
    response = fetch(client, url)
    assert response.status_code == 200
    return Image.open(io.BytesIO(b"".join(response.streaming_content)))


def test_exif_orientation_is_applied_and_gps_is_gone(client, post_photo):
    source = images.jpeg_with_exif((320, 240), orientation=6)  # "rotate 90° clockwise to display"
    assert Image.open(io.BytesIO(source)).getexif().get_ifd(0x8825)  # the input really has GPS
    data = post_photo(source).json()["data"]
    for url in [data["originalUrl"], *data["resultUrls"]]:
        stored = download(client, url)
        assert stored.size == (240, 320)
        assert not stored.getexif()
        assert "exif" not in stored.info
        assert "icc_profile" not in stored.info


def test_png_text_chunks_are_dropped(client, post_photo):
    from PIL import PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "Secret Person")
    info.add_text("GPS", "51.5,-0.12")
    out = io.BytesIO()
    images.picture().save(out, "PNG", pnginfo=info)
    data = post_photo(out.getvalue(), name="p.png").json()["data"]
    for url in [data["originalUrl"], *data["resultUrls"]]:
        stored = download(client, url)
        assert "Author" not in stored.info and "GPS" not in stored.info


def test_webp_exif_is_dropped(client, post_photo):
    exif = Image.Exif()
    exif[0x010F] = "SpyCam"
    out = io.BytesIO()
    images.picture().save(out, "WEBP", exif=exif)
    data = post_photo(out.getvalue(), name="p.webp").json()["data"]
    stored = download(client, data["resultUrls"][0])
    assert not stored.getexif()


def _s15(value: float) -> bytes:
    return struct.pack(">i", round(value * 65536))


def _xyz(x: float, y: float, z: float) -> bytes:
    return b"XYZ \0\0\0\0" + _s15(x) + _s15(y) + _s15(z)


def adobe_rgb_profile() -> bytes:
    """A minimal ICC v2 matrix/TRC display profile with the Adobe RGB (1998)
    primaries (D50-adapted, as in Adobe's profile) and gamma 563/256. Pillow can
    only create sRGB/LAB/XYZ profiles, and converting sRGB to sRGB tests nothing."""
    text = b"Adobe RGB (1998) compatible, built for tests"
    desc = b"desc\0\0\0\0" + struct.pack(">I", len(text) + 1) + text + b"\0" + bytes(4 + 4 + 2 + 1 + 67)
    curve = b"curv\0\0\0\0" + struct.pack(">IH", 1, 563)
    tags = [
        (b"desc", desc),
        (b"wtpt", _xyz(0.9642, 1.0, 0.8249)),
        (b"rXYZ", _xyz(0.6097, 0.3111, 0.0195)),
        (b"gXYZ", _xyz(0.2053, 0.6257, 0.0609)),
        (b"bXYZ", _xyz(0.1492, 0.0632, 0.7446)),
        (b"rTRC", curve),
        (b"gTRC", curve),
        (b"bTRC", curve),
        (b"cprt", b"text\0\0\0\0none\0"),
    ]
    start = 128 + 4 + 12 * len(tags)
    table, body = b"", b""
    for signature, data in tags:
        data += bytes(-len(data) % 4)
        table += signature + struct.pack(">II", start + len(body), len(data))
        body += data
    d50 = _s15(0.9642) + _s15(1.0) + _s15(0.8249)
    header = (
        struct.pack(">I", start + len(body)) + bytes(4) + bytes([2, 0x10, 0, 0]) + b"mntrRGB XYZ "
        + bytes(12) + b"acsp" + bytes(28) + d50 + bytes(48)
    )
    return header + struct.pack(">I", len(tags)) + table + body


# Patches as stored in Adobe RGB → what the same colours are in sRGB. The wider
# gamut means the same numbers are more saturated, so in sRGB they spread apart.
ADOBE_TO_SRGB = {
    (200, 60, 50): (231, 57, 46),  # red gets redder
    (40, 170, 60): (0, 172, 44),  # green loses its red entirely
    (128, 128, 128): (129, 129, 129),  # grey stays grey
}


def test_an_adobe_rgb_picture_is_converted_to_srgb_and_the_profile_dropped(client, post_photo):
    picture = Image.new("RGB", (60, 20))
    for index, colour in enumerate(ADOBE_TO_SRGB):
        picture.paste(colour, (20 * index, 0, 20 * index + 20, 20))
    out = io.BytesIO()
    picture.save(out, "PNG", icc_profile=adobe_rgb_profile())
    response = post_photo(out.getvalue(), name="adobe.png")
    assert response.status_code == 200, response.content
    data = response.json()["data"]
    for url in [data["originalUrl"], *data["resultUrls"]]:
        stored = download(client, url)
        assert "icc_profile" not in stored.info
        for index, expected in enumerate(ADOBE_TO_SRGB.values()):
            got = stored.convert("RGB").getpixel((20 * index + 10, 10))
            assert max(abs(a - b) for a, b in zip(got, expected)) <= 2, (url, got, expected)


def test_an_upright_jpeg_original_keeps_its_pixels_but_loses_gps(client, post_photo):
    source = images.jpeg_with_exif((320, 240), orientation=1)
    data = post_photo(source).json()["data"]
    response = fetch(client, data["originalUrl"])
    stored_bytes = b"".join(response.streaming_content)
    stored = Image.open(io.BytesIO(stored_bytes))
    assert not stored.getexif()
    assert b"SpyCam" not in stored_bytes
    # Lossless: exactly the uploaded pixels, not a re-encoded approximation.
    assert stored.tobytes() == Image.open(io.BytesIO(source)).tobytes()


def test_a_png_original_keeps_its_pixels_and_alpha(client, post_photo):
    source = images.png(mode="RGBA")
    data = post_photo(source, name="a.png").json()["data"]
    stored = Image.open(io.BytesIO(b"".join(fetch(client, data["originalUrl"]).streaming_content)))
    assert stored.mode == "RGBA"
    assert stored.tobytes() == Image.open(io.BytesIO(source)).tobytes()


def original_bytes(client, post_photo, upload: bytes, name: str) -> bytes:
    response = post_photo(upload, name=name)
    assert response.status_code == 200, response.content
    return b"".join(fetch(client, response.json()["data"]["originalUrl"]).streaming_content)


def test_a_png_original_is_the_upload_without_its_text_chunks_byte_for_byte(client, post_photo):
    from PIL import PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "Secret Person")
    info.add_itxt("Comment", "Caf\u00e9 at 51.5,-0.12")
    # Compressed unlike Painty's own encoder would, so a re-encode could not come out the same.
    plain = images.encode(images.picture(), "PNG", compress_level=1)
    tagged = images.encode(images.picture(), "PNG", compress_level=1, pnginfo=info)
    assert b"Secret Person" in tagged
    assert original_bytes(client, post_photo, tagged, "p.png") == plain


def test_a_jpeg_with_fill_bytes_before_its_markers_is_stripped_losslessly(client, post_photo):
    """0xFF fill bytes may precede any marker (ITU T.81 B.1.1.2); they are no reason to re-encode."""
    source = images.jpeg_with_exif((320, 240), orientation=1)
    padded = source[:2] + b"\xff\xff\xff" + source[2:].replace(b"\xff\xdb", b"\xff\xff\xdb", 1)
    assert Image.open(io.BytesIO(padded)).tobytes() == Image.open(io.BytesIO(source)).tobytes()
    stored = original_bytes(client, post_photo, padded, "p.jpg")
    assert b"SpyCam" not in stored
    assert Image.open(io.BytesIO(stored)).tobytes() == Image.open(io.BytesIO(source)).tobytes()


def test_a_jpeg_with_an_empty_comment_is_stripped_losslessly(client, post_photo):
    """A COM segment of length 2 (no text at all) is valid JPEG; it is dropped like any other."""
    source = images.jpeg_with_exif((320, 240), orientation=1)
    commented = source[:2] + b"\xff\xfe\x00\x02" + source[2:]
    assert Image.open(io.BytesIO(commented)).tobytes() == Image.open(io.BytesIO(source)).tobytes()
    stored = original_bytes(client, post_photo, commented, "p.jpg")
    assert b"\xff\xfe" not in stored.split(b"\xff\xda", 1)[0]
    assert Image.open(io.BytesIO(stored)).tobytes() == Image.open(io.BytesIO(source)).tobytes()
