"""Every email names the site from settings (PAINTY_SITE_NAME, PAINTY_PUBLIC_URL) in its
subject and body, and has a plain-text and an HTML part."""

from __future__ import annotations

import re
from pathlib import Path

import allauth
import pytest
from allauth.account.adapter import get_adapter
from allauth.core import context as allauth_context
from django.core import mail as outbox_mail
from django.test import RequestFactory

from painty import mail

ALLAUTH_TEMPLATES = Path(allauth.__file__).parent / "templates"
ALLAUTH_EMAILS = sorted(
    str(path.relative_to(ALLAUTH_TEMPLATES)).removesuffix("_message.txt")
    for folder in ("account/email", "mfa/email")
    for path in (ALLAUTH_TEMPLATES / folder).glob("*_message.txt")
    if (path.parent / path.name.replace("_message.txt", "_subject.txt")).exists()  # not the base templates
)


def parts(message) -> tuple[str, str]:
    html = [content for content, mimetype in message.alternatives if mimetype == "text/html"]
    assert len(html) == 1, "one HTML part"
    return message.body, html[0]


def test_every_allauth_email_template_is_covered():
    assert "account/email/email_confirmation_signup" in ALLAUTH_EMAILS
    assert "account/email/password_reset_key" in ALLAUTH_EMAILS
    assert "mfa/email/totp_activated" in ALLAUTH_EMAILS
    assert len(ALLAUTH_EMAILS) >= 15


@pytest.mark.parametrize("prefix", ALLAUTH_EMAILS)
def test_each_allauth_email_names_the_site_from_settings_in_both_parts(prefix, user, settings):
    settings.PAINTY_SITE_NAME = "Pixelworks"
    settings.PAINTY_PUBLIC_URL = "https://api.pixelworks.example"
    request = RequestFactory().get("/", HTTP_HOST="internal-host:8000")
    request.user = user
    with allauth_context.request_context(request):
        adapter = get_adapter(request)
        ctx = {
            "request": request, "user": user, "email": user.email, **mail.context(request),
            "activate_url": "https://api.pixelworks.example/accounts/confirm-email/abc/",
            "password_reset_url": "https://api.pixelworks.example/accounts/password/reset/key/x-y/",
            "code": "123456", "signup_url": "https://api.pixelworks.example/accounts/signup/",
            "ip": "203.0.113.9", "user_agent": "Test <browser>", "timestamp": "2026-01-01 12:00",
            "from_email": "old@example.com", "to_email": "new@example.com", "deleted_email": "old@example.com",
        }
        message = adapter.render_mail(prefix, user.email, ctx)
    assert message.subject.startswith("[Pixelworks] "), message.subject
    text, html = parts(message)
    for body in (message.subject, text, html):
        assert "example.com!" not in body and "[example.com]" not in body
        assert "internal-host" not in body
    assert "Hello from Pixelworks!" in text and "Thank you for using Pixelworks!" in text
    assert "https://api.pixelworks.example" in text
    assert "Pixelworks" in html and 'href="https://api.pixelworks.example/"' in html
    assert "<browser>" not in html, "the text is escaped in the HTML part"


def test_the_sign_up_confirmation_email_is_branded_and_has_two_parts(client, db, settings):
    settings.PAINTY_SUPPORT_EMAIL = "help@painty.example"
    client.post(
        "/accounts/signup/",
        {"email": "new@example.com", "password1": "a-long-passphrase-77", "password2": "a-long-passphrase-77"},
    )
    message = outbox_mail.outbox[-1]
    assert message.subject == "[Painty] Please Confirm Your Email Address"
    text, html = parts(message)
    assert text.startswith("Hello from Painty!")
    assert "register an account on testserver" in text  # the request's host when PAINTY_PUBLIC_URL is unset
    link = re.search(r"http://testserver/accounts/confirm-email/\S+/", text).group(0)
    assert f'<a href="{link}"' in html, "the link is clickable in the HTML part"
    assert "Questions? Write to help@painty.example." in text
    assert 'href="mailto:help@painty.example"' in html


def test_the_password_reset_email_uses_the_public_url(client, user, settings):
    settings.PAINTY_PUBLIC_URL = "https://painty.example"
    client.post("/accounts/password/reset/", {"email": user.email})
    message = outbox_mail.outbox[-1]
    assert message.subject.startswith("[Painty] ")
    text, html = parts(message)
    assert "https://painty.example" in text and "example.com" not in text.replace("painty.example", "")
    assert "https://painty.example" in html


def test_html_part_keeps_paragraphs_and_line_breaks():
    current = mail.Site(name="Painty", domain="painty.example", url="https://painty.example")
    html = mail.html_part("Subject", "First line\nsecond line\n\nNext <paragraph> https://painty.example/x", current)
    assert "First line<br>\nsecond line" in html
    assert "Next &lt;paragraph&gt;" in html
    assert '<a href="https://painty.example/x"' in html


def test_a_mail_server_that_fails_is_logged_not_raised(settings, caplog, user):
    settings.EMAIL_BACKEND = "tests.test_emails.BrokenBackend"
    assert mail.send("billing/email/low_balance", user.email, {"user": user, "balance": 1, "threshold": 5}) is False
    assert "could not send billing/email/low_balance" in caplog.text


class BrokenBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("smtp down")
