"""Fakes for tests of photos.outbound: a resolver that answers what a test says,
a connect() that lets nothing leave this machine, and small loopback servers.

Nothing here sends a packet beyond 127.0.0.1: a connection to any other address
is recorded and refused before it is attempted."""

from __future__ import annotations

import datetime
import ipaddress
import socket
import ssl
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PUBLIC_IP = "93.184.215.14"  # a public address; tests never really connect to it


class FakeDns:
    """socket.getaddrinfo for names: answers[i] is the list of IPs for the i-th lookup
    (the last one repeats). IP literals are answered numerically, never through DNS,
    in every spelling the C library reads as one (`2130706433`, `0x7f.1` and
    `127.000.000.001` all answer 127.0.0.1, as they would for real)."""

    def __init__(self, monkeypatch, *answers: list[str]):
        self.answers = list(answers)
        self.lookups: list[str] = []
        real = socket.getaddrinfo

        def getaddrinfo(host, port, family=0, type=0, proto=0, flags=0):
            try:
                return real(host, port, family, type, proto, flags | socket.AI_NUMERICHOST)
            except socket.gaierror:
                pass
            self.lookups.append(host)
            if not self.answers:
                raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
            ips = self.answers[min(len(self.lookups), len(self.answers)) - 1]
            return [
                (socket.AF_INET6 if ":" in ip else socket.AF_INET, socket.SOCK_STREAM, 6, "",
                 (ip, port, 0, 0) if ":" in ip else (ip, port))
                for ip in ips
            ]

        monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)


class LoopbackOnly:
    """Patches socket.connect: loopback connects for real, anything else is recorded
    and refused as if nobody listened (so a test can see where a connection would go)."""

    def __init__(self, monkeypatch):
        self.attempts: list[tuple] = []
        real = socket.socket.connect

        def connect(sock, address):
            self.attempts.append(address)
            if ipaddress.ip_address(address[0]).is_loopback:
                return real(sock, address)
            raise ConnectionRefusedError(111, "Connection refused (test: nothing leaves this machine)")

        monkeypatch.setattr(socket.socket, "connect", connect)


class Listener:
    """A bare TCP port on loopback that never answers; tells whether anyone connected."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.sock.setblocking(False)
        self.port = self.sock.getsockname()[1]

    def connections(self) -> int:
        count = 0
        while True:
            try:
                conn, _ = self.sock.accept()
            except BlockingIOError:
                return count
            conn.close()
            count += 1

    def close(self):
        self.sock.close()


class Server:
    """A loopback HTTP(S) server. `routes` maps a path to (status, headers, body);
    every request is recorded as (method, path, headers)."""

    def __init__(self, routes: dict, tls: ssl.SSLContext | None = None):
        self.routes = routes
        self.requests: list[tuple[str, str, dict]] = []
        self.server_names: list[str | None] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            timeout = 10  # no test's client keeps a connection longer

            def handle_one(self):
                length = int(self.headers.get("Content-Length") or 0)
                if length:
                    self.rfile.read(length)
                outer.requests.append((self.command, self.path, dict(self.headers)))
                status, headers, body = outer.routes.get(self.path, (404, {}, b""))
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                if "Content-Length" not in headers:
                    self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_GET = do_POST = handle_one

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        if tls:
            tls.sni_callback = lambda sslsock, name, context: self.server_names.append(name)
            # The handshake happens in the request's own thread (on its first read), so a
            # client that connects and never speaks TLS cannot stall accept() and close().
            self.server.socket = tls.wrap_socket(self.server.socket, server_side=True, do_handshake_on_connect=False)
        self.port = self.server.server_port
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


class Scripted:
    """A loopback TCP server that answers each connection with raw bytes: `parts`
    sent in turn once the request's headers are in, then the connection is closed,
    or held open (never another byte) until close() when hold=True."""

    def __init__(self, *parts: bytes, hold=False):
        self.parts, self.hold = parts, hold
        self.held: list[socket.socket] = []
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.port = self.sock.getsockname()[1]
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self):
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            try:
                request = b""
                while b"\r\n\r\n" not in request:
                    data = conn.recv(65536)
                    if not data:
                        break
                    request += data
                for part in self.parts:
                    conn.sendall(part)
            except OSError:
                pass
            if self.hold:
                self.held.append(conn)
            else:
                conn.close()

    def close(self):
        self.sock.close()
        for conn in self.held:
            conn.close()


class Dripper:
    """Answers every connection with a status line, then one header byte every
    `interval` seconds: each read is quick, the answer never ends (for `seconds`)."""

    def __init__(self, interval=0.05, seconds=5):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(4)
        self.port = self.sock.getsockname()[1]
        self.interval, self.seconds = interval, seconds
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self):
        try:
            conn, _ = self.sock.accept()
        except OSError:
            return
        with conn:
            conn.recv(65536)
            ends = time.monotonic() + self.seconds
            try:
                conn.sendall(b"HTTP/1.1 200 OK\r\nX-Slow: ")
                while time.monotonic() < ends:
                    conn.sendall(b"a")
                    time.sleep(self.interval)
            except OSError:
                pass

    def close(self):
        self.sock.close()


def tls_contexts(host_name: str, tmp_path) -> tuple[ssl.SSLContext, ssl.SSLContext]:
    """A self-signed certificate for `host_name`: (server context, client context that trusts it)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, host_name)])
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(hours=1))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName(host_name)]), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_file, key_file = tmp_path / "cert.pem", tmp_path / "key.pem"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    server = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server.load_cert_chain(cert_file, key_file)
    client = ssl.create_default_context(cafile=str(cert_file))
    return server, client
