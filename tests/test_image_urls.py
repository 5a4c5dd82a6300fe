"""`image_url` and `background_url`: fetched through the SSRF guard, judged by their bytes, never charged on failure."""

import io

import pytest
from PIL import Image

from billing.ledger import balance_of
from photos.models import Job
from tests import images
from tests.outbound_fakes import FakeDns, Server
from tests.test_photo_happy_path import fetch


@pytest.fixture
def loopback_allowed(settings):
    settings.PAINTY_OUTBOUND_ALLOW_LOOPBACK = True  # what development allows; production refuses http and loopback


@pytest.fixture
def server(loopback_allowed):
    running = Server({
        "/photo.jpg": (200, {"Content-Type": "image/jpeg"}, images.jpeg((320, 240))),
        "/moved": (302, {"Location": "/photo.jpg"}, b""),
        "/page.html": (200, {"Content-Type": "text/html"}, b"<html>not an image</html>"),
        "/empty": (200, {}, b""),
        "/big.png": (200, {"Content-Type": "image/png"}, b"\x89PNG" + b"0" * (11 * 1024 * 1024)),
    })
    yield running
    running.close()


def send(client, auth, fields: dict, query=""):
    return client.post("/api/v1/photo" + query, {"prompt": "make it brighter", **fields}, **auth)


def assert_uncharged_error(response, user, status, code, param):
    assert response.status_code == status, response.content
    error = response.json()["error"]
    assert (error["code"], error["param"]) == (code, param)
    assert balance_of(user) == 10 and not Job.objects.exists()


def test_an_image_url_is_fetched_edited_and_charged_once(client, auth, user, server):
    response = send(client, auth, {"image_url": f"http://127.0.0.1:{server.port}/photo.jpg"})
    assert response.status_code == 200, response.content
    result = Image.open(io.BytesIO(b"".join(fetch(client, response.json()["data"]["resultUrls"][0]).streaming_content)))
    assert result.size == (320, 240)
    assert balance_of(user) == 9
    assert server.requests[0][2]["Accept"] == "image/*"


def test_a_redirect_is_followed_to_the_image(client, auth, user, server):
    response = send(client, auth, {"image_url": f"http://127.0.0.1:{server.port}/moved"})
    assert response.status_code == 200, response.content


@pytest.mark.parametrize(
    "path, status, code",
    [("/missing.jpg", 400, "invalid_image_url"), ("/empty", 400, "invalid_image_url"),
     ("/page.html", 415, "unsupported_format"), ("/big.png", 413, "file_too_large")],
)
def test_what_comes_back_is_judged_like_an_upload(client, auth, user, server, path, status, code):
    response = send(client, auth, {"image_url": f"http://127.0.0.1:{server.port}{path}"})
    assert_uncharged_error(response, user, status, code, "image_url" if status != 415 else "image")


@pytest.mark.parametrize(
    "url",
    [
        "http://example.com/photo.jpg",  # plain http outside development
        "https://127.0.0.1/photo.jpg",
        "https://10.0.0.5/photo.jpg",
        "https://169.254.169.254/latest/meta-data/",  # cloud metadata
        "https://[::ffff:127.0.0.1]/photo.jpg",
        "https://[64:ff9b::a9fe:a9fe]/",
        "file:///etc/passwd",
        "ftp://example.com/a.jpg",
        "https://internal.example/photo.jpg",  # a name that resolves to a private address
    ],
)
def test_private_and_non_https_urls_are_refused_before_any_connection(client, auth, user, monkeypatch, url):
    dns = FakeDns(monkeypatch, ["192.168.1.20"])
    response = send(client, auth, {"image_url": url})
    assert_uncharged_error(response, user, 400, "invalid_image_url", "image_url")
    assert dns.lookups in ([], ["internal.example"])


def test_an_image_and_an_image_url_together_are_refused(client, auth, user, server):
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = send(client, auth, {
        "image": SimpleUploadedFile("a.jpg", images.jpeg()), "image_url": f"http://127.0.0.1:{server.port}/photo.jpg",
    })
    assert_uncharged_error(response, user, 400, "invalid_parameter", "image")
    assert server.requests == []


def test_a_background_url_is_fetched_the_same_way(client, auth, user, server, settings):
    settings.PAINTY_ENGINE = "local"
    from django.core.files.uploadedfile import SimpleUploadedFile

    fields = {"image": SimpleUploadedFile("a.jpg", images.jpeg()), "prompt": "put me on this background"}
    response = send(client, auth, {**fields, "background_url": "https://10.1.2.3/bg.jpg"})
    assert_uncharged_error(response, user, 400, "invalid_image_url", "background_url")
    fields["image"].seek(0)
    response = send(client, auth, {**fields, "background_url": f"http://127.0.0.1:{server.port}/photo.jpg"})
    assert response.status_code == 200, response.content
    assert response.json()["data"]["edits"][0]["op"] == "background_image"


def test_a_slow_url_holds_one_of_the_accounts_waiting_slots(client, auth, user, server, settings, monkeypatch):
    from painty.errors import DomainError
    from photos import concurrency, remote

    settings.PAINTY_MAX_WAITING_PER_ACCOUNT = 1
    seen = []
    real = remote.fetch_image

    def spy(url, param):
        # While this account's download runs, its one slot is taken: another request would get a 429.
        try:
            concurrency.acquire("waiting", user.pk)
            concurrency.release("waiting", user.pk)
            seen.append("free")
        except DomainError as exc:
            seen.append(exc.code)
        return real(url, param)

    monkeypatch.setattr(remote, "fetch_image", spy)
    response = send(client, auth, {"image_url": f"http://127.0.0.1:{server.port}/photo.jpg"})
    assert response.status_code == 200 and seen == ["too_many_waiting"]
