"""PAINTY_STAFF_REQUIRE_2FA: the admin opens only to staff who have set up two-factor
authentication; the others are sent to set it up first.

The admin is where staff powers live (credits, keys, accounts, erasure), so that is
what is closed; the rest of the site treats a staff member like any customer. Staff
sign in through the site's own login (accounts.views.admin_login), which asks for the
second factor once it is set up."""

from __future__ import annotations

from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse


class StaffTwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.PAINTY_STAFF_REQUIRE_2FA and self.needs_second_factor(request):
            messages.warning(
                request,
                "Staff accounts need two-factor authentication before the admin opens: "
                "set up an authenticator app below.",
            )
            return redirect("mfa_index")
        return self.get_response(request)

    @staticmethod
    def needs_second_factor(request) -> bool:
        admin = reverse("admin:index")
        if not request.path.startswith(admin) or request.path.startswith(reverse("admin-login")):
            return False
        user = request.user
        return user.is_authenticated and user.is_active and user.is_staff and not is_mfa_enabled(user)
