"""Orientation is applied and no metadata (EXIF, GPS, ICC) survives in the stored original or results."""

import io

from PIL import Image, ImageCms

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


def test_an_icc_profile_is_converted_to_srgb_and_dropped(client, post_photo):
    lab = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))
    out = io.BytesIO()
    images.picture().save(out, "JPEG", icc_profile=lab.tobytes())
    data = post_photo(out.getvalue()).json()["data"]
    stored = download(client, data["resultUrls"][0])
    assert "icc_profile" not in stored.info


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
