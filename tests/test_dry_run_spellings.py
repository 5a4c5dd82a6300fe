"""`?dry_run=` takes the usual spellings of true and false; anything else is a
400, never a real (charged) run."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from billing.ledger import balance_of
from photos.models import Job
from tests import images


def post(client, auth, query):
    upload = SimpleUploadedFile("p.jpg", images.jpeg((32, 24)))
    return client.post(f"/api/v1/photo{query}", {"prompt": "brighten", "image": upload}, **auth)


@pytest.mark.parametrize("value", ["1", "true", "TRUE", "Yes", "on", "ON"])
def test_truthy_spellings_are_a_dry_run(client, auth, user, value):
    response = post(client, auth, f"?dry_run={value}")
    assert response.status_code == 200, response.content
    assert response.json()["data"]["dryRun"] is True
    assert response["X-Credits-Charged"] == "0"
    assert not Job.objects.exists()
    assert balance_of(user) == 10


@pytest.mark.parametrize("query", ["?dry_run=0", "?dry_run=false", "?dry_run=No", "?dry_run=OFF", "?dry_run=", ""])
def test_falsy_spellings_run_for_real(client, auth, user, query):
    response = post(client, auth, query)
    assert response.status_code == 200, response.content
    assert "dryRun" not in response.json()["data"]
    assert Job.objects.get().status == Job.Status.SUCCEEDED
    assert balance_of(user) == 9


@pytest.mark.parametrize("value", ["maybe", "2", "y", "tru", "null"])
def test_anything_else_is_a_400_and_nothing_runs(client, auth, user, value):
    response = post(client, auth, f"?dry_run={value}")
    assert response.status_code == 400, response.content
    error = response.json()["error"]
    assert error["code"] == "invalid_parameter"
    assert error["param"] == "dry_run"
    assert not Job.objects.exists()
    assert balance_of(user) == 10


def test_an_unknown_value_is_refused_with_an_idempotency_key_too(client, auth, user):
    upload = SimpleUploadedFile("p.jpg", images.jpeg((32, 24)))
    response = client.post(
        "/api/v1/photo?dry_run=sure", {"prompt": "brighten", "image": upload}, HTTP_IDEMPOTENCY_KEY="k1", **auth
    )
    assert response.status_code == 400
    assert response.json()["error"]["param"] == "dry_run"
    assert not Job.objects.exists()
    assert balance_of(user) == 10
