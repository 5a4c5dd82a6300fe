"""The default engine behind the real endpoint: edits come back as data, impossible prompts cost nothing."""

import io

import numpy as np
import pytest
from PIL import Image
from skimage import data as samples

from billing.ledger import balance_of
from photos.models import Job
from tests import images
from tests.test_photo_happy_path import fetch


@pytest.fixture
def local_engine(settings):
    settings.PAINTY_ENGINE = "local"


def astronaut_jpeg(size=384) -> bytes:
    image = Image.fromarray(samples.astronaut()).resize((size, size))
    return images.encode(image, "JPEG", quality=90)


def test_the_seed_prompt_cleans_the_background_and_reports_the_plan(local_engine, client, post_photo, user):
    source = astronaut_jpeg()
    response = post_photo(source, prompt="Make the background clean and bright")
    assert response.status_code == 200, response.content
    data = response.json()["data"]
    assert data["edits"][0]["op"] == "background_clean"
    result = Image.open(io.BytesIO(b"".join(fetch(client, data["resultUrls"][0]).streaming_content)))
    before = np.asarray(Image.open(io.BytesIO(source)).convert("L"), dtype=float)
    after = np.asarray(result.convert("L"), dtype=float)
    assert after.mean() > before.mean() + 5
    assert balance_of(user) == 9


def test_a_generative_prompt_is_422_and_costs_nothing(local_engine, post_photo, user):
    response = post_photo(images.jpeg(), prompt="add a dragon in the sky")
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "unsupported_prompt" and error["param"] == "prompt"
    assert "background" in error["message"]  # it says what the engine can do
    assert balance_of(user) == 10
    assert not Job.objects.exists()


def test_an_animated_gif_has_every_frame_edited(local_engine, client, post_photo):
    response = post_photo(images.gif(frames=3), prompt="black and white", name="a.gif")
    assert response.status_code == 200
    url = response.json()["data"]["resultUrls"][0]
    result = Image.open(io.BytesIO(b"".join(fetch(client, url).streaming_content)))
    assert result.n_frames == 3
    for index in range(3):
        result.seek(index)
        rgb = np.asarray(result.convert("RGB"), dtype=int)
        assert np.abs(rgb[..., 0] - rgb[..., 2]).max() <= 2
