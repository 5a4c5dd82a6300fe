"""`?dry_run=1` validates everything and quotes the price, without charging or running."""

from billing.ledger import balance_of
from photos.models import Job
from tests import images


def test_dry_run_returns_the_plan_and_price_without_charging(client, auth, user):
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(
        "/api/v1/photo?dry_run=1",
        {"prompt": "Make the background clean and bright", "image": SimpleUploadedFile("p.jpg", images.jpeg())},
        **auth,
    )
    assert response.status_code == 200
    data = response.json()["data"]
    assert data["dryRun"] is True
    assert data["price"] == 1 and data["sufficientCredits"] is True
    assert data["image"] == {"format": "JPEG", "width": 320, "height": 240, "frames": 1}
    assert response["X-Credits-Charged"] == "0"
    assert balance_of(user) == 10
    assert not Job.objects.exists()


def test_dry_run_still_rejects_bad_input(client, auth, user):
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(
        "/api/v1/photo?dry_run=1",
        {"prompt": "brighten", "image": SimpleUploadedFile("p.jpg", b"<html></html>")},
        **auth,
    )
    assert response.status_code == 415


def test_dry_run_says_when_credits_are_short(client, auth, user):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from billing import ledger

    ledger.grant(user, -10, "admin", reason="empty")
    response = client.post(
        "/api/v1/photo?dry_run=true",
        {"prompt": "brighten", "image": SimpleUploadedFile("p.png", images.png())},
        **auth,
    )
    assert response.json()["data"]["sufficientCredits"] is False
