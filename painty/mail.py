"""Every email Painty sends, one way: a subject and a plain-text body from templates,
and an HTML part made from that text in the site's layout.

allauth's emails (sign-up, password reset, security notices, two-factor) go through
accounts.adapter, billing's (receipts, low balance) through `send` below; both use
`site` for the name and address they mention, so no email says "example.com"
(django.contrib.sites' default row) or disagrees with the pages about who we are.

The HTML part is built from the text rather than kept as a second template per
email, so the two parts can't tell different stories: the text is escaped, its
links made clickable, its paragraphs kept."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils.html import urlize
from django.utils.safestring import mark_safe

from .links import absolute_url

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Site:
    """What emails call the site: PAINTY_SITE_NAME, and PAINTY_PUBLIC_URL (else the request's host).
    Shaped like django.contrib.sites' Site (`name`, `domain`), which allauth's templates read."""

    name: str
    domain: str
    url: str  # absolute, without a trailing slash; empty when neither a public URL nor a request is known

    def link(self, path: str) -> str:
        """An absolute link to `path` for an email body, or "" when there is no address to build it on."""
        return self.url + path if self.url else ""


def site(request=None) -> Site:
    url = absolute_url("/", request).rstrip("/")
    if not urlsplit(url).netloc:
        url = ""
    return Site(name=settings.PAINTY_SITE_NAME, domain=urlsplit(url).netloc or settings.PAINTY_SITE_NAME, url=url)


def context(request=None) -> dict:
    """What every email template may use."""
    current = site(request)
    return {"current_site": current, "site_name": current.name, "support_email": settings.PAINTY_SUPPORT_EMAIL}


def subject_line(text: str) -> str:
    return f"[{settings.PAINTY_SITE_NAME}] " + " ".join(text.splitlines()).strip()


def html_part(subject: str, text: str, current: Site) -> str:
    """The text body as HTML in the site's email layout: escaped, links clickable, paragraphs kept."""
    paragraphs = [part.strip() for part in text.replace("\r\n", "\n").split("\n\n") if part.strip()]
    blocks = [mark_safe("<br>\n".join(urlize(line, autoescape=True) for line in part.split("\n"))) for part in paragraphs]
    return render_to_string("emails/layout.html", {"subject": subject, "paragraphs": blocks, "current_site": current,
                                                   "support_email": settings.PAINTY_SUPPORT_EMAIL})


def add_html_part(message: EmailMultiAlternatives, current: Site) -> EmailMultiAlternatives:
    """Give a text-only message its HTML part (a message that has one keeps it)."""
    if not any(mimetype == "text/html" for _, mimetype in getattr(message, "alternatives", [])):
        subject = message.subject.removeprefix(f"[{settings.PAINTY_SITE_NAME}] ")
        message.attach_alternative(html_part(subject, message.body, current), "text/html")
    return message


def build(template_prefix: str, to: str, extra: dict | None = None, request=None) -> EmailMultiAlternatives:
    """`<prefix>_subject.txt` and `<prefix>_message.txt` rendered into a two-part message to `to`."""
    ctx = {**context(request), **(extra or {})}
    subject = subject_line(render_to_string(f"{template_prefix}_subject.txt", ctx))
    body = render_to_string(f"{template_prefix}_message.txt", ctx).strip()
    message = EmailMultiAlternatives(subject, body, settings.DEFAULT_FROM_EMAIL, [to])
    return add_html_part(message, ctx["current_site"])


def send(template_prefix: str, to: str, extra: dict | None = None, request=None) -> bool:
    """Send one email now; a mail server that fails is logged, never raised into the caller
    (a receipt that can't go out must not undo the payment that earned it)."""
    if not to:
        return False
    message = build(template_prefix, to, extra, request)  # a template error is a bug: raised
    try:
        message.send()
    except Exception:  # noqa: BLE001 — SMTP, DNS, TLS: whatever broke, the caller's work stands
        log.exception("could not send %s to %s", template_prefix, to)
        return False
    return True
