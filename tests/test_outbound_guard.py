"""The one guard for requests to user-given URLs (photos/outbound.py): public addresses
only, in every spelling; resolved once and connected to what was checked; TLS for the
URL's host name; no redirects inward; bounded size and time."""

import base64
import ipaddress
import socket
import sys
import time

import pytest

from photos import outbound
from tests.outbound_fakes import PUBLIC_IP, Dripper, FakeDns, Listener, LoopbackOnly, Scripted, Server, tls_contexts


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


# --- The URL, character by character ------------------------------------------------------


@pytest.fixture
def public_dns(no_real_dns):
    no_real_dns.answers = [[PUBLIC_IP]]
    return no_real_dns


def test_a_url_of_2048_characters_is_checked_and_one_of_2049_refused_unresolved(public_dns):
    base = "https://hooks.example.com/"
    assert outbound.check_url(base + "a" * (2048 - len(base))).path == "/" + "a" * (2048 - len(base))
    with pytest.raises(outbound.UnsafeURL, match="absolute https"):
        outbound.check_url(base + "a" * (2049 - len(base)))
    assert public_dns.lookups == ["hooks.example.com"]


@pytest.mark.parametrize("url", [None, b"https://hooks.example.com/", 42])
def test_what_is_not_a_string_is_refused(public_dns, url):
    with pytest.raises(outbound.UnsafeURL, match="absolute https"):
        outbound.check_url(url)


@pytest.mark.parametrize("char", ["\x00", "\t", "\n", "\x1f", " ", "\x7f"], ids=["NUL", "tab", "LF", "US", "space", "DEL"])
def test_spaces_and_control_characters_are_refused_before_any_lookup(public_dns, char):
    with pytest.raises(outbound.UnsafeURL, match="spaces or control characters"):
        outbound.check_url(f"https://hooks.example.com/in{char}x")
    assert public_dns.lookups == []


@pytest.mark.parametrize(
    "written, sent",
    [
        ("/a!b", "/a!b"),  # the first printable character after space
        ("/a~b", "/a~b"),  # the last before DEL
        ("/a%20b?q=%7E", "/a%20b?q=%7E"),  # escapes already there are kept as they are
        ("/caf\u00e9", "/caf%C3%A9"),
        ("/a\x80b", "/a%C2%80b"),  # the first character past DEL is not a control character of ASCII
    ],
)
def test_printable_ascii_goes_on_the_request_line_as_is_and_the_rest_percent_encoded(public_dns, written, sent):
    assert outbound.check_url("https://hooks.example.com" + written).path == sent


@pytest.mark.parametrize(
    "url", ["https://hooks.example.com:99999/", "https://hooks.example.com:port/", "https://[::1/", "https://hooks.example.com:-1/"]
)
def test_a_url_with_an_unreadable_host_or_port_is_refused(public_dns, url):
    with pytest.raises(outbound.UnsafeURL, match="valid host and port"):
        outbound.check_url(url)


@pytest.mark.parametrize(
    "url, port, host_header",
    [
        ("https://hooks.example.com/x", 443, "hooks.example.com"),
        ("https://hooks.example.com:443/x", 443, "hooks.example.com"),
        ("https://hooks.example.com:80/x", 80, "hooks.example.com:80"),
        ("https://hooks.example.com:8443/x", 8443, "hooks.example.com:8443"),
        ("https://[2606:4700::1]/x", 443, "[2606:4700::1]"),
    ],
)
def test_https_defaults_to_port_443_which_host_does_not_repeat(public_dns, url, port, host_header):
    target = outbound.check_url(url)
    assert (target.port, target.host_header) == (port, host_header)
    assert all(sockaddr[1] == port for _, sockaddr in target.addresses)


@pytest.mark.parametrize(
    "url, port, host_header",
    [
        ("http://localhost/x", 80, "localhost"),
        ("http://localhost:80/x", 80, "localhost"),
        ("http://localhost:443/x", 443, "localhost:443"),
    ],
)
def test_plain_http_defaults_to_port_80_which_host_does_not_repeat(no_real_dns, loopback_allowed, url, port, host_header):
    no_real_dns.answers = [["127.0.0.1"]]
    target = outbound.check_url(url)
    assert (target.port, target.host_header) == (port, host_header)
    assert all(sockaddr[1] == port for _, sockaddr in target.addresses)


def test_an_international_host_name_is_looked_up_and_sent_in_its_ascii_form(public_dns):
    target = outbound.check_url("https://B\u00fccher.Example/x")
    assert (target.host, target.host_header) == ("xn--bcher-kva.example", "xn--bcher-kva.example")
    assert public_dns.lookups == ["xn--bcher-kva.example"]


def test_an_international_host_name_that_idna_cannot_encode_is_refused(public_dns):
    with pytest.raises(outbound.UnsafeURL, match="host name that is not valid"):
        outbound.check_url("https://" + "\u00fc" * 64 + ".example/x")  # a label longer than 63 characters
    assert public_dns.lookups == []


@pytest.mark.parametrize("host", ["1.example.com", "0x10.example.com", "127.0.0.1.example.com", "1e100.net"])
def test_a_name_is_judged_by_its_last_label_only(public_dns, host):
    assert outbound.check_url(f"https://{host}/").host == host
    assert public_dns.lookups == [host]


def test_the_root_label_dot_is_dropped_from_the_host(public_dns):
    target = outbound.check_url("https://hooks.example.com./x")
    assert (target.host, target.host_header) == ("hooks.example.com", "hooks.example.com")
    assert public_dns.lookups == ["hooks.example.com"]


@pytest.mark.parametrize("url", ["https://[64:ff9b::8.8.8.8]/", "https://[2606:4700::1.2.3.4]/"])
def test_an_ipv6_literal_written_with_a_dotted_tail_is_an_ipv6_address(url):
    target = outbound.check_url(url)
    assert [ipaddress.ip_address(sockaddr[0]) for _, sockaddr in target.addresses] == [
        ipaddress.ip_address(url.removeprefix("https://[").removesuffix("]/"))
    ]


@pytest.mark.parametrize(
    "answers",
    [[], [(socket.AF_UNIX, socket.SOCK_STREAM, 0, "", "/run/hooks.sock")]],
    ids=["no answer", "no IP answer"],
)
def test_a_name_without_an_ipv4_or_ipv6_answer_does_not_resolve(monkeypatch, answers):
    monkeypatch.setattr(socket, "getaddrinfo", lambda *args, **kwargs: answers)
    with pytest.raises(outbound.UnsafeURL, match="does not resolve"):
        outbound.check_url("https://hooks.example.com/x")


def test_a_scoped_address_is_judged_and_named_without_its_scope(no_real_dns):
    no_real_dns.answers = [["fe80::1%eth0"]]
    with pytest.raises(outbound.UnsafeURL) as refused:
        outbound.check_url("https://local.example.com/x")
    assert str(refused.value) == "points to a private or reserved address (fe80::1)"


@pytest.mark.parametrize(
    "address, inside",
    [
        ("2606:4700::5efe:a00:1", ["10.0.0.1"]),  # ISATAP, universal/local bit clear
        ("2606:4700::200:5efe:a00:1", ["10.0.0.1"]),  # ISATAP, bit set
        ("2606:4700::5eff:a00:1", []),  # one bit off: an ordinary interface id
        ("2606:4700::300:5efe:a00:1", []),
    ],
)
def test_only_isatap_interface_ids_are_unwrapped(address, inside):
    assert outbound.embedded_ipv4(ipaddress.IPv6Address(address)) == [ipaddress.IPv4Address(i) for i in inside]
    if inside:
        with pytest.raises(outbound.UnsafeURL, match="10.0.0.1"):
            outbound.check_url(f"https://[{address}]/")
    else:
        assert outbound.check_url(f"https://[{address}]/").host == address


def test_user_and_password_in_the_url_become_basic_authorization(public_dns):
    def basic(userinfo: str) -> str:
        return "Basic " + base64.b64encode(userinfo.encode()).decode()

    assert outbound.check_url("https://us%3Aer:p%40ss@hooks.example.com/").authorization == basic("us:er:p@ss")
    assert outbound.check_url("https://user@hooks.example.com/").authorization == basic("user:")
    assert outbound.check_url("https://user:@hooks.example.com/").authorization == basic("user:")
    assert outbound.check_url("https://hooks.example.com/").authorization is None


def test_basic_authorization_is_sent_unless_the_caller_sends_its_own(loopback_allowed):
    server = Server({"/hook": (204, {}, b"")})
    try:
        outbound.post(f"http://user:pw@127.0.0.1:{server.port}/hook", b"{}", {}, timeout=5)
        outbound.post(f"http://user:pw@127.0.0.1:{server.port}/hook", b"{}", {"Authorization": "Bearer t"}, timeout=5)
        outbound.post(f"http://127.0.0.1:{server.port}/hook", b"{}", {}, timeout=5)
        sent = [headers.get("Authorization") for _, _, headers in server.requests]
        assert sent == ["Basic dXNlcjpwdw==", "Bearer t", None]
    finally:
        server.close()


# --- Answers: redirects and size ----------------------------------------------------------


@pytest.mark.parametrize("status", [301, 302, 303, 307, 308])
def test_get_follows_every_redirect_status(loopback_allowed, status):
    server = Server({"/a": (status, {"Location": "/b"}, b""), "/b": (200, {}, b"done")})
    try:
        response = outbound.get(f"http://127.0.0.1:{server.port}/a", max_bytes=100, timeout=5)
        assert (response.status, response.body) == (200, b"done")
    finally:
        server.close()


@pytest.mark.parametrize("status", [300, 304, 306, 309])
def test_other_3xx_answers_are_returned_not_followed(loopback_allowed, status):
    server = Server({"/a": (status, {"Location": "/b"}, b""), "/b": (200, {}, b"done")})
    try:
        response = outbound.get(f"http://127.0.0.1:{server.port}/a", max_bytes=100, timeout=5)
        assert response.status == status
        assert [path for _, path, _ in server.requests] == ["/a"]
    finally:
        server.close()


def redirect_chain(length: int) -> dict:
    """/r0 → /r1 → … → /r{length}, which answers 200."""
    routes = {f"/r{i}": (302, {"Location": f"/r{i + 1}"}, b"") for i in range(length)}
    routes[f"/r{length}"] = (200, {}, b"end")
    return routes


@pytest.mark.parametrize(
    "max_redirects, chain, outcome",
    [
        (None, 3, 200),  # the default: three redirects
        (None, 4, "more than 3 redirects"),
        (1, 1, 200),
        (1, 2, "more than 1 redirects"),
        (0, 1, 302),  # none: the redirect itself is the answer
    ],
)
def test_get_follows_exactly_max_redirects(loopback_allowed, max_redirects, chain, outcome):
    server = Server(redirect_chain(chain))
    kwargs = {} if max_redirects is None else {"max_redirects": max_redirects}
    try:
        url = f"http://127.0.0.1:{server.port}/r0"
        if isinstance(outcome, int):
            assert outbound.get(url, max_bytes=100, timeout=5, **kwargs).status == outcome
            requested = chain + 1 if outcome == 200 else 1
        else:
            with pytest.raises(outbound.OutboundError, match=outcome):
                outbound.get(url, max_bytes=100, timeout=5, **kwargs)
            requested = chain  # the last redirect is refused, not followed
        assert [path for _, path, _ in server.requests] == [f"/r{i}" for i in range(requested)]
    finally:
        server.close()


def test_post_keeps_exactly_64_kib_of_the_answer(loopback_allowed):
    server = Server({"/long": (200, {}, b"x" * 70_000), "/fits": (200, {}, b"y" * 65_536)})
    try:
        assert outbound.post(f"http://127.0.0.1:{server.port}/long", b"{}", {}, timeout=5).body == b"x" * 65_536
        assert outbound.post(f"http://127.0.0.1:{server.port}/fits", b"{}", {}, timeout=5).body == b"y" * 65_536
    finally:
        server.close()


UNDECLARED = b"HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n"  # no Content-Length: the body runs to the close


def test_an_undeclared_answer_of_exactly_max_bytes_is_taken_whole(loopback_allowed):
    server = Scripted(UNDECLARED + b"z" * 65_536)
    try:
        assert outbound.get(f"http://127.0.0.1:{server.port}/", max_bytes=65_536, timeout=5).body == b"z" * 65_536
    finally:
        server.close()


@pytest.mark.parametrize("max_bytes", [1_000, 65_536, 131_072])
def test_one_byte_over_max_bytes_is_refused_at_once_even_if_the_server_then_waits(loopback_allowed, max_bytes):
    """The byte after the limit is enough to know: no waiting for the rest (or the deadline)."""
    server = Scripted(UNDECLARED + b"z" * (max_bytes + 1), hold=True)
    started = time.monotonic()
    try:
        with pytest.raises(outbound.OutboundError, match=f"larger than {max_bytes} bytes"):
            outbound.get(f"http://127.0.0.1:{server.port}/", max_bytes=max_bytes, timeout=3)
        assert time.monotonic() - started < 2
    finally:
        server.close()


def test_a_declared_length_over_max_bytes_is_refused_before_the_body_arrives(loopback_allowed):
    server = Scripted(b"HTTP/1.1 200 OK\r\nContent-Length: 1000000000\r\n\r\n" + b"z" * 10, hold=True)
    started = time.monotonic()
    try:
        with pytest.raises(outbound.OutboundError, match=r"larger than 100 bytes \(1000000000\)"):
            outbound.get(f"http://127.0.0.1:{server.port}/", max_bytes=100, timeout=2)
        assert time.monotonic() - started < 1
    finally:
        server.close()


# --- Time ---------------------------------------------------------------------------------


class Clock:
    """time.monotonic for photos.outbound only: returns `readings` in turn, then the last forever."""

    def __init__(self, *readings: float):
        self.readings = list(readings)

    def monotonic(self) -> float:
        return self.readings.pop(0) if len(self.readings) > 1 else self.readings[0]


@pytest.fixture
def clock(monkeypatch):
    def install(*readings):
        monkeypatch.setattr(outbound, "time", Clock(*readings))

    return install


@pytest.mark.parametrize("call", ["get", "post"])
def test_with_no_time_left_nothing_is_connected(monkeypatch, clock, loopback_allowed, call):
    clock(100.0)  # the clock stands still: exactly 0 seconds are left of a 0-second budget
    connects = LoopbackOnly(monkeypatch)
    listener = Listener()
    url = f"http://127.0.0.1:{listener.port}/"
    try:
        with pytest.raises(outbound.OutboundError, match="no complete answer within 0 seconds"):
            if call == "get":
                outbound.get(url, max_bytes=100, timeout=0)
            else:
                outbound.post(url, b"{}", {}, timeout=0)
        assert connects.attempts == []
    finally:
        listener.close()


def test_when_time_runs_out_before_connecting_no_address_is_tried(monkeypatch, clock, loopback_allowed, no_real_dns):
    no_real_dns.answers = [["127.0.0.1", "::1"]]
    clock(0.0, 0.5, 5.0)  # deadline set at 0 (1 s), 0.5 s left when preparing, then long past
    connects = LoopbackOnly(monkeypatch)
    with pytest.raises(outbound.OutboundError, match="no complete answer within 1 seconds"):
        outbound.post("http://localhost:9/", b"{}", {}, timeout=1)
    assert connects.attempts == []


@pytest.mark.parametrize("call", ["get", "post"])
def test_the_default_budget_is_ten_seconds(monkeypatch, clock, loopback_allowed, call):
    clock(0.0, 10.0)  # the deadline is set at 0; every later reading says 10 s have passed
    listener = Listener()
    url = f"http://127.0.0.1:{listener.port}/"
    try:
        with pytest.raises(outbound.OutboundError, match="no complete answer within 10 seconds"):
            outbound.get(url, max_bytes=100) if call == "get" else outbound.post(url, b"{}")
        assert listener.connections() == 0
    finally:
        listener.close()


def test_every_socket_wait_is_bounded_by_the_time_left(monkeypatch, loopback_allowed):
    server = Server({"/hook": (204, {}, b"")})
    timeouts = []
    real_connect = socket.socket.connect

    def connect(sock, address):
        timeouts.append(sock.gettimeout())
        return real_connect(sock, address)

    monkeypatch.setattr(socket.socket, "connect", connect)
    try:
        assert outbound.post(f"http://127.0.0.1:{server.port}/hook", b"{}", {}, timeout=2).status == 204
    finally:
        server.close()
    assert len(timeouts) == 1 and 0 < timeouts[0] <= 2


@pytest.fixture
def watchdog_only(clock):
    """Socket timeouts as long as the whole budget (the clock stands still), so it is
    the deadline's watchdog that ends a stalled exchange, as it does for a server that
    sends a byte now and then."""
    clock(1_000.0)


def test_a_tls_handshake_that_never_completes_is_cut_at_the_deadline(watchdog_only, loopback_allowed):
    listener = Listener()  # accepts TCP, never speaks TLS
    started = time.monotonic()
    try:
        with pytest.raises(outbound.OutboundError, match="no complete answer within 0.3 seconds"):
            outbound.post(f"https://127.0.0.1:{listener.port}/", b"{}", {}, timeout=0.3)
        assert time.monotonic() - started < 2
    finally:
        listener.close()


def test_a_server_that_never_answers_is_cut_at_the_deadline(watchdog_only, loopback_allowed):
    listener = Listener()
    try:
        with pytest.raises(outbound.OutboundError, match="no complete answer within 0.3 seconds"):
            outbound.get(f"http://127.0.0.1:{listener.port}/", max_bytes=100, timeout=0.3)
    finally:
        listener.close()


def test_a_body_cut_off_at_the_deadline_is_not_taken_for_the_answer(watchdog_only, loopback_allowed):
    server = Scripted(b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n" + b"z" * 10, hold=True)
    try:
        with pytest.raises(outbound.OutboundError, match="no complete answer within 0.3 seconds"):
            outbound.get(f"http://127.0.0.1:{server.port}/", max_bytes=1_000, timeout=0.3)
    finally:
        server.close()


# --- TLS by default, and what failures say ---------------------------------------------------


@pytest.mark.parametrize("certifi", ["certifi", "system store"])
def test_the_default_tls_context_refuses_a_certificate_nobody_vouches_for(
    monkeypatch, tmp_path, no_real_dns, loopback_allowed, certifi
):
    server_tls, _ = tls_contexts("hooks.test", tmp_path)
    server = Server({"/hook": (204, {}, b"")}, tls=server_tls)
    no_real_dns.answers = [["127.0.0.1"]]
    if certifi == "system store":
        monkeypatch.setitem(sys.modules, "certifi", None)  # `import certifi` fails
    outbound._default_ssl_context.cache_clear()
    try:
        with pytest.raises(outbound.OutboundError, match="TLS with hooks.test failed: .*certificate verify failed"):
            outbound.post(f"https://hooks.test:{server.port}/hook", b"{}", {}, timeout=5)
        assert server.requests == []
    finally:
        outbound._default_ssl_context.cache_clear()
        server.close()


def test_a_failed_connection_names_every_address_tried(monkeypatch, no_real_dns):
    no_real_dns.answers = [[PUBLIC_IP, "2606:4700::1"]]
    LoopbackOnly(monkeypatch)
    with pytest.raises(outbound.OutboundError) as failed:
        outbound.post("https://hooks.example.com/x", b"{}", {}, timeout=2)
    message = str(failed.value)
    assert message.startswith(f"could not connect to hooks.example.com ({PUBLIC_IP}: ")
    assert "; 2606:4700::1: " in message


def test_a_long_connection_failure_is_told_in_300_characters(monkeypatch, no_real_dns):
    no_real_dns.answers = [[f"93.184.215.{n}" for n in range(1, 13)]]
    LoopbackOnly(monkeypatch)
    with pytest.raises(outbound.OutboundError) as failed:
        outbound.post("https://hooks.example.com/x", b"{}", {}, timeout=2)
    assert len(str(failed.value)) == 300
    assert str(failed.value).startswith("could not connect to hooks.example.com (93.184.215.1: ")


def test_a_long_tls_failure_is_told_in_300_characters(monkeypatch, tmp_path, no_real_dns, loopback_allowed):
    server_tls, client_tls = tls_contexts("hooks.test", tmp_path)
    monkeypatch.setattr(outbound, "ssl_context", lambda: client_tls)
    server = Server({"/hook": (204, {}, b"")}, tls=server_tls)
    no_real_dns.answers = [["127.0.0.1"]]
    host = ".".join(letter * 60 for letter in "abcd") + ".test"
    try:
        with pytest.raises(outbound.OutboundError) as failed:
            outbound.post(f"https://{host}:{server.port}/hook", b"{}", {}, timeout=5)
    finally:
        server.close()
    assert len(str(failed.value)) == 300
    assert str(failed.value).startswith(f"TLS with {host} failed: ")


def test_an_answer_that_is_not_http_is_an_error_told_in_300_characters(loopback_allowed):
    server = Scripted(b"X" * 400 + b"\r\n\r\n")
    try:
        with pytest.raises(outbound.OutboundError) as failed:
            outbound.get(f"http://127.0.0.1:{server.port}/", max_bytes=100, timeout=5)
    finally:
        server.close()
    assert str(failed.value).startswith("BadStatusLine: ")
    assert len(str(failed.value)) == 300
