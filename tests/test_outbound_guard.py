"""The one guard for requests to user-given URLs (photos/outbound.py): public addresses
only, in every spelling; resolved once and connected to what was checked; TLS for the
URL's host name; no redirects inward; bounded size and time."""

import ipaddress
import time

import pytest

from photos import outbound
from tests.outbound_fakes import PUBLIC_IP, Dripper, FakeDns, Listener, LoopbackOnly, Server, tls_contexts


@pytest.fixture(autouse=True)
def no_real_dns(monkeypatch):
    """Names resolve to nothing unless a test says otherwise; IP literals resolve numerically."""
    return FakeDns(monkeypatch)


@pytest.fixture
def loopback_allowed(settings):
    settings.PAINTY_OUTBOUND_ALLOW_LOOPBACK = True


REFUSED_EVERYWHERE = [
    "https://[::127.0.0.1]/",  # IPv4-compatible
    "https://[::ffff:127.0.0.1]/",  # IPv4-mapped
    "https://[64:ff9b::7f00:1]/",  # NAT64 well-known prefix → 127.0.0.1
    "https://[64:ff9b::a9fe:a9fe]/",  # NAT64 → 169.254.169.254 (cloud metadata)
    "https://[64:ff9b:1::808:808]/",  # NAT64 local-use prefix: an operator's own network
    "https://[2002:7f00:1::]/",  # 6to4 → 127.0.0.1
    "https://[2001:0:4136:e378:8000:63bf:80ff:fffe]/",  # Teredo, client 127.0.0.1 (inverted last 32 bits)
    "https://169.254.169.254/latest/meta-data",
    "https://10.1.2.3/",
    "https://172.16.0.1/",
    "https://192.168.1.1/",
    "https://100.64.0.1/",  # carrier-grade NAT
    "https://0.0.0.0/",
    "https://[::]/",
    "https://[fc00::1]/",
    "https://[fd12:3456::1]/",
    "https://[fe80::1]/",
    "https://224.0.0.1/",
    "https://[ff02::1]/",
    "https://240.0.0.1/",
    "https://255.255.255.255/",
    "http://2130706433/",  # decimal 127.0.0.1
    "https://2130706433/",
    "http://0x7f.1/",  # hex + short form
    "https://0x7f.0.0.1/",
    "https://017700000001/",  # octal
    "https://127.1/",
    "https://127.000.000.001/",  # leading zeros read as octal by the C resolver
]


@pytest.mark.parametrize("url", REFUSED_EVERYWHERE + ["https://127.0.0.1/", "https://[::1]/", "https://localhost/"])
def test_private_reserved_and_disguised_addresses_are_refused(url, no_real_dns):
    no_real_dns.answers = [["127.0.0.1"]]  # for localhost
    with pytest.raises(outbound.UnsafeURL):
        outbound.check_url(url)


@pytest.mark.parametrize("url", REFUSED_EVERYWHERE)
def test_disguised_addresses_are_refused_even_where_loopback_is_allowed(url, loopback_allowed):
    with pytest.raises(outbound.UnsafeURL):
        outbound.check_url(url)


@pytest.mark.parametrize(
    "address, inside",
    [
        ("::ffff:127.0.0.1", "127.0.0.1"),
        ("::127.0.0.1", "127.0.0.1"),
        ("64:ff9b::7f00:1", "127.0.0.1"),
        ("64:ff9b::a9fe:a9fe", "169.254.169.254"),
        ("64:ff9b:1::a00:1", "10.0.0.1"),
        ("2002:7f00:1::", "127.0.0.1"),
        ("2002:c0a8:101:1::5", "192.168.1.1"),
        ("2001:0:4136:e378:8000:63bf:80ff:fffe", "127.0.0.1"),  # Teredo client, bits inverted
        ("2001:db8::5efe:a00:1", "10.0.0.1"),  # ISATAP interface id
    ],
)
def test_the_ipv4_address_inside_each_ipv6_form_is_found(address, inside):
    assert ipaddress.IPv4Address(inside) in outbound.embedded_ipv4(ipaddress.IPv6Address(address))


def test_6to4_and_teredo_are_refused_for_what_they_carry():
    # Judged by the IPv4 inside, not by Python's opinion of the wrapper: 2002::/16 counts
    # as global on Python 3.11, so without unwrapping 6to4 to 127.0.0.1 would pass.
    assert "127.0.0.1" in outbound.refusal(ipaddress.IPv6Address("2002:7f00:1::"))
    assert "127.0.0.1" in outbound.refusal(ipaddress.IPv6Address("2001:0:4136:e378:8000:63bf:80ff:fffe"))


def test_a_name_is_refused_when_any_of_its_addresses_is_private(no_real_dns):
    no_real_dns.answers = [[PUBLIC_IP, "10.0.0.7"]]
    with pytest.raises(outbound.UnsafeURL, match="10.0.0.7"):
        outbound.check_url("https://hooks.example.com/x")


def test_a_public_name_is_checked_once_and_pinned_to_its_addresses(no_real_dns):
    no_real_dns.answers = [[PUBLIC_IP, "2606:4700::1"]]
    target = outbound.check_url("https://Hooks.Example.com:8443/in?a=1#frag")
    assert no_real_dns.lookups == ["hooks.example.com"]
    assert [sockaddr[0] for _, sockaddr in target.addresses] == [PUBLIC_IP, "2606:4700::1"]
    assert (target.host, target.port, target.path) == ("hooks.example.com", 8443, "/in?a=1")
    assert target.host_header == "hooks.example.com:8443"


def test_nat64_to_a_public_ipv4_address_is_allowed():
    # 64:ff9b::/96 is what DNS64 gives an IPv6-only server for an IPv4-only host.
    assert outbound.check_url("https://[64:ff9b::808:808]/").host == "64:ff9b::808:808"


def test_plain_http_is_refused_outside_development_without_a_lookup(no_real_dns):
    with pytest.raises(outbound.UnsafeURL, match="must use https"):
        outbound.check_url("http://hooks.example.com/x")
    assert no_real_dns.lookups == []


def test_plain_http_in_development_reaches_loopback_only(no_real_dns, loopback_allowed):
    assert outbound.check_url("http://127.0.0.1:9/x").port == 9
    no_real_dns.answers = [[PUBLIC_IP]]
    with pytest.raises(outbound.UnsafeURL, match="must use https"):
        outbound.check_url("http://hooks.example.com/x")


@pytest.mark.parametrize("url", ["ftp://example.com/x", "not a url", "https:///x", "https://exa mple.com/", ""])
def test_what_is_not_an_absolute_http_url_is_refused(url):
    with pytest.raises(outbound.UnsafeURL):
        outbound.check_url(url)


def test_a_rebinding_name_is_connected_to_the_address_that_was_checked(monkeypatch, no_real_dns):
    """First answer public, every later answer 127.0.0.1: a guard that resolves again to
    connect would reach the loopback listener. The request must go to the checked address."""
    inward = Listener()
    no_real_dns.answers = [[PUBLIC_IP], ["127.0.0.1"]]
    connects = LoopbackOnly(monkeypatch)
    try:
        with pytest.raises(outbound.OutboundError, match="could not connect"):
            outbound.post(f"https://rebind.example:{inward.port}/hook", b"{}", {}, timeout=2)
        assert connects.attempts == [(PUBLIC_IP, inward.port)]
        assert no_real_dns.lookups == ["rebind.example"]
        assert inward.connections() == 0
    finally:
        inward.close()


def test_tls_is_verified_for_the_url_host_name_while_connected_to_the_pinned_address(
    monkeypatch, tmp_path, no_real_dns, loopback_allowed
):
    server_tls, client_tls = tls_contexts("hooks.test", tmp_path)
    monkeypatch.setattr(outbound, "ssl_context", lambda: client_tls)
    server = Server({"/hook": (204, {}, b"")}, tls=server_tls)
    no_real_dns.answers = [["127.0.0.1"]]
    try:
        response = outbound.post(f"https://hooks.test:{server.port}/hook", b"{}", {"X-Test": "1"}, timeout=5)
        assert response.status == 204
        assert server.server_names == ["hooks.test"]  # SNI names the host, not 127.0.0.1
        method, path, headers = server.requests[0]
        assert (method, path, headers["Host"], headers["X-Test"]) == ("POST", "/hook", f"hooks.test:{server.port}", "1")

        # Same address, another name: the certificate doesn't match it, so nothing is sent.
        with pytest.raises(outbound.OutboundError, match="TLS"):
            outbound.post(f"https://other.test:{server.port}/hook", b"{}", {}, timeout=5)
        assert len(server.requests) == 1
    finally:
        server.close()


def test_post_does_not_follow_redirects(loopback_allowed):
    server = Server({"/hook": (307, {"Location": "/elsewhere"}, b""), "/elsewhere": (200, {}, b"")})
    try:
        response = outbound.post(f"http://127.0.0.1:{server.port}/hook", b"{}", {}, timeout=5)
        assert response.status == 307
        assert [path for _, path, _ in server.requests] == ["/hook"]
    finally:
        server.close()


def test_get_follows_a_few_redirects_each_checked_again(loopback_allowed):
    server = Server({"/a": (302, {"Location": "/b"}, b""), "/b": (200, {}, b"image bytes")})
    try:
        response = outbound.get(f"http://127.0.0.1:{server.port}/a", max_bytes=100, timeout=5)
        assert (response.status, response.body) == (200, b"image bytes")
        assert response.url.endswith("/b")

        server.routes["/a"] = (302, {"Location": f"http://[::ffff:127.0.0.1]:{server.port}/b"}, b"")
        with pytest.raises(outbound.UnsafeURL):
            outbound.get(f"http://127.0.0.1:{server.port}/a", max_bytes=100, timeout=5)

        server.routes["/a"] = (302, {"Location": "/a"}, b"")
        with pytest.raises(outbound.OutboundError, match="redirects"):
            outbound.get(f"http://127.0.0.1:{server.port}/a", max_bytes=100, timeout=5, max_redirects=2)
        assert [path for _, path, _ in server.requests][-3:] == ["/a", "/a", "/a"]
    finally:
        server.close()


def test_get_refuses_an_answer_larger_than_max_bytes(loopback_allowed):
    server = Server({
        "/declared": (200, {}, b"x" * 2000),
        "/undeclared": (200, {"Content-Length": "", "Connection": "close"}, b"y" * 2000),
        "/small": (200, {}, b"z" * 1000),
    })
    try:
        base = f"http://127.0.0.1:{server.port}"
        with pytest.raises(outbound.OutboundError, match="larger than 1000 bytes"):
            outbound.get(base + "/declared", max_bytes=1000, timeout=5)
        with pytest.raises(outbound.OutboundError, match="larger than 1000 bytes"):
            outbound.get(base + "/undeclared", max_bytes=1000, timeout=5)
        assert outbound.get(base + "/small", max_bytes=1000, timeout=5).body == b"z" * 1000
    finally:
        server.close()


def test_a_server_that_drips_its_answer_is_cut_at_the_deadline(loopback_allowed):
    """Every read gets a byte within 50 ms, so only a deadline for the whole exchange stops it."""
    dripper = Dripper(interval=0.05, seconds=5)
    started = time.monotonic()
    try:
        with pytest.raises(outbound.OutboundError, match="within 0.5 seconds"):
            outbound.get(f"http://127.0.0.1:{dripper.port}/", max_bytes=10_000, timeout=0.5)
        assert time.monotonic() - started < 1.5
    finally:
        dripper.close()
