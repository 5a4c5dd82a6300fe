"""HTML pages carry a Content-Security-Policy, and no page needs inline code to work."""

from html.parser import HTMLParser

import pytest
from django.contrib.auth import get_user_model

from accounts.models import ApiKey
from painty import csp
from tests import images

HEADER = "Content-Security-Policy"


def directives(response) -> dict[str, list[str]]:
    value = response[HEADER]
    return {part.split()[0]: part.split()[1:] for part in value.split(";") if part.strip()}


class InlineCode(HTMLParser):
    """Collects what a strict CSP would block: inline <script>, on* handlers, <style> and style=."""

    def __init__(self):
        super().__init__()
        self.scripts, self.handlers, self.styles = [], [], []
        self._tag = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.handlers += [f"<{tag} {name}>" for name in attrs if name.startswith("on")]
        if "style" in attrs:
            self.styles.append(f"<{tag} style>")
        # json_script data blocks are not run, so CSP allows them.
        if tag == "script" and "src" not in attrs and attrs.get("type") != "application/json":
            self.scripts.append(tag)
        if tag == "style":
            self.styles.append("<style>")


def inline_code(response) -> InlineCode:
    parser = InlineCode()
    parser.feed(response.content.decode())
    return parser


@pytest.fixture
def signed_in(client, user, post_photo):
    post_photo(images.jpeg())  # the dashboard then shows a result thumbnail
    client.force_login(user)
    return client


PUBLIC_PAGES = ["/", "/docs", "/accounts/login/", "/accounts/signup/", "/accounts/password/reset/", "/billing/pricing"]
SIGNED_IN_PAGES = ["/dashboard/", "/docs", "/dashboard/webhooks", "/billing/", "/billing/success?checkout_id=chk_x", "/accounts/email/"]


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_pages_send_the_policy_and_have_no_inline_code(client, db, path):
    response = client.get(path)
    assert response.status_code == 200
    policy = directives(response)
    assert policy["default-src"] == ["'self'"] and policy["script-src"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"] and policy["style-src"] == ["'self'"]
    found = inline_code(response)
    assert (found.scripts, found.handlers, found.styles) == ([], [], [])


@pytest.mark.parametrize("path", SIGNED_IN_PAGES)
def test_signed_in_pages_send_the_policy_and_have_no_inline_code(signed_in, path):
    response = signed_in.get(path)
    assert response.status_code == 200, path
    assert directives(response)["script-src"] == ["'self'"]
    found = inline_code(response)
    assert (found.scripts, found.handlers, found.styles) == ([], [], [])


def test_the_dashboard_with_a_new_key_has_no_inline_code(client, user):
    client.force_login(user)
    client.post("/dashboard/keys/new", {"name": "Laptop"})
    response = client.get("/dashboard/")
    assert 'id="new-key"' in response.content.decode()
    found = inline_code(response)
    assert (found.scripts, found.handlers, found.styles) == ([], [], [])


def test_key_settings_have_no_inline_code(client, user):
    key, _ = ApiKey.issue(user, "Laptop")
    client.force_login(user)
    response = client.get(f"/dashboard/keys/{key.pk}/settings")
    assert HEADER in response
    found = inline_code(response)
    assert (found.scripts, found.handlers, found.styles) == ([], [], [])


def test_the_admin_sends_the_policy_and_has_no_inline_scripts(client, db):
    admin = get_user_model().objects.create_superuser("root@example.com", "root@example.com", "pw-admin-123")
    client.force_login(admin)
    for path in ("/admin/", "/admin/accounts/apikey/", "/admin/billing/ledgerentry/add/"):
        response = client.get(path)
        assert directives(response)["script-src"] == ["'self'"], path
        found = inline_code(response)
        assert (found.scripts, found.handlers) == ([], []), path


def test_the_swagger_ui_page_loads_its_initializer_as_a_script_file(client, db):
    page = client.get("/docs/reference")
    assert page.status_code == 200
    found = inline_code(page)
    assert (found.scripts, found.handlers, found.styles) == ([], [], [])
    policy = directives(page)
    assert policy["script-src"] == ["'self'"]
    # Swagger UI writes style attributes into rendered markdown: this page alone allows them.
    assert policy["style-src"] == ["'self'", "'unsafe-inline'"]
    script = client.get("/docs/reference?script=")
    assert script.status_code == 200 and script["Content-Type"].startswith("application/javascript")
    assert "SwaggerUIBundle" in script.content.decode() and "/api/v1/schema" in script.content.decode()


def test_api_json_responses_carry_no_page_policy(client, auth):
    assert HEADER not in client.get("/api/v1/account", **auth)


def test_images_may_come_from_data_blob_and_the_public_url(client, db, settings):
    settings.PAINTY_PUBLIC_URL = "https://api.painty.example"
    policy = directives(client.get("/docs"))
    assert policy["img-src"] == ["'self'", "data:", "blob:", "https://api.painty.example"]
    assert policy["connect-src"] == ["'self'", "https://api.painty.example"]


def test_presigned_links_from_a_custom_s3_endpoint_are_allowed_as_images(client, db, settings):
    settings.PAINTY_STORAGE = "s3"
    settings.AWS_S3_ENDPOINT_URL = "http://127.0.0.1:9000"
    assert "http://127.0.0.1:9000" in directives(client.get("/dashboard/", follow=True))["img-src"]


def test_presigned_links_from_aws_s3_are_allowed_as_images(settings):
    settings.PAINTY_STORAGE = "s3"
    settings.AWS_S3_ENDPOINT_URL = None
    settings.AWS_S3_REGION_NAME = "eu-west-1"
    assert csp.storage_origins() == ["https://s3.amazonaws.com", "https://s3.eu-west-1.amazonaws.com"]
