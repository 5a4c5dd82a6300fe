"""Waiting requests on a real ASGI server (uvicorn, in this process): they wait on the
event loop, not in the small pool of step threads; a client that hangs up leaves no
waiter, task or slot behind; a job restarted by another worker still answers its waiter."""

from __future__ import annotations

import socket
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests
from django.core.cache import cache

from accounts.models import ApiKey
from billing import ledger
from photos import concurrency, executors, lifecycle, services, tasks, waiting
from photos.models import Job
from tests import images


@pytest.fixture
def asgi_server(transactional_db, monkeypatch):
    """uvicorn serving painty.asgi's application (as production does) on a free loopback port."""
    import uvicorn

    from painty.asgi import application

    monkeypatch.setattr(executors, "_pools", {})  # fresh pools, sized by this test's settings
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = uvicorn.Config(application, host="127.0.0.1", port=port, lifespan="off", log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.02)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture
def key_of(django_user_model):
    def make(credits: int = 100):
        email = f"{uuid.uuid4().hex[:8]}@example.com"
        user = django_user_model.objects.create_user(email, email, "pw-12345678")
        ledger.grant(user, credits - ledger.balance_of(user), "admin", reason="test")
        return user, ApiKey.issue(user, "loop")[1]

    return make


def multipart(prompt: str = "brighten") -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    body = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="prompt"\r\n\r\n{prompt}\r\n'
        f'--{boundary}\r\nContent-Disposition: form-data; name="image"; filename="p.jpg"\r\n'
        "Content-Type: image/jpeg\r\n\r\n"
    ).encode() + images.jpeg() + f"\r\n--{boundary}--\r\n".encode()
    return body, f"multipart/form-data; boundary={boundary}"


def post(base: str, key: str, **headers) -> requests.Response:
    body, content_type = multipart()
    headers = {"Authorization": f"Bearer {key}", "Content-Type": content_type, **headers}
    return requests.post(f"{base}/api/v1/photo", data=body, headers=headers, timeout=30)


def raw_request(base: str, method: str, path: str, key: str, body: bytes = b"", content_type: str = "") -> socket.socket:
    """Send a request on a raw socket and return it unread (to hang up on the server)."""
    host, port = base.removeprefix("http://").split(":")
    sock = socket.create_connection((host, int(port)), timeout=10)
    head = f"{method} {path} HTTP/1.1\r\nHost: {host}\r\nAuthorization: Bearer {key}\r\n"
    if body:
        head += f"Content-Type: {content_type}\r\nContent-Length: {len(body)}\r\n"
    sock.sendall(head.encode() + b"\r\n" + body)
    return sock


def eventually(check, seconds: float = 5, message: str = "") -> None:
    deadline = time.monotonic() + seconds
    while not check():
        assert time.monotonic() < deadline, message or "the condition never held"
        time.sleep(0.02)


def slots_held(kind: str, user_id: int) -> int:
    return cache.get(concurrency._key(kind, user_id)) or 0


def test_forty_synchronous_requests_wait_together_with_two_step_threads(asgi_server, key_of, settings):
    """If a waiting request held a step thread, 40 one-second jobs on 2 threads would take 20 s."""
    settings.PAINTY_ECHO_DELAY = 1.0
    settings.PAINTY_STEP_THREADS = 2
    settings.PAINTY_MAX_WAITING_PER_ACCOUNT = 100
    _, key = key_of()
    started = time.monotonic()
    with ThreadPoolExecutor(40) as pool:
        responses = list(pool.map(lambda _: post(asgi_server, key), range(40)))
    elapsed = time.monotonic() - started
    assert [r.status_code for r in responses] == [200] * 40, responses[0].text
    assert all(r.json()["data"]["resultUrls"] for r in responses)
    assert elapsed < 8, f"40 waits of 1 s took {elapsed:.1f} s"
    assert Job.objects.filter(status=Job.Status.SUCCEEDED).count() == 40


def test_a_client_that_hangs_up_while_waiting_leaves_nothing_behind_and_its_job_finishes(
    asgi_server, key_of, settings
):
    settings.PAINTY_ECHO_DELAY = 1.0
    user, key = key_of(credits=5)
    body, content_type = multipart()
    sock = raw_request(asgi_server, "POST", "/api/v1/photo", key, body, content_type)
    eventually(lambda: Job.objects.filter(user=user).exists(), message="the job was never accepted")
    eventually(lambda: slots_held("waiting", user.pk) == 1, message="the request never waited")
    sock.close()  # the client is gone while its job runs

    # The job it paid for still finishes (and is charged once); then nothing is left over.
    eventually(lambda: Job.objects.get(user=user).status == Job.Status.SUCCEEDED, 10, "the job did not finish")
    eventually(lambda: slots_held("waiting", user.pk) == 0, message="the waiting slot was not given back")
    eventually(lambda: not waiting._running, message="the request's task is still running")
    assert waiting.hub.count() == 0
    assert ledger.balance_of(user) == 4


def test_a_client_that_hangs_up_while_being_charged_leaves_nothing_behind_either(
    asgi_server, key_of, settings, monkeypatch
):
    """Hung up before the answer was even accepted: the charge in progress completes, the job
    runs, and the waiting slot comes back (the step that charges can't be interrupted)."""
    settings.PAINTY_ECHO_DELAY = 0.2
    prepare = services.prepare

    def slow_prepare(*args, **kwargs):
        time.sleep(0.5)
        return prepare(*args, **kwargs)

    monkeypatch.setattr(services, "prepare", slow_prepare)
    user, key = key_of(credits=5)
    body, content_type = multipart()
    sock = raw_request(asgi_server, "POST", "/api/v1/photo", key, body, content_type)
    time.sleep(0.2)
    sock.close()  # while the request is still being checked and charged
    eventually(lambda: Job.objects.filter(user=user, status=Job.Status.SUCCEEDED).exists(), 10, "no job finished")
    eventually(lambda: slots_held("waiting", user.pk) == 0, message="the waiting slot was not given back")
    eventually(lambda: not waiting._running, message="the request's task is still running")
    assert waiting.hub.count() == 0
    assert ledger.balance_of(user) == 4


def test_a_stream_whose_client_hangs_up_before_it_starts_frees_its_slot(asgi_server, key_of, monkeypatch):
    from photos import api

    user, key = key_of()
    job = services.accept(user, None, "brighten", services.imaging.decode(images.jpeg()), "echo", [])
    own_job = api.own_job

    def slow_own_job(*args):
        time.sleep(0.5)
        return own_job(*args)

    monkeypatch.setattr(api, "own_job", slow_own_job)
    sock = raw_request(asgi_server, "GET", f"/api/v1/jobs/{job.pk}/events", key)
    time.sleep(0.2)
    sock.close()
    time.sleep(0.6)
    eventually(lambda: slots_held("stream", user.pk) == 0, message="the stream slot was not given back")
    eventually(lambda: not waiting._running)
    assert waiting.hub.count() == 0


def test_an_event_stream_whose_client_hangs_up_unsubscribes_and_frees_its_slot(asgi_server, key_of):
    user, key = key_of()
    job = services.accept(user, None, "brighten", services.imaging.decode(images.jpeg()), "echo", [])
    lifecycle.start(job)
    sock = raw_request(asgi_server, "GET", f"/api/v1/jobs/{job.pk}/events", key)
    received = b""
    while b"event: status" not in received:
        received += sock.recv(65536)
    assert received.startswith(b"HTTP/1.1 200")
    eventually(lambda: waiting.hub.count() == 1, message="the stream is not waiting on the job")
    assert slots_held("stream", user.pk) == 1
    sock.close()
    eventually(lambda: waiting.hub.count() == 0, message="the stream's subscription outlived its client")
    eventually(lambda: slots_held("stream", user.pk) == 0, message="the stream slot was not given back")
    lifecycle.succeed(job, "", [], [], [])  # nobody is listening any more: nothing to wake


def test_a_stream_on_the_loop_sees_each_change_as_it_happens(asgi_server, key_of):
    user, key = key_of()
    job = services.accept(user, None, "brighten", services.imaging.decode(images.jpeg()), "echo", [])
    times = {}

    seen = []

    def worker():
        eventually(lambda: seen and waiting.hub.count() == 1)  # the first event is out, the stream waits
        times["started"] = time.monotonic()
        lifecycle.start(job)
        time.sleep(0.3)
        times["finished"] = time.monotonic()
        lifecycle.succeed(job, "", [], [], [])

    threading.Thread(target=worker).start()
    with requests.get(f"{asgi_server}/api/v1/jobs/{job.pk}/events", headers={"Authorization": f"Bearer {key}"},
                      stream=True, timeout=10) as response:
        for line in response.iter_lines():
            if line.startswith(b"id: "):
                seen.append((line.decode().rsplit("-", 1)[1], time.monotonic()))
    assert [status for status, _ in seen] == ["queued", "running", "succeeded"]
    assert seen[1][1] - times["started"] < 0.5 and seen[2][1] - times["finished"] < 0.5


def test_a_waiting_request_is_answered_when_another_worker_restarts_its_job(asgi_server, key_of, settings, monkeypatch):
    """Celery mode: worker A takes the job and dies; the message goes to worker B, which
    runs the job again. The request, waiting on the job's events, gets B's result."""
    settings.CELERY_BROKER_URL = "memory://"
    queued = []  # each message as (args, kwargs): a small upload travels in kwargs
    monkeypatch.setattr(
        tasks.run_job, "apply_async", lambda args, kwargs=None, **options: queued.append((args, kwargs or {}))
    )
    user, key = key_of(credits=5)
    answer = {}
    client = threading.Thread(target=lambda: answer.update(response=post(asgi_server, key)))
    client.start()
    eventually(lambda: queued, message="the job was never queued")
    args, kwargs = queued[0]
    job = Job.objects.get(pk=args[0])
    lifecycle.start(job)  # worker A starts it ... and dies without a word
    time.sleep(0.3)
    assert "response" not in answer  # still waiting
    assert tasks.run_job(*args, **kwargs) == Job.Status.SUCCEEDED  # the same message, redelivered to worker B
    client.join(timeout=10)
    response = answer["response"]
    assert response.status_code == 200, response.text
    data = response.json()["data"]
    assert data["jobId"] == job.pk and data["resultUrls"]
    assert ledger.balance_of(user) == 4
    assert waiting.hub.count() == 0
