"""Local file links: private caching no longer than the link lives, ETag and 304, byte ranges,
and JSON errors for every bad request (never a 500)."""

import time
from urllib.parse import urlsplit

import pytest

from photos import storage
from photos.models import Job
from tests import images


@pytest.fixture
def link(post_photo):
    """The signed local link of a job's first result, as the API returned it."""
    data = post_photo(images.jpeg()).json()["data"]
    parts = urlsplit(data["resultUrls"][0])
    return f"{parts.path}?{parts.query}"


@pytest.fixture
def content(link):
    job = Job.objects.get()
    return storage.read(job.result_names[0])


def max_age(response) -> int:
    directives = [part.strip() for part in response["Cache-Control"].split(",")]
    assert "private" in directives
    return int(next(d for d in directives if d.startswith("max-age=")).split("=")[1])


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_a_file_is_private_cacheable_for_no_longer_than_its_link(client, link, content):
    response = client.get(link)
    assert response.status_code == 200
    assert body(response) == content
    expires = int(link.split("expires=")[1].split("&")[0])
    assert 0 < max_age(response) <= expires - int(time.time()) + 1
    assert response["Accept-Ranges"] == "bytes"
    assert response["Content-Length"] == str(len(content))
    assert response["X-Content-Type-Options"] == "nosniff"


def test_a_short_lived_link_is_cached_only_for_its_remaining_seconds(client, post_photo, settings):
    settings.PAINTY_RETENTION_HOURS = 20 / 3600
    url = post_photo(images.jpeg()).json()["data"]["resultUrls"][0]
    assert max_age(client.get(url)) <= 20


def test_the_etag_is_strong_and_stable(client, link):
    first, second = client.get(link), client.get(link)
    assert first["ETag"] == second["ETag"]
    assert first["ETag"].startswith('"') and not first["ETag"].startswith("W/")


@pytest.mark.parametrize("tag", ["{etag}", "W/{etag}", '"other", {etag}', "*"])
def test_if_none_match_with_the_current_etag_is_304(client, link, tag):
    etag = client.get(link)["ETag"]
    response = client.get(link, HTTP_IF_NONE_MATCH=tag.format(etag=etag))
    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag
    assert max_age(response) > 0


def test_if_none_match_with_another_etag_sends_the_file(client, link, content):
    response = client.get(link, HTTP_IF_NONE_MATCH='"not-this-one"')
    assert response.status_code == 200
    assert body(response) == content


def test_a_changed_file_gets_a_new_etag(client, link):
    etag = client.get(link)["ETag"]
    job = Job.objects.get()
    path = storage.default_storage.path(job.result_names[0])
    with open(path, "ab") as fh:
        fh.write(b"\0")
    assert client.get(link)["ETag"] != etag
    assert client.get(link, HTTP_IF_NONE_MATCH=etag).status_code == 200


@pytest.mark.parametrize(
    "header, span",
    [
        ("bytes=0-9", lambda size: (0, 9)),
        ("bytes=10-", lambda size: (10, size - 1)),
        ("bytes=-5", lambda size: (size - 5, size - 1)),
        ("bytes=3-999999999", lambda size: (3, size - 1)),
        ("bytes = 2 - 4", lambda size: (2, 4)),
    ],
)
def test_a_byte_range_is_206_with_its_content_range(client, link, content, header, span):
    first, last = span(len(content))
    response = client.get(link, HTTP_RANGE=header)
    assert response.status_code == 206
    assert body(response) == content[first : last + 1]
    assert response["Content-Range"] == f"bytes {first}-{last}/{len(content)}"
    assert response["Content-Length"] == str(last - first + 1)
    assert response["ETag"] and max_age(response) > 0


def test_a_suffix_longer_than_the_file_is_the_whole_file(client, link, content):
    response = client.get(link, HTTP_RANGE=f"bytes=-{len(content) + 100}")
    assert response.status_code == 206
    assert body(response) == content
    assert response["Content-Range"] == f"bytes 0-{len(content) - 1}/{len(content)}"


@pytest.mark.parametrize("header", ["bytes={size}-", "bytes={size}-{size}", "bytes=-0", "bytes=999999999999-"])
def test_a_range_past_the_end_is_416_with_the_size(client, link, content, header):
    response = client.get(link, HTTP_RANGE=header.format(size=len(content)))
    assert response.status_code == 416
    assert response["Content-Range"] == f"bytes */{len(content)}"
    assert response.json()["error"]["code"] == "range_not_satisfiable"


@pytest.mark.parametrize(
    "header",
    [
        "bytes=abc",
        "bytes=5-2",
        "bytes=-",
        "bytes=",
        "items=0-9",
        "bytes=0-1,4-5",
        "bytes=--1",
        "bytes=1-2-3",
        "bytes=" + "9" * 5000 + "-",
        "bytes=0x10-",
        "bytes=٣-٤",  # Arabic-Indic digits are digits to Python, not to HTTP
    ],
)
def test_a_malformed_or_multiple_range_is_ignored(client, link, content, header):
    response = client.get(link, HTTP_RANGE=header)
    assert response.status_code == 200
    assert body(response) == content


def test_if_range_with_the_current_etag_honours_the_range(client, link, content):
    etag = client.get(link)["ETag"]
    response = client.get(link, HTTP_RANGE="bytes=0-3", HTTP_IF_RANGE=etag)
    assert response.status_code == 206 and body(response) == content[:4]


def test_if_range_with_another_validator_sends_the_whole_file(client, link, content):
    for validator in ['"old"', "Wed, 21 Oct 2015 07:28:00 GMT"]:
        response = client.get(link, HTTP_RANGE="bytes=0-3", HTTP_IF_RANGE=validator)
        assert response.status_code == 200 and body(response) == content


def test_head_has_the_headers_and_no_body(client, link, content):
    response = client.head(link)
    assert response.status_code == 200
    assert response.content == b""
    assert response["Content-Length"] == str(len(content)) and response["ETag"]
    ranged = client.head(link, HTTP_RANGE="bytes=0-9")
    assert ranged.status_code == 206 and ranged["Content-Length"] == "10"


def test_a_bad_signature_is_403_even_with_the_right_etag(client, link):
    etag = client.get(link)["ETag"]
    tampered = link.replace("sig=", "sig=x")
    response = client.get(tampered, HTTP_IF_NONE_MATCH=etag, HTTP_RANGE="bytes=0-1")
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "invalid_signature"
    assert "ETag" not in response


@pytest.mark.parametrize("query", ["", "?expires=abc&sig=x", "?expires=1&sig=", "?sig=only"])
def test_missing_or_garbled_signatures_are_403(client, link, query):
    path = link.split("?")[0]
    response = client.get(path + query)
    assert response.status_code == 403
    assert response.json()["status"] == "error"


def test_a_deleted_file_is_410_json(client, auth, link):
    job = Job.objects.get()
    assert client.delete(f"/api/v1/jobs/{job.pk}", **auth).status_code == 200
    for extra in ({}, {"HTTP_RANGE": "bytes=0-1"}, {"HTTP_IF_NONE_MATCH": "*"}):
        response = client.get(link, **extra)
        assert response.status_code == 410
        assert response.json()["error"]["code"] == "expired"


def test_an_unknown_file_name_is_404_json(client, link):
    path = link.split("?")[0].rsplit("/", 1)[0] + "/secrets.txt"
    response = client.get(path)
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_only_get_and_head_are_allowed(client, link):
    assert client.post(link).status_code == 405
    assert client.delete(link).status_code == 405
