"""PAINTY_STAFF_REQUIRE_2FA: the admin opens only to staff who have set up two-factor
authentication; the others are sent to set it up first.

The admin is where staff powers live (credits, keys, accounts, erasure), so that is
what is closed; the rest of the site treats a staff member like any customer. Staff
sign in through the site's own login (accounts.views.admin_login), which asks for the
second factor once it is set up.

It works on a sync chain and an async one (the ASGI server): on the async chain the
check, which reads the session, the user and their authenticators, runs in a thread,
and only for admin paths."""

from __future__ import annotations

from allauth.mfa.utils import is_mfa_enabled
from asgiref.sync import sync_to_async
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse

from painty.middleware import DualModeMiddleware


class StaffTwoFactorMiddleware(DualModeMiddleware):
    def __call__(self, request):
        if self.async_mode:
            return self.__acall__(request)
        if self.guards(request) and self.needs_second_factor(request):
            return self.set_up_first(request)
        return self.get_response(request)

    async def __acall__(self, request):
        if self.guards(request) and await sync_to_async(self.needs_second_factor)(request):
            return self.set_up_first(request)
        return await self.get_response(request)

    @staticmethod
    def guards(request) -> bool:
        """The request is for the admin (other than its login page) and the setting is on."""
        if not settings.PAINTY_STAFF_REQUIRE_2FA:
            return False
        return request.path.startswith(reverse("admin:index")) and not request.path.startswith(reverse("admin-login"))

    @staticmethod
    def needs_second_factor(request) -> bool:
        user = request.user
        return user.is_authenticated and user.is_active and user.is_staff and not is_mfa_enabled(user)

    @staticmethod
    def set_up_first(request):
        messages.warning(
            request,
            "Staff accounts need two-factor authentication before the admin opens: "
            "set up an authenticator app below.",
        )
        return redirect("mfa_index")
