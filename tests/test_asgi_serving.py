"""Served over ASGI, a request never needs a thread just to pass the middleware: every
middleware is async-capable, and pages, probes, static files and API errors answer
through the async chain exactly as through the sync one."""

from __future__ import annotations

import asyncio
from pathlib import Path
from unittest.mock import ANY

import pytest
from asgiref.sync import async_to_sync, iscoroutinefunction
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.staticfiles import finders
from django.core.handlers.asgi import ASGIHandler
from django.core.handlers.base import BaseHandler
from django.utils.module_loading import import_string

from painty import csp
from painty.middleware import FileChunks

STATIC_FILE = "css/painty.css"


def get(client, path, **headers):
    """A GET through the async client, from this sync test (so the view's database work runs
    in the test's thread and sees its transaction)."""
    return async_to_sync(client.get)(path, headers=headers)


async def read(response) -> bytes:
    return b"".join([chunk async for chunk in response.streaming_content])


def test_every_middleware_is_async_capable():
    for path in settings.MIDDLEWARE:
        assert getattr(import_string(path), "async_capable", False), f"{path} would run every async view in a thread"


def test_the_asgi_handler_builds_its_chain_without_adapting_a_middleware(monkeypatch):
    adapted = []
    real = BaseHandler.adapt_method_mode

    def spy(self, is_async, method, method_is_async=None, debug=False, name=None):
        if name and is_async != (method_is_async if method_is_async is not None else iscoroutinefunction(method)):
            adapted.append(name)
        return real(self, is_async, method, method_is_async, debug, name)

    monkeypatch.setattr(BaseHandler, "adapt_method_mode", spy)
    handler = ASGIHandler()
    assert iscoroutinefunction(handler._middleware_chain)
    assert adapted == []


def test_healthz_is_an_async_view_and_answers_the_same(client, async_client):
    from painty.views import healthz

    assert iscoroutinefunction(healthz)
    sync, asgi = client.get("/healthz"), get(async_client, "/healthz")
    assert asgi.status_code == sync.status_code == 200
    assert asgi.content == sync.content == b'{"status": "ok"}'
    assert asgi["Content-Type"] == sync["Content-Type"]
    assert len(asgi["X-Request-Id"]) == 32


def test_a_given_request_id_is_echoed(async_client):
    assert get(async_client, "/healthz", X_Request_Id="asgi-7")["X-Request-Id"] == "asgi-7"


@pytest.mark.django_db
def test_an_html_page_carries_the_csp_and_the_request_id(client, async_client):
    sync, asgi = client.get("/docs"), get(async_client, "/docs")
    assert asgi.status_code == sync.status_code == 200
    assert asgi["Content-Security-Policy"] == sync["Content-Security-Policy"] == csp.policy()
    assert asgi["X-Request-Id"]
    assert asgi["X-Frame-Options"] == sync["X-Frame-Options"]


@pytest.mark.django_db
def test_an_unknown_api_path_is_a_json_404(client, async_client):
    sync, asgi = client.get("/api/v1/nothing-here"), get(async_client, "/api/v1/nothing-here")
    assert asgi.status_code == sync.status_code == 404
    assert asgi["Content-Type"] == sync["Content-Type"] == "application/json"
    assert asgi.json() == sync.json()
    assert asgi.json()["error"]["code"] == "not_found"
    assert asgi["X-Request-Id"] and "Content-Security-Policy" not in asgi


@pytest.mark.parametrize("autorefresh", [True, False], ids=["debug-lookup", "collected-lookup"])
def test_a_static_file_is_served_whole_with_whitenoises_headers(client, async_client, settings, autorefresh):
    # The tests' STATIC_ROOT is empty (no collectstatic): whitenoise serves from the finders.
    settings.WHITENOISE_USE_FINDERS = True
    settings.WHITENOISE_AUTOREFRESH = autorefresh
    path = f"/static/{STATIC_FILE}"
    expected = Path(finders.find(STATIC_FILE)).read_bytes()
    sync, asgi = client.get(path), get(async_client, path)
    assert asgi.status_code == sync.status_code == 200
    assert asgi.is_async, "the body is read without holding up the event loop"
    assert async_to_sync(read)(asgi) == b"".join(sync.streaming_content) == expected
    for header in ("Content-Type", "Content-Length", "Cache-Control", "Last-Modified", "ETag"):
        assert asgi[header] == sync[header], header
    assert asgi["X-Request-Id"]


@pytest.mark.django_db
def test_a_static_file_answers_a_conditional_get_and_a_head(async_client, settings):
    settings.WHITENOISE_USE_FINDERS = True
    path = f"/static/{STATIC_FILE}"
    whole = get(async_client, path)
    whole.close()  # its body is not wanted here
    unchanged = get(async_client, path, If_None_Match=whole["ETag"])
    assert unchanged.status_code == 304 and unchanged["ETag"] == whole["ETag"]
    head = async_to_sync(async_client.head)(path)
    assert head.status_code == 200 and head["Content-Length"] == whole["Content-Length"]


@pytest.mark.django_db
def test_a_file_from_a_view_is_streamed_too(client, async_client):
    sync, asgi = client.get("/favicon.ico"), get(async_client, "/favicon.ico")
    assert asgi.status_code == sync.status_code == 200
    assert asgi.is_async
    icon = (settings.BASE_DIR / "static" / "favicon.ico").read_bytes()
    assert async_to_sync(read)(asgi) == b"".join(sync.streaming_content) == icon
    del asgi["X-Request-Id"], sync["X-Request-Id"]
    assert dict(asgi.items()) == dict(sync.items())


def test_a_server_gets_static_files_without_a_sync_iterator(transactional_db, settings, recwarn):
    """Through the ASGI application itself, as uvicorn calls it: Django warns when it has to
    read a body's sync iterator on the event loop. (The handler closes old database connections
    after each request, which a test transaction would not survive: hence transactional_db.)"""
    settings.WHITENOISE_USE_FINDERS = True
    path = f"/static/{STATIC_FILE}"
    start, body = asgi_request("GET", path)
    assert start["status"] == 200 and body == Path(finders.find(STATIC_FILE)).read_bytes()
    etag = {name.lower(): value for name, value in start["headers"]}[b"etag"]
    assert asgi_request("GET", path, [(b"if-none-match", etag)]) == ({**start, "status": 304, "headers": ANY}, b"")
    head, body = asgi_request("HEAD", path)
    assert head["status"] == 200 and body == b""
    assert not [w for w in recwarn if "synchronous iterators" in str(w.message)]


def asgi_request(method, path, headers=()):
    """One request through ASGIHandler with a server's scope, receive and send."""
    messages = []
    received = []

    async def receive():
        if not received:
            received.append(True)
            return {"type": "http.request", "body": b"", "more_body": False}
        await asyncio.Event().wait()  # the client stays connected

    async def send(message):
        messages.append(message)

    scope = {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": method, "scheme": "http",
        "path": path, "raw_path": path.encode(), "query_string": b"", "root_path": "",
        "headers": [(b"host", b"testserver"), *headers], "client": ("127.0.0.1", 5000), "server": ("testserver", 80),
    }
    async_to_sync(ASGIHandler())(scope, receive, send)
    return messages[0], b"".join(message.get("body", b"") for message in messages[1:])


def test_a_file_body_is_read_in_blocks_and_closed(tmp_path):
    path = tmp_path / "big.bin"
    path.write_bytes(bytes(range(256)) * 1000)
    chunks = FileChunks(path.open("rb"))
    blocks = async_to_sync(_collect)(chunks)
    assert b"".join(blocks) == path.read_bytes() and len(blocks) == 4
    chunks.close()
    assert chunks.file.closed


async def _collect(chunks):
    return [block async for block in chunks]


@pytest.mark.django_db
def test_staff_without_2fa_are_sent_to_set_it_up_on_the_async_chain_too(async_client, settings):
    settings.PAINTY_STAFF_REQUIRE_2FA = True
    staff = get_user_model().objects.create_superuser("root@example.com", "root@example.com", "a-long-pass-77")
    async_client.force_login(staff)
    response = get(async_client, "/admin/")
    assert response.status_code == 302 and response["Location"] == "/accounts/2fa/"
    assert get(async_client, "/dashboard/").status_code == 200


def test_api_requests_and_probes_pass_the_middleware_without_a_thread(
    transactional_db, client, async_client, api_key, monkeypatch
):
    """Sessions, login and messages are for pages: an API call or a health probe never starts a
    session (no cookie, no Vary: Cookie). On the async chain neither hops to a thread for any
    middleware: not for those, nor for the security headers, CSRF or X-Frame-Options.
    (On the async chain the API view runs in the step pool, which sees only committed rows.)"""
    from asgiref import sync

    from painty import site_middleware

    hops = []
    original = sync.SyncToAsync.__call__

    async def counting(self, *args, **kwargs):
        hops.append(getattr(self.func, "__qualname__", repr(self.func)))
        return await original(self, *args, **kwargs)

    monkeypatch.setattr(sync.SyncToAsync, "__call__", counting)
    headers = {"Authorization": f"Bearer {api_key}"}
    for path in ("/healthz", "/api/v1/account"):
        response = async_to_sync(async_client.get)(path, headers=headers)
        assert response.status_code == 200
        assert "Set-Cookie" not in response and "Cookie" not in response.get("Vary", "")
    middleware = {"SessionMiddleware", "AuthenticationMiddleware", "MessageMiddleware", "CommonMiddleware",
                  "SecurityMiddleware", "CsrfViewMiddleware", "XFrameOptionsMiddleware"}
    assert not [hop for hop in hops if hop.split(".")[0] in middleware], hops
    assert site_middleware.is_page(client.get("/docs").wsgi_request)
    assert "csrftoken" in client.get("/accounts/login/").cookies  # pages keep their CSRF cookie and session


def test_a_form_is_refused_without_its_csrf_token_on_the_async_chain_too(db):
    """CSRF's hooks run inline on the async chain; checking a form's token still happens."""
    from django.test import AsyncClient

    browser = AsyncClient(enforce_csrf_checks=True)
    form = {"login": "nobody@example.com", "password": "not the password"}
    assert async_to_sync(browser.post)("/accounts/login/", form).status_code == 403
    token = async_to_sync(browser.get)("/accounts/login/").cookies["csrftoken"].value
    answered = async_to_sync(browser.post)("/accounts/login/", {**form, "csrfmiddlewaretoken": token})
    assert answered.status_code == 200 and b"not correct" in answered.content  # the form itself answers


def test_the_asgi_module_leaves_what_it_loaded_out_of_full_collections():
    """Full garbage collections walked Django, the URLconf and the engines' modules with the
    GIL held: 100–250 ms pauses of the event loop in a burst. What is loaded at import is frozen."""
    import gc

    import painty.asgi  # noqa: F401
    from painty import gc_tuning

    assert gc.get_freeze_count() > 50_000
    assert gc.get_threshold() == gc_tuning.THRESHOLDS
