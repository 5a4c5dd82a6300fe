"""Fake OpenAI and Gemini servers on loopback, speaking each provider's wire format.

The real SDKs are pointed at them (OPENAI_BASE_URL / GEMINI_BASE_URL), so the
whole SDK path runs — request building, multipart/JSON bodies, status-code to
exception mapping — and nothing leaves the machine. A test queues replies with
`fake.reply(...)`; when the queue is empty the fake answers with `fake.default`
(a successful edit). Every request is recorded in `fake.requests`."""

from __future__ import annotations

import base64
import contextlib
import email.parser
import email.policy
import io
import json
import socket
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from PIL import Image

from tests import images


@dataclass
class Reply:
    status: int = 200
    body: dict = field(default_factory=dict)
    headers: dict = field(default_factory=dict)
    delay: float = 0.0


@dataclass
class Request:
    method: str
    path: str
    headers: dict
    body: bytes
    fields: dict = field(default_factory=dict)  # parsed form fields or JSON

    def image(self) -> Image.Image:
        return Image.open(io.BytesIO(self.fields["image"]))


def png_b64(image: Image.Image) -> str:
    out = io.BytesIO()
    image.save(out, "PNG")
    return base64.b64encode(out.getvalue()).decode()


class FakeProvider:
    prefix = ""  # of the settings that point an engine here: OPENAI_API_KEY, OPENAI_BASE_URL
    base_path = ""  # what the base URL adds to the server's root

    def __init__(self):
        self.requests: list[Request] = []
        self.replies: deque[Reply] = deque()
        self.default = self.success()
        self.release = threading.Event()  # ends slow replies at teardown
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self.handler_class())
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}{self.base_path}"

    def reply(self, *replies: Reply) -> None:
        self.replies.extend(replies)

    def next_reply(self) -> Reply:
        return self.replies.popleft() if self.replies else self.default

    def slow(self, seconds: float) -> Reply:
        return Reply(200, self.success().body, delay=seconds)

    def handler_class(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.read_body()
                request = Request("POST", self.path, {k.lower(): v for k, v in self.headers.items()}, body)
                request.fields = fake.parse(request)
                fake.requests.append(request)
                answer = fake.answer(request)
                if answer.delay and fake.release.wait(answer.delay):
                    return  # torn down while waiting: just drop the connection
                data = json.dumps(answer.body).encode()
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    self.send_response(answer.status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    for name, value in answer.headers.items():
                        self.send_header(name, value)
                    self.end_headers()
                    self.wfile.write(data)

            def read_body(self) -> bytes:
                if "chunked" in self.headers.get("Transfer-Encoding", ""):
                    chunks = []
                    while True:
                        size = int(self.rfile.readline().split(b";")[0], 16)
                        chunk = self.rfile.read(size)
                        self.rfile.readline()
                        if size == 0:
                            return b"".join(chunks)
                        chunks.append(chunk)
                return self.rfile.read(int(self.headers.get("Content-Length", 0)))

            def log_message(self, *args):
                pass

        return Handler

    def answer(self, request: Request) -> Reply:
        return self.next_reply()

    def parse(self, request: Request) -> dict:
        raise NotImplementedError

    def success(self, image: Image.Image | None = None) -> Reply:
        raise NotImplementedError

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.release.set()
        self.server.shutdown()
        self.server.server_close()


class FakeOpenAI(FakeProvider):
    """POST /v1/images/edits (multipart) → {"created", "data": [{"b64_json"}]}."""

    prefix, base_path = "OPENAI", "/v1"

    def parse(self, request: Request) -> dict:
        head = f"Content-Type: {request.headers.get('content-type', '')}\r\n\r\n".encode()
        message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(head + request.body)
        fields = {}
        for part in message.iter_parts():
            name = part.get_param("name", header="content-disposition")
            payload = part.get_payload(decode=True)
            fields[name] = payload if part.get_filename() else payload.decode()
            if part.get_filename():
                fields[f"{name}_content_type"] = part.get_content_type()
        return fields

    def answer(self, request: Request) -> Reply:
        if request.path != "/v1/images/edits":
            return self.error(404, f"Unknown path {request.path}", "invalid_request_error", "unknown_url")
        return self.next_reply()

    def success(self, image: Image.Image | None = None) -> Reply:
        image = image or images.picture((1536, 1024)).convert("RGB")
        return Reply(200, {"created": int(time.time()), "data": [{"b64_json": png_b64(image)}]})

    @staticmethod
    def error(status: int, message: str, type: str, code: str | None = None, headers=None) -> Reply:
        body = {"error": {"message": message, "type": type, "param": None, "code": code}}
        return Reply(status, body, headers or {})

    def unauthorized(self) -> Reply:
        return self.error(401, "Incorrect API key provided: sk-wrong. You can find your API key at …",
                          "invalid_request_error", "invalid_api_key")

    def rate_limited(self, retry_after: str = "17") -> Reply:
        return self.error(429, "Rate limit reached for gpt-image-1 on images per minute.", "requests",
                          "rate_limit_exceeded", {"retry-after": retry_after})

    def server_error(self) -> Reply:
        return self.error(500, "The server had an error while processing your request.", "server_error")

    def moderation_blocked(self) -> Reply:
        return self.error(400, "Your request was rejected as a result of our safety system.",
                          "image_generation_user_error", "moderation_blocked")


class FakeGemini(FakeProvider):
    """POST /v1beta/models/{model}:generateContent (JSON) → candidates[].content.parts[].inlineData."""

    prefix, base_path = "GEMINI", ""  # the SDK adds the API version itself

    def parse(self, request: Request) -> dict:
        fields = json.loads(request.body or b"{}")
        for part in fields.get("contents", [{}])[0].get("parts", []):
            # Protobuf JSON accepts camelCase and snake_case names; the SDK mixes them.
            blob = part.get("inlineData") or part.get("inline_data")
            if blob:
                data = blob["data"]  # the SDK sends unpadded URL-safe base64
                fields["image"] = base64.urlsafe_b64decode(data + "=" * (-len(data) % 4))
                fields["image_content_type"] = blob.get("mimeType") or blob.get("mime_type")
            if "text" in part:
                fields["prompt"] = part["text"]
        return fields

    def answer(self, request: Request) -> Reply:
        if not (request.path.startswith("/v1beta/models/") and request.path.endswith(":generateContent")):
            return self.error(404, f"Unknown path {request.path}", "NOT_FOUND")
        return self.next_reply()

    def success(self, image: Image.Image | None = None) -> Reply:
        image = image or images.picture((1184, 864)).convert("RGB")
        parts = [{"text": "Here is the edited image."}, {"inlineData": {"mimeType": "image/png", "data": png_b64(image)}}]
        return self.candidate(parts, "STOP")

    @staticmethod
    def candidate(parts: list[dict], finish_reason: str, **extra) -> Reply:
        body = {
            "candidates": [{"content": {"role": "model", "parts": parts}, "finishReason": finish_reason, **extra}],
            "modelVersion": "gemini-2.5-flash-image",
        }
        return Reply(200, body)

    @staticmethod
    def error(code: int, message: str, status: str, headers=None, details=None) -> Reply:
        body = {"error": {"code": code, "message": message, "status": status}}
        if details:
            body["error"]["details"] = details
        return Reply(code, body, headers or {})

    def unauthorized(self) -> Reply:
        return self.error(401, "Request had invalid authentication credentials.", "UNAUTHENTICATED")

    def rate_limited(self, retry_delay: str = "17s") -> Reply:
        details = [{"@type": "type.googleapis.com/google.rpc.RetryInfo", "retryDelay": retry_delay}]
        return self.error(429, "You exceeded your current quota.", "RESOURCE_EXHAUSTED", details=details)

    def server_error(self) -> Reply:
        return self.error(500, "An internal error has occurred.", "INTERNAL")

    def prompt_blocked(self) -> Reply:
        return Reply(200, {"promptFeedback": {"blockReason": "SAFETY", "blockReasonMessage": "The prompt was blocked."}})

    def image_safety(self) -> Reply:
        text = [{"text": "I can't edit this image."}]
        return self.candidate(text, "IMAGE_SAFETY", finishMessage="The generated image was blocked by the safety filter.")


def free_port_url() -> str:
    """A loopback URL where nothing listens: every connection is refused."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"


def serving(fake: FakeProvider, settings):
    """Run `fake` and point its engine's settings at it, with short backoffs."""
    with fake:
        setattr(settings, f"{fake.prefix}_API_KEY", f"{fake.prefix.lower()}-test-key")
        setattr(settings, f"{fake.prefix}_BASE_URL", fake.base_url)
        settings.PAINTY_HOSTED_BACKOFF = 0.01
        settings.PAINTY_HOSTED_RETRIES = 2
        yield fake


@pytest.fixture
def openai_server(settings):
    yield from serving(FakeOpenAI(), settings)


@pytest.fixture
def gemini_server(settings):
    yield from serving(FakeGemini(), settings)


# --- Checking answers of POST /api/v1/photo ---------------------------------


def assert_refunded(response, status: int, code: str, user) -> None:
    """The API answered `status`/`code`, the job failed with that code and the credit came back."""
    from billing.ledger import balance_of
    from photos.models import Job

    assert response.status_code == status, response.content
    assert response.json()["error"]["code"] == code
    job = Job.objects.get()
    assert (job.status, job.error_code) == (Job.Status.FAILED, code)
    assert balance_of(user) == 10


def fetch_image(client, url: str) -> Image.Image:
    path = url.split("://", 1)[1].split("/", 1)[1]
    response = client.get("/" + path)
    assert response.status_code == 200
    return Image.open(io.BytesIO(b"".join(response.streaming_content)))
