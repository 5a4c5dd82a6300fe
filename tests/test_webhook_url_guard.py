"""The SSRF guard on `webhook_url`: judged on what the host resolves to, at the edges
(length limit, multicast, IPv4-mapped IPv6, names that do not resolve).

Tests go through POST /api/v1/photo and patch the resolver itself
(`socket.getaddrinfo`), so they hold wherever the guard lives. Nothing leaves the
machine: requests' transport is replaced by one that refuses to connect."""

import socket

import pytest
import requests
from django.core.files.uploadedfile import SimpleUploadedFile

from photos.models import Job
from tests import images

PUBLIC = "93.184.216.34"


@pytest.fixture
def dns(monkeypatch, settings):
    """A resolver with only the names a test gives it; anything else does not resolve."""
    settings.DEBUG = False
    names: dict[str, list[str]] = {}

    def getaddrinfo(host, port, *args, **kwargs):
        if host not in names:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return [
            (socket.AF_INET6 if ":" in address else socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port or 443))
            for address in names[host]
        ]

    def no_outbound_traffic(*args, **kwargs):
        raise requests.ConnectionError("tests never connect outside loopback")

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    monkeypatch.setattr(requests.adapters.HTTPAdapter, "send", no_outbound_traffic)
    return names


def submit(client, auth, webhook_url, dry_run=True):
    path = "/api/v1/photo?dry_run=1" if dry_run else "/api/v1/photo"
    data = {"prompt": "brighten", "image": SimpleUploadedFile("p.jpg", images.jpeg()), "webhook_url": webhook_url}
    return client.post(path, data, **auth)


def refused(response) -> str:
    assert response.status_code == 400, response.content
    error = response.json()["error"]
    assert (error["code"], error["param"]) == ("invalid_webhook_url", "webhook_url")
    return error["message"]


def test_a_public_https_url_is_stored_on_the_job_exactly_as_given(client, auth, dns):
    dns["hooks.example.com"] = [PUBLIC]
    url = "https://hooks.example.com/painty?source=api"
    response = submit(client, auth, url, dry_run=False)
    assert response.status_code == 200, response.content
    assert Job.objects.get().webhook_url == url


def test_no_webhook_url_stores_an_empty_one(client, auth, dns):
    response = submit(client, auth, "", dry_run=False)
    assert response.status_code == 200, response.content
    assert Job.objects.get().webhook_url == ""


def test_a_name_that_does_not_resolve_is_refused_and_nothing_is_charged(client, auth, user, dns):
    message = refused(submit(client, auth, "https://nowhere.invalid/hook", dry_run=False))
    assert "does not resolve" in message
    assert not Job.objects.exists()


def test_a_url_of_500_characters_is_accepted_and_one_of_501_refused(client, auth, dns):
    dns["hooks.example.com"] = [PUBLIC]
    base = "https://hooks.example.com/"
    assert submit(client, auth, base + "a" * (500 - len(base))).status_code == 200
    assert "longer than 500" in refused(submit(client, auth, base + "a" * (501 - len(base))))


@pytest.mark.parametrize("address", ["224.0.1.1", "ff0e::1"])
def test_a_public_multicast_address_is_refused(client, auth, dns, address):
    dns["group.example.com"] = [address]
    assert "private or reserved" in refused(submit(client, auth, "https://group.example.com/hook"))


def test_an_ipv4_mapped_ipv6_address_is_judged_as_the_ipv4_it_carries(client, auth, dns):
    # ::ffff:224.0.1.1 looks like a global unicast IPv6 address; it reaches the multicast group.
    dns["mapped.example.com"] = ["::ffff:224.0.1.1"]
    assert "224.0.1.1" in refused(submit(client, auth, "https://mapped.example.com/hook"))


def test_one_private_address_among_public_ones_is_enough_to_refuse(client, auth, dns):
    dns["mixed.example.com"] = [PUBLIC, "10.0.0.7"]
    assert "10.0.0.7" in refused(submit(client, auth, "https://mixed.example.com/hook"))


def test_plain_http_to_a_public_host_is_refused_even_in_development(client, auth, dns, settings):
    settings.DEBUG = True
    dns["hooks.example.com"] = [PUBLIC]
    assert "must use https" in refused(submit(client, auth, "http://hooks.example.com/hook"))


@pytest.mark.parametrize("url", ["ftp://hooks.example.com/hook", "https:///no-host"])
def test_a_url_that_is_not_absolute_http_is_refused_even_when_the_host_resolves(client, auth, dns, url):
    dns["hooks.example.com"] = [PUBLIC]
    assert "absolute https" in refused(submit(client, auth, url))


def test_a_scoped_link_local_address_is_refused_not_an_error(client, auth, dns):
    # getaddrinfo writes the interface after '%'; the guard judges the address before it.
    dns["local.example.com"] = ["fe80::1%eth0"]
    assert "fe80::1" in refused(submit(client, auth, "https://local.example.com/hook"))
