"""Result links are unguessable, signed, expire with retention, and vanish after purge."""

import time
from datetime import timedelta
from urllib.parse import parse_qs, urlparse

from django.core.management import call_command
from django.utils import timezone

from photos.models import Job
from tests import images


def path_and_query(url):
    parts = urlparse(url)
    return parts.path, parse_qs(parts.query)


def test_the_link_works_with_its_signature(client, post_photo):
    url = post_photo(images.jpeg()).json()["data"]["resultUrls"][0]
    path, query = path_and_query(url)
    assert len(path.split("/")[3]) >= 22  # ≥ 128-bit token
    response = client.get(path, {"expires": query["expires"][0], "sig": query["sig"][0]})
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"


def test_a_tampered_signature_is_403(client, post_photo):
    url = post_photo(images.jpeg()).json()["data"]["resultUrls"][0]
    path, query = path_and_query(url)
    response = client.get(path, {"expires": query["expires"][0], "sig": query["sig"][0][:-2] + "xx"})
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "invalid_signature"


def test_extending_the_expiry_breaks_the_signature(client, post_photo):
    url = post_photo(images.jpeg()).json()["data"]["resultUrls"][0]
    path, query = path_and_query(url)
    later = int(query["expires"][0]) + 86400
    assert client.get(path, {"expires": later, "sig": query["sig"][0]}).status_code == 403


def test_a_signature_for_one_file_does_not_open_another(client, post_photo):
    data = post_photo(images.jpeg()).json()["data"]
    original_path, _ = path_and_query(data["originalUrl"])
    _, result_query = path_and_query(data["resultUrls"][0])
    response = client.get(original_path, {"expires": result_query["expires"][0], "sig": result_query["sig"][0]})
    assert response.status_code == 403


def test_an_expired_link_is_410(client, post_photo, settings):
    settings.PAINTY_RETENTION_HOURS = 1 / 3600  # one second
    url = post_photo(images.jpeg()).json()["data"]["resultUrls"][0]
    path, query = path_and_query(url)
    time.sleep(1.2)
    response = client.get(path, {"expires": query["expires"][0], "sig": query["sig"][0]})
    assert response.status_code == 410


def test_purge_expired_deletes_files_and_marks_jobs_expired(client, post_photo, capsys):
    url = post_photo(images.jpeg()).json()["data"]["resultUrls"][0]
    job = Job.objects.get()
    from photos import storage

    names = job.file_names
    assert names and all(storage.exists(name) for name in names)
    Job.objects.filter(pk=job.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    call_command("purge_expired")
    assert "Expired 1 jobs" in capsys.readouterr().out
    job.refresh_from_db()
    assert job.status == Job.Status.EXPIRED
    assert not any(storage.exists(name) for name in names)
    path, query = path_and_query(url)
    assert client.get(path, {"expires": query["expires"][0], "sig": query["sig"][0]}).status_code == 410


def test_purge_keeps_files_within_retention(post_photo):
    post_photo(images.jpeg())
    call_command("purge_expired")
    assert Job.objects.get().status == Job.Status.SUCCEEDED


def test_purge_refunds_jobs_stuck_running(user, settings):
    from billing import ledger
    from photos import services
    from photos.imaging import decode

    job = services.accept(user, None, "brighten", decode(images.jpeg()), "echo", [])
    assert ledger.balance_of(user) == 9
    Job.objects.filter(pk=job.pk).update(
        status=Job.Status.RUNNING, created_at=timezone.now() - timedelta(hours=1)
    )
    settings.PAINTY_JOB_TIMEOUT = 60
    call_command("purge_expired")
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED
    assert ledger.balance_of(user) == 10


def test_a_malformed_path_is_404(client):
    assert client.get("/files/jobs/../../etc/passwd").status_code == 404
