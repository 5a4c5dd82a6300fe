"""allauth hooks for Painty."""

from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter

from .signup import SELF_SIGNUP


def user_display(user) -> str:
    """How pages and messages name an account: its email (the username is internal)."""
    return user.email or user.get_username()


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request, user, form, commit=True):
        # A public sign-up: its credits wait for a verified email (accounts.signup).
        setattr(user, SELF_SIGNUP, True)
        return super().save_user(request, user, form, commit=commit)
