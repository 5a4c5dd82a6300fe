"""Every bad input gets a JSON error with the right status and costs nothing."""

import io
import os

import pytest
from PIL import Image, ImageFile

from billing.ledger import balance_of
from photos.models import Job
from tests import images


def assert_error(response, status, code, param=None):
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert body["status"] == "error"
    assert body["error"]["code"] == code
    assert body["error"]["message"]
    assert body["error"]["param"] == param
    return body


@pytest.fixture(autouse=True)
def nothing_is_charged(user):
    yield
    assert balance_of(user) == 10
    assert not Job.objects.filter(user=user).exists()


def test_it_requires_the_prompt(post_photo, user):
    assert_error(post_photo(images.jpeg(), prompt=None), 400, "missing_parameter", "prompt")


def test_it_rejects_a_blank_prompt(post_photo, user):
    assert_error(post_photo(images.jpeg(), prompt="   \n"), 400, "missing_parameter", "prompt")


def test_it_rejects_a_prompt_over_2000_characters(post_photo, user):
    assert_error(post_photo(images.jpeg(), prompt="a" * 2001), 400, "prompt_too_long", "prompt")


def test_it_requires_the_image(post_photo, user):
    assert_error(post_photo(None), 400, "missing_parameter", "image")


def test_it_rejects_image_sent_as_text(client, auth, user):
    response = client.post("/api/v1/photo", {"prompt": "brighten", "image": "not a file"}, **auth)
    assert_error(response, 400, "missing_parameter", "image")


def test_it_rejects_an_empty_file(post_photo, user):
    assert_error(post_photo(b""), 400, "invalid_image", "image")


@pytest.mark.parametrize(
    "name, data",
    [
        ("bmp", images.encode(images.picture(), "BMP")),
        ("tiff", images.encode(images.picture(), "TIFF")),
        ("html", b"<!doctype html><html><body>hi</body></html>"),
        ("svg", b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"></svg>'),
        ("pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"),
        ("random", bytes(range(256)) * 8),
    ],
)
def test_it_refuses_formats_other_than_jpg_png_webp_gif(name, data, post_photo, user):
    assert_error(post_photo(data, name="photo.jpg"), 415, "unsupported_format", "image")


def test_it_rejects_a_truncated_jpeg(post_photo, user):
    data = images.jpeg((640, 480))
    assert_error(post_photo(data[: len(data) // 2]), 400, "invalid_image", "image")


def test_it_rejects_a_corrupt_png(post_photo, user):
    data = bytearray(images.png((200, 200)))
    data[60:400] = b"\x00" * 340  # smash the IDAT stream, keep the header
    assert_error(post_photo(bytes(data), name="x.png"), 400, "invalid_image", "image")


def test_it_refuses_too_many_pixels_before_decoding(post_photo, user, settings, monkeypatch):
    settings.PAINTY_MAX_PIXELS = 100 * 100
    decoded = []
    monkeypatch.setattr(ImageFile.ImageFile, "load", lambda self: decoded.append(1))
    assert_error(post_photo(images.jpeg((200, 200))), 413, "image_too_large", "image")
    assert decoded == []


def test_it_refuses_a_decompression_bomb(post_photo, user):
    # A 20000×20000 PNG of one colour compresses to a few hundred KB.
    bomb = io.BytesIO()
    Image.new("1", (20000, 20000)).save(bomb, "PNG")
    assert len(bomb.getvalue()) < 2_000_000
    assert_error(post_photo(bomb.getvalue(), name="bomb.png"), 413, "image_too_large", "image")


def test_it_refuses_an_upload_over_the_size_limit(post_photo, user, settings):
    settings.PAINTY_MAX_UPLOAD_MB = 1
    big = images.encode(Image.frombytes("RGB", (800, 800), os.urandom(800 * 800 * 3)), "PNG")
    assert len(big) > 1024 * 1024
    assert_error(post_photo(big, name="big.png"), 413, "file_too_large", "image")


def test_it_refuses_by_content_length_without_reading_the_body(client, auth, user, settings):
    settings.PAINTY_MAX_UPLOAD_MB = 1

    response = client.generic(
        "POST",
        "/api/v1/photo",
        data=b"",
        content_type="multipart/form-data; boundary=xyz",
        CONTENT_LENGTH=str(5 * 1024 * 1024),
        **auth,
    )
    assert_error(response, 413, "file_too_large", "image")


def test_it_explains_a_non_multipart_body(client, auth, user):
    response = client.post("/api/v1/photo", {"prompt": "x"}, content_type="application/json", **auth)
    assert_error(response, 400, "invalid_content_type")


def test_a_prompt_the_engine_cannot_do_is_422_and_free(post_photo, user, monkeypatch):
    from photos.engines import UnsupportedPrompt
    from photos.engines.echo import EchoEngine

    def refuse(self, prompt):
        raise UnsupportedPrompt("I can brighten, blur or crop; I cannot add dragons.")

    monkeypatch.setattr(EchoEngine, "plan", refuse)
    body = assert_error(post_photo(images.jpeg(), prompt="add a dragon"), 422, "unsupported_prompt", "prompt")
    assert "dragons" in body["error"]["message"]


def test_a_body_without_a_declared_length_is_cut_off_while_streaming(post_photo, user, settings, monkeypatch):
    """Chunked uploads carry no Content-Length: the upload handler stops them mid-stream."""
    from photos import uploads

    settings.PAINTY_MAX_UPLOAD_MB = 1
    monkeypatch.setattr(uploads, "declared_too_large", lambda request, files=1, total=None: False)
    seen = []
    original = uploads.SizeLimitHandler.receive_data_chunk

    def spy(self, raw_data, start):
        seen.append(len(raw_data))
        return original(self, raw_data, start)

    monkeypatch.setattr(uploads.SizeLimitHandler, "receive_data_chunk", spy)
    big = images.encode(Image.frombytes("RGB", (1000, 1000), os.urandom(3_000_000)), "PNG")
    assert_error(post_photo(big, name="big.png"), 413, "file_too_large", "image")
    assert sum(seen) <= 1024 * 1024 + 64 * 1024 * 2  # stopped at the limit, not after reading it all
