"""Django's own limits on a request body (files, fields, field bytes) answer as
client errors in the API's JSON shape, not as a 500, and cost nothing."""

from django.core.files.uploadedfile import SimpleUploadedFile

from billing.ledger import balance_of
from photos.models import Job
from tests import images
from tests.test_photo_bad_input import assert_error


def assert_refused(response, status, code):
    assert_error(response, status, code)
    assert not Job.objects.exists()


def photo_form(**extra):
    return {"prompt": "brighten", "image": SimpleUploadedFile("p.jpg", images.jpeg((32, 24))), **extra}


def test_more_file_parts_than_django_allows_are_a_400(client, auth, settings):
    # 101 parts against the default of 100 take the same path; a lower limit keeps the test fast.
    settings.DATA_UPLOAD_MAX_NUMBER_FILES = 10
    files = {f"extra{number}": SimpleUploadedFile(f"{number}.txt", b"x") for number in range(10)}
    response = client.post("/api/v1/photo", photo_form(**files), **auth)
    assert_refused(response, 400, "too_many_files")


def test_1001_multipart_fields_are_a_400(client, auth):
    fields = {f"field{number}": "x" for number in range(1000)}
    response = client.post("/api/v1/photo", photo_form(**fields), **auth)
    assert_refused(response, 400, "too_many_fields")


def test_1001_urlencoded_fields_are_a_400(client, auth):
    body = "&".join(f"field{number}=x" for number in range(1001))
    response = client.post("/api/v1/photo", body, content_type="application/x-www-form-urlencoded", **auth)
    assert_refused(response, 400, "too_many_fields")


def test_form_fields_over_the_memory_limit_are_a_413(client, auth, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    response = client.post("/api/v1/photo", photo_form(notes="x" * 20_000), **auth)
    assert_refused(response, 413, "payload_too_large")


def test_a_form_within_the_limits_still_works(client, auth, user):
    fields = {f"field{number}": "x" for number in range(900)}
    response = client.post("/api/v1/photo", photo_form(**fields), **auth)
    assert response.status_code == 200, response.content
    assert Job.objects.get().status == Job.Status.SUCCEEDED
    assert balance_of(user) == 9
