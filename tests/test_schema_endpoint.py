"""GET /api/v1/schema: a public, valid OpenAPI 3 description of the API, and its viewer."""

from __future__ import annotations

import re

import pytest
import yaml
from django.contrib.staticfiles import finders
from jsonschema import ValidationError
from openapi_schema_validator import OAS30Validator, validate
from openapi_spec_validator import validate as validate_spec


@pytest.fixture
def spec(client, db):
    response = client.get("/api/v1/schema")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.oai.openapi+json")
    return response.json()


def test_it_is_public_and_a_valid_openapi_3_document(spec):
    validate_spec(spec)
    assert spec["openapi"].startswith("3.")
    assert set(spec["paths"]) == {
        "/api/v1/photo",
        "/api/v1/batches",
        "/api/v1/batches/{batch_id}",
        "/api/v1/batches/{batch_id}/zip",
        "/api/v1/account",
        "/api/v1/jobs",
        "/api/v1/jobs/{job_id}",
        "/api/v1/jobs/{job_id}/events",
    }


def test_it_declares_http_bearer_security_on_every_operation(spec):
    schemes = spec["components"]["securitySchemes"]
    assert schemes == {"ApiKey": {"type": "http", "scheme": "bearer", "description": schemes["ApiKey"]["description"]}}
    for path in spec["paths"].values():
        for operation in path.values():
            assert operation["security"] == [{"ApiKey": []}]


def test_the_photo_body_is_multipart_with_a_binary_image_and_a_prompt(spec):
    body = spec["paths"]["/api/v1/photo"]["post"]["requestBody"]
    assert list(body["content"]) == ["multipart/form-data"]
    schema = body["content"]["multipart/form-data"]["schema"]
    assert schema["required"] == ["prompt"]
    assert schema["anyOf"] == [{"required": ["image"]}, {"required": ["image_url"]}]  # the file, or a URL of it
    assert schema["properties"]["image"] == {**schema["properties"]["image"], "type": "string", "format": "binary"}
    assert schema["properties"]["prompt"]["type"] == "string"


def test_every_error_status_shares_the_one_error_shape(spec):
    responses = spec["paths"]["/api/v1/photo"]["post"]["responses"]
    assert sorted(responses) == [
        "200", "202", "400", "401", "402", "403", "409", "413", "415", "422", "429", "500", "503", "504"
    ]
    for status, response in responses.items():
        ref = response["content"]["application/json"]["schema"]["$ref"]
        assert (ref == "#/components/schemas/Error") == (status not in ("200", "202"))
        assert "X-Credits-Remaining" in response["headers"]
    error = spec["components"]["schemas"]["ErrorDetail"]
    assert error["required"] == ["code", "message", "param"]
    assert error["properties"]["param"]["nullable"] is True


def test_the_schema_check_rejects_a_body_of_the_wrong_shape(spec):
    """The live-response tests rely on this: a body missing `param` must not pass."""
    schema = {**spec["paths"]["/api/v1/photo"]["post"]["responses"]["400"]["content"]["application/json"]["schema"]}
    with pytest.raises(ValidationError):
        body = {"status": "error", "error": {"code": "x", "message": "y"}}
        validate(body, {**schema, "components": spec["components"]}, cls=OAS30Validator)


def test_servers_and_limits_follow_the_settings(client, db, settings):
    settings.PAINTY_PUBLIC_URL = "https://api.painty.example"
    settings.PAINTY_MAX_UPLOAD_MB = 7
    settings.PAINTY_RATE_LIMIT = "5/m"
    spec = client.get("/api/v1/schema").json()
    assert spec["servers"][0]["url"] == "https://api.painty.example"
    assert "uploads up to 7 MB" in spec["info"]["description"]
    assert "5 requests per minute per API key" in spec["info"]["description"]


def test_it_also_speaks_yaml(client, db):
    response = client.get("/api/v1/schema?format=yaml")
    assert response.status_code == 200
    assert "/api/v1/photo" in yaml.safe_load(response.content)["paths"]


def test_errors_on_the_schema_path_are_json(client, db):
    response = client.post("/api/v1/schema")
    assert response.status_code == 405
    assert response.json()["error"]["code"] == "method_not_allowed"


def test_the_reference_page_uses_only_local_assets(client, db):
    response = client.get("/docs/reference")
    assert response.status_code == 200
    html = response.content.decode()
    # Swagger UI's initializer is a script file (no inline script under the CSP) that loads the schema.
    assert '<script src="/docs/reference?script="></script>' in html
    assert "/api/v1/schema" in client.get("/docs/reference?script=").content.decode()
    assert not re.search(r"""(src|href)=["']https?://""", html), "no CDN: the page must work offline"
    for asset in re.findall(r"""(?:src|href)=["']/static/([^"'?]+)""", html):
        assert finders.find(asset), f"{asset} is not shipped"


def test_the_docs_page_links_the_reference_and_the_schema(client, db):
    html = client.get("/docs").content.decode()
    assert 'href="/docs/reference"' in html
    assert 'href="/api/v1/schema"' in html


@pytest.mark.parametrize(
    "accept, content_type",
    [
        ("application/json", "application/json"),
        ("application/json, text/plain, */*", "application/json"),
        ("application/vnd.oai.openapi+json", "application/vnd.oai.openapi+json"),
        ("application/yaml", "application/yaml"),
        ("application/vnd.oai.openapi", "application/vnd.oai.openapi"),
        ("*/*", "application/vnd.oai.openapi+json"),
    ],
)
def test_it_answers_the_media_type_the_client_asks_for(client, db, accept, content_type):
    response = client.get("/api/v1/schema", HTTP_ACCEPT=accept)
    assert response.status_code == 200
    assert response["Content-Type"].split(";")[0] == content_type
    spec = response.json() if "json" in content_type else yaml.safe_load(response.content)
    assert "/api/v1/photo" in spec["paths"]


def test_a_media_type_it_cannot_produce_is_a_json_406(client, db):
    response = client.get("/api/v1/schema", HTTP_ACCEPT="image/png")
    assert response.status_code == 406
    assert response.json()["error"]["code"] == "not_acceptable"
