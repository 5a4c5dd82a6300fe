"""A batch on the real stack: gunicorn, PostgreSQL, a Celery worker per image, S3 links, one zip."""

import io
import time
import zipfile

import requests

from tests import images

from . import harness


def test_a_batch_runs_each_image_on_celery_and_zips_the_results():
    email, key = harness.new_api_key(credits=5)
    headers = {"Authorization": f"Bearer {key}"}
    files = [("images", (f"p{i}.jpg", images.jpeg((96, 64)), "image/jpeg")) for i in range(3)]
    files.append(("images", ("bad.txt", b"not an image", "text/plain")))
    with harness.gunicorn(workers=1) as base:
        response = requests.post(base + "/api/v1/batches", headers=headers, data={"prompt": "make it brighter"},
                                 files=files, timeout=60)
        assert response.status_code == 202, response.text
        batch_url = base + response.headers["Location"]
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            data = requests.get(batch_url, headers=headers, timeout=10).json()["data"]
            if data["status"] == "finished":
                break
            time.sleep(0.2)
        archive = requests.get(batch_url + "/zip", headers=headers, timeout=30)
        account = requests.get(base + "/api/v1/account", headers=headers, timeout=10).json()["data"]

    assert data["counts"] == {"total": 4, "succeeded": 3, "failed": 0, "open": 0, "rejected": 1}
    for item in data["items"][:3]:
        assert requests.get(item["resultUrls"][0], timeout=10).status_code == 200  # presigned S3 links
    assert archive.status_code == 200
    assert len(zipfile.ZipFile(io.BytesIO(archive.content)).namelist()) == 3
    assert account["credits"] == 2
    assert [status for _, status, _ in harness.jobs_of(email)] == ["succeeded"] * 3
