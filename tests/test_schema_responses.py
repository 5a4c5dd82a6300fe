"""Live answers of the photo and account endpoints, for every documented status,
validated against the OpenAPI schema served at /api/v1/schema."""

from __future__ import annotations

import os

import pytest
from openapi_schema_validator import OAS30Validator, validate

from photos import engines
from photos.engines import EditResult, Engine, EngineTimeout, EngineUnavailable, UnsupportedPrompt
from photos.schema import API_ERRORS
from tests import images


class RaisingEngine(Engine):
    """A test engine that fails the way `error` says: in plan() for prompts, in edit() otherwise."""

    name = "raising"
    error: Exception | None = None

    def plan(self, prompt):
        if isinstance(self.error, UnsupportedPrompt):
            raise self.error
        return []

    def edit(self, image, prompt):
        if self.error is not None:
            raise self.error
        return EditResult(images=[image])


@pytest.fixture
def spec(client):
    response = client.get("/api/v1/schema")
    assert response.status_code == 200
    return response.json()


@pytest.fixture
def engine_raising(settings, monkeypatch):
    monkeypatch.setitem(engines.ENGINES, "raising", "tests.test_schema_responses:RaisingEngine")
    settings.PAINTY_ENGINE = "raising"

    def use(error: Exception):
        monkeypatch.setattr(RaisingEngine, "error", error)

    return use


def assert_documented(spec, path, method, response):
    responses = spec["paths"][path][method]["responses"]
    status = str(response.status_code)
    assert status in responses, f"{method.upper()} {path} answered {status}, which the schema does not document"
    schema = responses[status]["content"]["application/json"]["schema"]
    validate(response.json(), {**schema, "components": spec["components"]}, cls=OAS30Validator)
    return response.json()


def photo(spec, post_photo, expected: int, **kwargs):
    kwargs.setdefault("image", images.jpeg())
    response = post_photo(**kwargs)
    assert response.status_code == expected, response.content
    return assert_documented(spec, "/api/v1/photo", "post", response)


def test_a_successful_edit_matches_the_schema(spec, post_photo):
    body = photo(spec, post_photo, 200)
    assert body["data"]["resultUrls"]


def test_a_missing_image_gives_a_documented_400(spec, post_photo):
    body = photo(spec, post_photo, 400, image=None)
    assert body["error"]["param"] == "image"


def test_a_missing_key_gives_a_documented_401(spec, client, db):
    response = client.post("/api/v1/photo", {"prompt": "x"})
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert_documented(spec, "/api/v1/photo", "post", response)
    response = client.get("/api/v1/account", HTTP_AUTHORIZATION="Bearer pk_live_nope")
    assert response.status_code == 401
    assert_documented(spec, "/api/v1/account", "get", response)


def test_an_empty_balance_gives_a_documented_402(spec, post_photo, settings):
    settings.PAINTY_CREDITS_PER_IMAGE = 1000
    assert photo(spec, post_photo, 402)["error"]["code"] == "insufficient_credits"


def test_too_many_bytes_or_pixels_give_a_documented_413(spec, post_photo, settings):
    settings.PAINTY_MAX_UPLOAD_MB = 1
    assert photo(spec, post_photo, 413, image=os.urandom(1_200_000))["error"]["code"] == "file_too_large"
    settings.PAINTY_MAX_PIXELS = 1000
    assert photo(spec, post_photo, 413)["error"]["code"] == "image_too_large"


def test_reusing_an_idempotency_key_for_another_request_gives_a_documented_409(spec, post_photo):
    photo(spec, post_photo, 200, HTTP_IDEMPOTENCY_KEY="order-17")
    body = photo(spec, post_photo, 409, prompt="Something else", HTTP_IDEMPOTENCY_KEY="order-17")
    assert body["error"]["code"] == "idempotency_key_reused"


def test_a_dry_run_quote_matches_the_schema(spec, client, auth, post_photo):
    response = client.post("/api/v1/photo?dry_run=1", {"prompt": "x", "image": upload()}, **auth)
    assert response.status_code == 200, response.content
    assert assert_documented(spec, "/api/v1/photo", "post", response)["data"]["dryRun"] is True


def test_the_job_endpoints_answer_as_documented(spec, client, auth, post_photo):
    job_id = photo(spec, post_photo, 200)["data"]["jobId"]
    assert_documented(spec, "/api/v1/jobs", "get", client.get("/api/v1/jobs", **auth))
    assert_documented(spec, "/api/v1/jobs/{job_id}", "get", client.get(f"/api/v1/jobs/{job_id}", **auth))
    missing = client.get("/api/v1/jobs/999999", **auth)
    assert missing.status_code == 404
    assert_documented(spec, "/api/v1/jobs/{job_id}", "get", missing)
    bad_cursor = client.get("/api/v1/jobs?cursor=nope", **auth)
    assert bad_cursor.status_code == 400
    assert_documented(spec, "/api/v1/jobs", "get", bad_cursor)
    deleted = client.delete(f"/api/v1/jobs/{job_id}", **auth)
    assert assert_documented(spec, "/api/v1/jobs/{job_id}", "delete", deleted)["data"]["status"] == "expired"


def upload():
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("photo.jpg", images.jpeg())


def test_a_file_that_is_no_image_gives_a_documented_415(spec, post_photo):
    assert photo(spec, post_photo, 415, image=b"plain text, not pixels")["error"]["code"] == "unsupported_format"


def test_a_prompt_the_engine_cannot_do_gives_a_documented_422(spec, post_photo, engine_raising):
    engine_raising(UnsupportedPrompt("This engine cannot add unicorns."))
    assert photo(spec, post_photo, 422)["error"]["message"] == "This engine cannot add unicorns."


def test_going_over_the_rate_limit_gives_a_documented_429(spec, client, auth, post_photo, settings):
    settings.PAINTY_RATE_LIMIT = "1/m"
    assert client.get("/api/v1/account", **auth).status_code == 200
    response = client.get("/api/v1/account", **auth)
    assert response.status_code == 429
    assert int(response["Retry-After"]) >= 1
    assert_documented(spec, "/api/v1/account", "get", response)
    photo(spec, post_photo, 429)


@pytest.mark.parametrize(
    "error, status, code",
    [
        (RuntimeError("boom"), 500, "internal_error"),
        (EngineUnavailable("the model is not loaded"), 503, "engine_unavailable"),
        (EngineTimeout("the provider did not answer"), 504, "timeout"),
    ],
)
def test_engine_failures_give_documented_errors(spec, post_photo, engine_raising, error, status, code):
    engine_raising(error)
    assert photo(spec, post_photo, status)["error"]["code"] == code


def test_the_account_answer_matches_the_schema(spec, client, auth):
    response = client.get("/api/v1/account", **auth)
    assert response.status_code == 200
    assert_documented(spec, "/api/v1/account", "get", response)


@pytest.mark.django_db(transaction=True)  # the accepted job runs on in another thread
def test_an_async_request_gives_a_documented_202(spec, post_photo):
    body = photo(spec, post_photo, 202, HTTP_PREFER="respond-async")
    assert body["data"]["status"] in ("queued", "running", "succeeded")


def test_a_key_used_from_a_foreign_ip_gives_a_documented_403(spec, post_photo, user):
    from accounts.models import ApiKey

    ApiKey.objects.filter(user=user).update(allowed_ips="203.0.113.0/24")
    assert photo(spec, post_photo, 403)["error"]["code"] == "ip_not_allowed"


def test_the_schema_documents_exactly_the_statuses_driven_above(spec):
    driven = {200, 202, 400, 401, 402, 403, 409, 413, 415, 422, 429, 500, 503, 504}
    assert {int(status) for status in spec["paths"]["/api/v1/photo"]["post"]["responses"]} == driven
    assert {info.status for info in API_ERRORS} == driven - {200, 202} | {404}  # 404: the job endpoints
