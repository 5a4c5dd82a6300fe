"""A prompt is text: control characters (NUL above all, which PostgreSQL refuses
to store) are a 400 naming `prompt`; tabs and line breaks are fine."""

import pytest

from billing.ledger import balance_of
from photos.models import Job
from tests import images


@pytest.mark.parametrize(
    "prompt",
    ["brighten\x00 it", "\x00", "brighten \x1b[31mred", "brighten\x7f", "brighten\x85it", "bright\x0ben"],
    ids=["nul", "only-nul", "escape", "delete", "c1-next-line", "vertical-tab"],
)
def test_control_characters_are_a_400_naming_the_prompt(post_photo, user, prompt):
    response = post_photo(images.jpeg((32, 24)), prompt=prompt)
    assert response.status_code == 400, response.content
    error = response.json()["error"]
    assert error["code"] == "invalid_parameter"
    assert error["param"] == "prompt"
    assert "U+" in error["message"]
    assert not Job.objects.exists()
    assert balance_of(user) == 10


def test_tabs_and_line_breaks_are_allowed(post_photo, user):
    response = post_photo(images.jpeg((32, 24)), prompt="brighten\tthe photo\r\nand warm it\n")
    assert response.status_code == 200, response.content
    assert Job.objects.get().prompt == "brighten\tthe photo\r\nand warm it"
    assert balance_of(user) == 9


def test_a_dry_run_refuses_them_too(client, auth):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("p.jpg", images.jpeg((32, 24)))
    response = client.post("/api/v1/photo?dry_run=1", {"prompt": "a\x00b", "image": upload}, **auth)
    assert response.status_code == 400
    assert response.json()["error"]["param"] == "prompt"
