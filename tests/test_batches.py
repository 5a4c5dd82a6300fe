"""POST /api/v1/batches: many images, one prompt, charged per image, refunded per failure, one zip, one webhook."""

import io
import json
import time
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from billing.ledger import balance_of
from photos.models import Batch, Job
from tests import images
from tests.test_completion_webhooks import Receiver

pytestmark = pytest.mark.django_db(transaction=True)  # the images run in other threads


def files(count: int, bad: tuple = ()) -> list:
    return [
        SimpleUploadedFile(f"p{i}.txt" if i in bad else f"p{i}.jpg", b"not an image" if i in bad else images.jpeg((64, 48)))
        for i in range(count)
    ]


def wait_finished(client, auth, batch_id: int, timeout=60) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        data = client.get(f"/api/v1/batches/{batch_id}", **auth).json()["data"]
        if data["status"] == "finished":
            return data
        time.sleep(0.05)
    raise AssertionError("the batch did not finish")


def test_fifty_images_with_two_bad_ones_charge_48_and_zip_48_results(client, auth, user, settings):
    from billing import ledger

    ledger.grant(user, 90, "admin", reason="credits for a batch")
    response = client.post("/api/v1/batches", {"prompt": "make it brighter", "images": files(50, bad=(7, 31))}, **auth)
    assert response.status_code == 202, response.content
    assert response["Location"].endswith(f"/api/v1/batches/{response.json()['data']['batchId']}")
    first = response.json()["data"]
    assert first["counts"]["rejected"] == 2 and first["creditsCharged"] == 48
    assert response["X-Credits-Charged"] == "48"

    data = wait_finished(client, auth, first["batchId"])
    assert data["counts"] == {"total": 50, "succeeded": 48, "failed": 0, "open": 0, "rejected": 2}
    assert [item["index"] for item in data["items"]] == list(range(50))
    rejected = [item for item in data["items"] if item["status"] == "rejected"]
    assert [(item["index"], item["error"]["code"]) for item in rejected] == [(7, "unsupported_format"), (31, "unsupported_format")]
    assert all(len(item["resultUrls"]) == 1 for item in data["items"] if item["status"] == "succeeded")
    assert balance_of(user) == 100 - 48

    archive = client.get(f"/api/v1/batches/{first['batchId']}/zip", **auth)
    assert archive.status_code == 200 and archive["Content-Type"] == "application/zip"
    names = zipfile.ZipFile(io.BytesIO(archive.content)).namelist()
    assert len(names) == 48 and names[0] == "01-result-1.jpg" and "08-result-1.jpg" not in names
    with zipfile.ZipFile(io.BytesIO(archive.content)) as opened:
        assert Image.open(io.BytesIO(opened.read(names[0]))).size == (64, 48)


def test_a_failed_image_is_refunded_and_the_rest_succeed(client, auth, user, settings, monkeypatch):
    from photos import rendering

    real = rendering.render

    def flaky(picture, prompt, *args, **kwargs):
        if picture.size == (65, 48):
            raise RuntimeError("the engine fell over")
        return real(picture, prompt, *args, **kwargs)

    monkeypatch.setattr(rendering, "render", flaky)
    uploads = [SimpleUploadedFile("a.jpg", images.jpeg((64, 48))), SimpleUploadedFile("b.jpg", images.jpeg((65, 48)))]
    response = client.post("/api/v1/batches", {"prompt": "make it brighter", "images": uploads}, **auth)
    data = wait_finished(client, auth, response.json()["data"]["batchId"])
    assert [item["status"] for item in data["items"]] == ["succeeded", "failed"]
    assert data["creditsCharged"] == 1 and balance_of(user) == 9


def test_out_of_credits_midway_rejects_the_rest_uncharged(client, auth, user):
    response = client.post("/api/v1/batches", {"prompt": "make it brighter", "images": files(12)}, **auth)
    data = wait_finished(client, auth, response.json()["data"]["batchId"])
    assert data["counts"]["succeeded"] == 10 and data["counts"]["rejected"] == 2
    assert {item["error"]["code"] for item in data["items"] if item["status"] == "rejected"} == {"insufficient_credits"}
    assert balance_of(user) == 0


def test_the_whole_batch_ending_sends_one_signed_webhook(client, auth, user, settings):
    settings.PAINTY_OUTBOUND_ALLOW_LOOPBACK = True
    receiver = Receiver()
    try:
        response = client.post(
            "/api/v1/batches", {"prompt": "make it brighter", "images": files(3, bad=(1,)), "webhook_url": receiver.url},
            **auth,
        )
        batch_id = response.json()["data"]["batchId"]
        [(headers, body)] = receiver.wait_for(1)
        time.sleep(0.3)
        assert len(receiver.calls) == 1  # one event for the batch, none per image
        event = json.loads(body)
        assert event["type"] == "batch.finished" and event["data"]["batchId"] == batch_id
        assert event["data"]["counts"]["succeeded"] == 2 and "webhook-signature" in {k.lower() for k in headers}
    finally:
        receiver.server.shutdown()


def test_image_urls_join_the_batch_and_a_bad_url_is_one_rejected_item(client, auth, user, settings):
    from tests.outbound_fakes import Server

    settings.PAINTY_OUTBOUND_ALLOW_LOOPBACK = True
    server = Server({"/a.jpg": (200, {}, images.jpeg((64, 48)))})
    try:
        response = client.post("/api/v1/batches", {
            "prompt": "make it brighter",
            "image_urls": [f"http://127.0.0.1:{server.port}/a.jpg", "https://10.0.0.1/b.jpg"],
        }, **auth)
        data = wait_finished(client, auth, response.json()["data"]["batchId"])
    finally:
        server.close()
    assert [item["status"] for item in data["items"]] == ["succeeded", "rejected"]
    assert data["items"][1]["error"]["code"] == "invalid_image_url"


@pytest.mark.parametrize(
    "fields, status, param",
    [
        ({"prompt": "brighter"}, 400, "images"),
        ({"images": "x"}, 400, "prompt"),
        ({"prompt": "brighter", "n": "2"}, 400, "n"),
        ({"prompt": "brighter", "format": "tiff"}, 400, "format"),
    ],
)
def test_bad_batches_are_refused_whole_and_cost_nothing(client, auth, user, fields, status, param):
    if param not in ("images", "prompt"):
        fields = {**fields, "images": files(1)}
    response = client.post("/api/v1/batches", fields, **auth)
    assert response.status_code == status and response.json()["error"]["param"] == param
    assert not Batch.objects.exists() and balance_of(user) == 10


def test_more_than_the_limit_is_refused(client, auth, user, settings):
    settings.PAINTY_MAX_BATCH_ITEMS = 3
    response = client.post("/api/v1/batches", {"prompt": "brighter", "images": files(4)}, **auth)
    assert response.status_code == 400 and response.json()["error"]["code"] == "too_many_files"
    assert not Job.objects.exists()


def test_someone_elses_batch_is_404_and_a_running_batchs_zip_is_409(client, auth, other_user, user):
    theirs = Batch.objects.create(user=other_user, prompt="x", size=1)
    assert client.get(f"/api/v1/batches/{theirs.pk}", **auth).status_code == 404
    assert client.get(f"/api/v1/batches/{theirs.pk}/zip", **auth).status_code == 404
    mine = Batch.objects.create(user=user, prompt="x", size=1)
    response = client.get(f"/api/v1/batches/{mine.pk}/zip", **auth)
    assert response.status_code == 409 and response.json()["error"]["code"] == "batch_running"


def test_an_account_runs_at_most_two_batches_at_once(client, auth, user, other_user):
    Batch.objects.create(user=user, prompt="x", size=1)
    Batch.objects.create(user=user, prompt="y", size=1)
    Batch.objects.create(user=other_user, prompt="theirs", size=1)
    response = client.post("/api/v1/batches", {"prompt": "brighter", "images": files(1)}, **auth)
    assert response.status_code == 429 and response.json()["error"]["code"] == "too_many_batches"
    assert int(response["Retry-After"]) >= 1
    assert Batch.objects.filter(user=user).count() == 2 and balance_of(user) == 10


def test_a_batch_over_its_total_size_is_413_before_anything_is_charged(client, auth, user, settings):
    settings.PAINTY_MAX_BATCH_MB = 1
    big = [SimpleUploadedFile(f"p{i}.jpg", images.jpeg((64, 48)) + b"\0" * 400_000) for i in range(3)]
    response = client.post("/api/v1/batches", {"prompt": "brighter", "images": big}, **auth)
    assert response.status_code == 413 and response.json()["error"]["code"] == "payload_too_large"
    assert not Batch.objects.exists() and balance_of(user) == 10
