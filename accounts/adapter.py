"""allauth hooks for Painty."""

from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context

from painty import mail

from .signup import SELF_SIGNUP


def user_display(user) -> str:
    """How pages and messages name an account: its email (the username is internal)."""
    return user.email or user.get_username()


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request, user, form, commit=True):
        # A public sign-up: its credits wait for a verified email (accounts.signup).
        setattr(user, SELF_SIGNUP, True)
        return super().save_user(request, user, form, commit=commit)

    def format_email_subject(self, subject: str) -> str:
        return mail.subject_line(subject)

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """allauth's emails name the site from settings (painty.mail.site), not from
        django.contrib.sites' row, whose default is "example.com"."""
        request = allauth_context.request
        ctx = {"request": request, "email": email, **mail.context(request), **context}
        self.render_mail(template_prefix, email, ctx).send()

    def render_mail(self, template_prefix, email, context, headers=None):
        """Every allauth email with a plain-text and an HTML part."""
        message = super().render_mail(template_prefix, email, context, headers=headers)
        current = context.get("current_site")
        if not isinstance(current, mail.Site):
            current = mail.site(context.get("request"))
        if message.content_subtype == "html":  # an HTML-only template: keep it as the alternative
            return message
        return mail.add_html_part(message, current)
