"""Every request Painty makes to a URL a user gave it goes through here.

Completion webhooks today, `image_url` fetches tomorrow: a user-given URL is a
way to make our servers call somewhere, so this module is the one guard:

- Only public unicast addresses. An IPv6 address that carries an IPv4 address
  (IPv4-mapped `::ffff:a.b.c.d`, IPv4-compatible `::a.b.c.d`, NAT64
  `64:ff9b::/96`, 6to4 `2002::/16`, Teredo `2001::/32`, ISATAP) is judged by
  the IPv4 address inside it too, because that is where a translator or tunnel
  delivers the packets.
- The name is resolved ONCE, every answer must be public, and the connection
  goes to an address from that same answer. Resolving again to connect (as
  `requests` would) lets a DNS-rebinding name pass the check with a public
  address and then connect to 127.0.0.1.
- TLS still verifies the certificate for the host name in the URL (SNI and
  hostname check use the name, not the pinned address), and Host carries it.
- Redirects are not followed by `post`; `get` follows a few, each new URL
  checked from scratch. Time (one deadline for the whole exchange) and the
  response size are bounded.

Plain http is refused unless loopback is allowed (`PAINTY_OUTBOUND_ALLOW_LOOPBACK`,
on only under DEBUG without PAINTY_HTTPS, and in tests that say so), and then
only to a host whose every address is loopback.

Errors are domain errors: `UnsafeURL` (a ValueError with a human reason, which
callers turn into their 400) and `OutboundError` (the call was allowed but did
not complete). Nothing here knows about HTTP responses of our own API."""

from __future__ import annotations

import base64
import http.client
import ipaddress
import re
import socket
import ssl
import string
import threading
import time
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import quote, unquote, urljoin, urlsplit

from django.conf import settings

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

MAX_URL_LENGTH = 2048
POST_BODY_KEPT = 64 * 1024  # a webhook receiver's answer is only logged by status; keep a little
REDIRECT_STATUSES = (301, 302, 303, 307, 308)

_MAPPED = ipaddress.ip_network("::ffff:0:0/96")
_COMPATIBLE = ipaddress.ip_network("::/96")
_NAT64_WELL_KNOWN = ipaddress.ip_network("64:ff9b::/96")
_NAT64_LOCAL_USE = ipaddress.ip_network("64:ff9b:1::/48")
_SIX_TO_FOUR = ipaddress.ip_network("2002::/16")
_TEREDO = ipaddress.ip_network("2001::/32")

# Blocks the IANA special-purpose registries mark as not globally reachable but
# which Python 3.11's `is_global` still calls global (checked explicitly so the
# answer doesn't depend on the Python patch release).
_NOT_GLOBAL = (
    _NAT64_LOCAL_USE,  # RFC 8215: a NAT64 prefix for one operator's own network
    _MAPPED,  # never a destination on the wire; only a socket API spelling of IPv4
    _COMPATIBLE,  # deprecated (RFC 4291); ::a.b.c.d is refused whatever it carries
)


class UnsafeURL(ValueError):
    """Painty may not call this URL; str() is a reason that reads after "the URL …"."""


class OutboundError(Exception):
    """The URL was allowed but the exchange failed: connection, TLS, timeout, size."""


class TooLarge(OutboundError):
    """The answer's body is over the caller's `max_bytes`."""


@dataclass(frozen=True)
class Target:
    """A checked URL: where to connect (the resolved, checked addresses) and what
    to say once connected (the original host name, for Host, SNI and the certificate)."""

    url: str
    scheme: str
    host: str  # ASCII (IDNA) host name or IP literal, without brackets
    port: int
    path: str  # path and query, as sent on the request line
    addresses: tuple[tuple[int, tuple], ...]  # (family, sockaddr), in the resolver's order
    authorization: str | None = None  # from user:password@ in the URL

    @property
    def host_header(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        default = 443 if self.scheme == "https" else 80
        return host if self.port == default else f"{host}:{self.port}"


@dataclass(frozen=True)
class Response:
    status: int
    headers: dict[str, str]  # lower-case names
    body: bytes
    url: str  # the URL that answered (after redirects, for `get`)


# --- Addresses ----------------------------------------------------------------


def embedded_ipv4(address: ipaddress.IPv6Address) -> list[ipaddress.IPv4Address]:
    """The IPv4 addresses an IPv6 address carries, for every form that tunnels
    or translates to IPv4."""
    value = int(address)
    found = []
    if address in _MAPPED:
        found.append(address.ipv4_mapped)
    if address in _COMPATIBLE or address in _NAT64_WELL_KNOWN or address in _NAT64_LOCAL_USE:
        found.append(ipaddress.IPv4Address(value & 0xFFFFFFFF))
    if address in _SIX_TO_FOUR:
        found.append(address.sixtofour)
    if address in _TEREDO:
        server, client = address.teredo  # the client is the inverted last 32 bits
        found += [server, client]
    if (value >> 32) & 0xFDFFFFFF == 0x00005EFE:  # ISATAP interface id ::0:5efe:a.b.c.d / ::200:5efe:a.b.c.d
        found.append(ipaddress.IPv4Address(value & 0xFFFFFFFF))
    return found


def _public(address: IPAddress) -> bool:
    return (
        address.is_global
        and not address.is_multicast
        and not address.is_unspecified
        and not address.is_loopback
        and not address.is_link_local
    )


def refusal(address: IPAddress) -> str | None:
    """Why Painty may not connect to `address`, or None when it is a public unicast address."""
    if isinstance(address, ipaddress.IPv4Address):
        return None if _public(address) and not address.is_reserved else f"a private or reserved address ({address})"
    for inner in embedded_ipv4(address):
        if not _public(inner) or inner.is_reserved:
            return f"an address that leads to a private or reserved IPv4 address ({address} → {inner})"
    if address in _NAT64_WELL_KNOWN:
        # 64:ff9b::/96 is globally reachable (RFC 6052) and only means "this IPv4
        # address, through the NAT64": judged above by the address it carries. It
        # sits in ::/8, which `is_reserved` counts as reserved, hence the early return.
        return None
    if any(address in network for network in _NOT_GLOBAL) or not _public(address) or address.is_reserved:
        return f"a private or reserved address ({address})"
    return None


def _is_loopback(address: IPAddress) -> bool:
    # Plain 127/8 and ::1 only: a wrapped loopback ([::ffff:127.0.0.1]) is a trick, not a dev setup.
    return address.is_loopback if address.version == 4 else address == ipaddress.IPv6Address("::1")


# --- Checking -----------------------------------------------------------------

# What stays as is on the request line: printable ASCII (quote() keeps letters and
# digits anyway; check_url has refused space and control characters already).
_REQUEST_LINE_SAFE = string.punctuation
_NUMERIC_LABEL = re.compile(r"^(0x[0-9a-f]*|[0-9]+)$", re.IGNORECASE)


def _host_name(raw: str) -> str:
    """The host as ASCII, refusing IPv4 spellings other than the dotted quad.

    `http://2130706433/`, `http://0x7f.1/` and `http://017700000001/` all mean
    127.0.0.1 to the C resolver; no real host name ends in a numeric label, so
    such a host is either a canonical dotted quad or refused outright."""
    try:
        host = raw.encode("idna").decode("ascii").lower() if not raw.isascii() else raw.lower()
    except UnicodeError:
        raise UnsafeURL(f"has a host name that is not valid ({raw!r})") from None
    host = host[:-1] if host.endswith(".") else host  # the root label: "example.com." is example.com
    if ":" in host:  # an IPv6 literal (urlsplit removed the brackets)
        return host
    if _NUMERIC_LABEL.match(host.rpartition(".")[2]):  # the last label
        try:
            ipaddress.IPv4Address(host)
        except ValueError:
            raise UnsafeURL(f"has a host that is not a valid name or IPv4 address ({raw!r})") from None
    return host


def _resolve(host: str, port: int) -> list[tuple[int, tuple]]:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError, OSError):
        raise UnsafeURL(f"has a host that does not resolve ({host!r})") from None
    answers = [(family, sockaddr) for family, _, _, _, sockaddr in infos if family in (socket.AF_INET, socket.AF_INET6)]
    if not answers:
        raise UnsafeURL(f"has a host that does not resolve ({host!r})")
    return answers


def _address(sockaddr: tuple) -> IPAddress:
    return ipaddress.ip_address(sockaddr[0].partition("%")[0])  # "fe80::1%eth0": the scope is not the address


def loopback_allowed() -> bool:
    return bool(getattr(settings, "PAINTY_OUTBOUND_ALLOW_LOOPBACK", False))


def check_url(url: str) -> Target:
    """Resolve `url` once and return where to connect, or raise UnsafeURL saying why not.

    The returned Target is what `post` and `get` connect to; passing the URL
    string to them instead checks it again (a fresh resolution, also checked)."""
    if not isinstance(url, str) or not url or len(url) > MAX_URL_LENGTH:
        raise UnsafeURL("must be an absolute https:// URL")
    if any(ord(char) <= 32 or ord(char) == 127 for char in url):
        raise UnsafeURL("must not contain spaces or control characters")
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        raise UnsafeURL("must be an absolute https:// URL with a valid host and port") from None
    scheme = parts.scheme.lower()
    if scheme not in ("https", "http") or not parts.hostname:
        raise UnsafeURL("must be an absolute https:// URL")
    if scheme == "http" and not loopback_allowed():
        raise UnsafeURL("must use https (plain http is only allowed to localhost in development)")
    host = _host_name(parts.hostname)
    port = port or (443 if scheme == "https" else 80)
    answers = _resolve(host, port)

    addresses = [_address(sockaddr) for _, sockaddr in answers]
    if loopback_allowed() and all(_is_loopback(address) for address in addresses):
        pass  # development (or a test that asked for it): a receiver on this machine
    else:
        if scheme == "http":
            raise UnsafeURL("must use https (plain http is only allowed to localhost in development)")
        for address in addresses:  # ANY bad answer refuses: we must not pick among them by luck
            reason = refusal(address)
            if reason:
                raise UnsafeURL(f"points to {reason}")

    authorization = None
    if parts.username is not None:
        userinfo = f"{unquote(parts.username)}:{unquote(parts.password or '')}"
        authorization = "Basic " + base64.b64encode(userinfo.encode()).decode("ascii")
    path = quote((parts.path or "/") + (f"?{parts.query}" if parts.query else ""), safe=_REQUEST_LINE_SAFE)
    return Target(url, scheme, host, port, path, tuple(answers), authorization)


# --- Sending ------------------------------------------------------------------


# A function without arguments has one result to keep: any other size gives the
# same context (0 would only rebuild it, and reload the CA bundle, for every call).
@lru_cache(maxsize=1)  # pragma: no mutate
def _default_ssl_context() -> ssl.SSLContext:
    try:
        import certifi

        return ssl.create_default_context(cafile=certifi.where())
    except ImportError:  # certifi comes with httpx/requests; the system store is the fallback
        return ssl.create_default_context()


def ssl_context() -> ssl.SSLContext:
    """Certificate and hostname verification on (tests swap in one that trusts their own CA)."""
    return _default_ssl_context()


class _Deadline:
    """One time limit for connect + TLS + request + response.

    Per-operation socket timeouts alone let a server that drips one byte at a
    time hold us forever; at the deadline this shuts the socket down, which
    ends whatever read is blocked on it."""

    def __init__(self, seconds: float):
        self.seconds = seconds
        self.ends = time.monotonic() + seconds
        self.expired = False
        self._timer: threading.Timer | None = None

    def remaining(self) -> float:
        left = self.ends - time.monotonic()
        if left <= 0:
            self.expired = True
            raise OutboundError(f"no complete answer within {self.seconds:g} seconds")
        return left

    def watch(self, sock: socket.socket) -> None:
        self.cancel()

        def cut():
            self.expired = True
            try:
                # socket.socket.shutdown, not SSLSocket.shutdown: the latter tears down
                # the SSL object under the reading thread; this only closes the stream.
                socket.socket.shutdown(sock, socket.SHUT_RDWR)
            except OSError:
                pass

        self._timer = threading.Timer(max(0.0, self.ends - time.monotonic()), cut)
        self._timer.daemon = True
        self._timer.start()

    def cancel(self) -> None:
        if self._timer:
            self._timer.cancel()
            self._timer = None


def _connect(target: Target, deadline: _Deadline) -> socket.socket:
    """A TCP connection to one of the checked addresses: never a new DNS lookup."""
    errors = []
    for family, sockaddr in target.addresses:
        sock = socket.socket(family, socket.SOCK_STREAM)
        try:
            sock.settimeout(deadline.remaining())
            sock.connect(sockaddr)
            return sock
        except OutboundError:
            sock.close()
            raise
        except OSError as exc:
            sock.close()
            errors.append(f"{sockaddr[0]}: {exc}")
    raise OutboundError(f"could not connect to {target.host} ({'; '.join(errors)})"[:300])


class _PinnedConnection(http.client.HTTPConnection):
    """http.client with the socket made by `_connect`, not by resolving `host`.

    `host` stays the URL's host name, so http.client writes it into Host, and
    for https the TLS layer uses it for SNI and the certificate check."""

    def __init__(self, target: Target, deadline: _Deadline):
        super().__init__(target.host, target.port, timeout=deadline.remaining())
        self.target = target
        self.deadline = deadline

    def connect(self):
        sock = _connect(self.target, self.deadline)
        self.deadline.watch(sock)
        if self.target.scheme == "https":
            # SNI and the certificate check use the URL's host name, not the pinned address.
            sock = ssl_context().wrap_socket(sock, server_hostname=self.target.host, do_handshake_on_connect=False)
            self.deadline.watch(sock)  # wrapping detached the plain socket: watch the TLS one
            try:
                sock.settimeout(self.deadline.remaining())
                sock.do_handshake()
            except (ssl.SSLError, ssl.CertificateError, OSError) as exc:
                sock.close()
                if self.deadline.expired:
                    raise OutboundError(f"no complete answer within {self.deadline.seconds:g} seconds") from None
                raise OutboundError(f"TLS with {self.target.host} failed: {exc}"[:300]) from None
        sock.settimeout(self.deadline.remaining())
        self.sock = sock


# How much one read asks for: only the number of reads depends on it, never the answer.
_READ_CHUNK = 65536  # pragma: no mutate


def _read_body(response: http.client.HTTPResponse, sock: socket.socket, deadline: _Deadline, max_bytes: int,
               truncate: bool) -> bytes:
    declared = response.getheader("Content-Length")
    if not truncate and declared and declared.isdigit() and int(declared) > max_bytes:
        raise TooLarge(f"the answer is larger than {max_bytes} bytes ({declared})")
    chunks, size = [], 0
    while size <= max_bytes:
        sock.settimeout(deadline.remaining())
        chunk = response.read(min(_READ_CHUNK, max_bytes + 1 - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    if deadline.expired:  # the watchdog's shutdown looks like an end of stream: it is not one
        raise OutboundError(f"no complete answer within {deadline.seconds:g} seconds")
    body = b"".join(chunks)
    if len(body) > max_bytes:
        if not truncate:
            raise TooLarge(f"the answer is larger than {max_bytes} bytes")
        body = body[:max_bytes]
    return body


def _exchange(target: Target, method: str, body: bytes | None, headers: dict, deadline: _Deadline,
              max_bytes: int, truncate: bool) -> Response:
    connection = _PinnedConnection(target, deadline)
    # Host is ours (http.client would add ":443" for https); identity: no decompression bombs.
    sent = {"Host": target.host_header, "Accept-Encoding": "identity", "Connection": "close", **headers}
    if target.authorization and "Authorization" not in sent:
        sent["Authorization"] = target.authorization
    try:
        connection.request(method, target.path, body=body, headers=sent)
        sock = connection.sock  # getresponse() drops it from the connection when the server will close
        response = connection.getresponse()
        received = _read_body(response, sock, deadline, max_bytes, truncate)
        return Response(
            response.status, {name.lower(): value for name, value in response.getheaders()}, received, target.url
        )
    except OutboundError:
        raise
    except (OSError, http.client.HTTPException, ValueError) as exc:
        # Every socket operation's timeout is what is left of the deadline, so a socket
        # timeout is the deadline too, whether it or the watchdog fired first.
        if deadline.expired or isinstance(exc, TimeoutError):
            raise OutboundError(f"no complete answer within {deadline.seconds:g} seconds") from None
        raise OutboundError(f"{exc.__class__.__name__}: {exc}"[:300]) from None
    finally:
        deadline.cancel()
        connection.close()


def post(url: str | Target, body: bytes, headers: dict | None = None, timeout: float = 10) -> Response:
    """POST `body` to a checked URL. Redirects are not followed (a 3xx is just the
    answer); the answer's body is cut at 64 KiB."""
    target = url if isinstance(url, Target) else check_url(url)
    return _exchange(target, "POST", body, dict(headers or {}), _Deadline(timeout), POST_BODY_KEPT, truncate=True)


def get(url: str | Target, max_bytes: int, timeout: float = 10, headers: dict | None = None,
        max_redirects: int = 3) -> Response:
    """GET a checked URL and return at most `max_bytes` of body (more is an OutboundError).

    Up to `max_redirects` redirects are followed, each new URL checked and
    pinned like the first; all of it within one `timeout`. The body is returned
    as sent (no Content-Encoding is undone: a small gzip can't become a huge body)."""
    deadline = _Deadline(timeout)
    target = url if isinstance(url, Target) else check_url(url)
    redirects = 0
    while True:
        response = _exchange(target, "GET", None, dict(headers or {}), deadline, max_bytes, truncate=False)
        location = response.headers.get("location")
        if response.status not in REDIRECT_STATUSES or not location or max_redirects == 0:
            return response
        if redirects == max_redirects:
            raise OutboundError(f"more than {max_redirects} redirects")
        redirects += 1
        target = check_url(urljoin(target.url, location))
