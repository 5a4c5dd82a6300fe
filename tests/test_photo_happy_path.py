import io

import pytest
from PIL import Image, ImageSequence

from billing.ledger import balance_of
from photos import imaging
from photos.models import Job
from tests import images


def fetch(client, url):
    path = url.split("://", 1)[1].split("/", 1)[1]
    return client.get("/" + path)


@pytest.mark.parametrize("fmt", ["jpeg", "png", "webp", "gif"])
def test_it_edits_each_supported_format_and_keeps_it(fmt, client, post_photo, user):
    response = post_photo(images.FORMATS[fmt](), name=f"photo.{fmt}")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["status"] == "ok"
    data = body["data"]
    assert isinstance(data["jobId"], int)
    assert data["originalUrl"].startswith("http://testserver/files/jobs/")
    assert len(data["resultUrls"]) == 1

    result = fetch(client, data["resultUrls"][0])
    assert result.status_code == 200
    decoded = Image.open(io.BytesIO(b"".join(result.streaming_content)))
    assert decoded.format == fmt.upper()

    job = Job.objects.get(pk=data["jobId"])
    assert job.status == Job.Status.SUCCEEDED
    assert job.cost == 1
    assert balance_of(user) == 9


def test_animated_gif_stays_animated(client, post_photo):
    response = post_photo(images.gif(frames=4), name="anim.gif")
    assert response.status_code == 200
    result = fetch(client, response.json()["data"]["resultUrls"][0])
    decoded = Image.open(io.BytesIO(b"".join(result.streaming_content)))
    assert decoded.n_frames == 4


@pytest.mark.parametrize("params", [{}, {"duration": 0}], ids=["no delay", "zero delay"])
def test_animation_frames_without_a_delay_are_shown_for_100_ms(client, post_photo, params):
    """What browsers do with a GIF frame that sets no delay; the result says so explicitly."""
    shots = [images.picture((40, 30)).rotate(90 * n).convert("P") for n in range(3)]
    upload = images.encode(shots[0], "GIF", save_all=True, append_images=shots[1:], loop=0, **params)
    assert all(not frame.info.get("duration") for frame in ImageSequence.Iterator(Image.open(io.BytesIO(upload))))
    response = post_photo(upload, name="anim.gif")
    result = Image.open(io.BytesIO(b"".join(fetch(client, response.json()["data"]["resultUrls"][0]).streaming_content)))
    assert [frame.info["duration"] for frame in ImageSequence.Iterator(result)] == [100, 100, 100]


def transparent_palette() -> Image.Image:
    image = images.picture((40, 30)).convert("P")
    image.info["transparency"] = 0
    return image


@pytest.mark.parametrize(
    "make, mode",
    [
        (lambda: images.picture((40, 30)), "RGB"),
        (lambda: images.picture((40, 30), mode="RGBA"), "RGBA"),
        (lambda: images.picture((40, 30)).convert("L"), "RGB"),
        (lambda: images.picture((40, 30), mode="RGBA").convert("LA"), "RGBA"),
        (lambda: images.picture((40, 30)).convert("P"), "RGB"),
        (transparent_palette, "RGBA"),
        (lambda: images.picture((40, 30)).convert("1"), "RGB"),
        (lambda: images.picture((40, 30)).convert("I;16"), "RGB"),
    ],
    ids=["RGB", "RGBA", "grey", "grey+alpha", "palette", "palette+transparency", "1-bit", "16-bit grey"],
)
def test_engines_get_rgb_or_rgba_whatever_the_png_mode(make, mode):
    assert imaging.decode(images.encode(make(), "PNG")).frames[0].mode == mode


def test_png_keeps_its_alpha(client, post_photo):
    response = post_photo(images.png(mode="RGBA"), name="alpha.png")
    result = fetch(client, response.json()["data"]["resultUrls"][0])
    decoded = Image.open(io.BytesIO(b"".join(result.streaming_content)))
    assert decoded.mode == "RGBA"
    assert decoded.getchannel("A").getextrema() == (0, 255)


def test_format_is_judged_from_bytes_not_name(client, post_photo):
    response = post_photo(images.png(), name="photo.jpg")
    assert response.status_code == 200
    assert response.json()["data"]["resultUrls"][0].split("?")[0].endswith(".png")


def test_account_endpoint_shows_email_credits_and_the_masked_key(client, api_key, auth, user):
    response = client.get("/api/v1/account", **auth)
    assert response.status_code == 200
    # The key the fixture issued, masked: its prefix and last four characters only.
    masked = "pk_live_…" + api_key[-4:]
    assert response.json() == {
        "status": "ok",
        "data": {
            "email": "alice@example.com",
            "credits": 10,
            "creditsPerImage": 1,
            "apiKey": {"name": "Test key", "key": masked, "testMode": False},
        },
    }
    assert api_key[8:-4] not in response.content.decode()


def test_it_accepts_a_prompt_of_exactly_2000_characters(post_photo):
    assert post_photo(images.jpeg(), prompt="b" * 2000).status_code == 200
