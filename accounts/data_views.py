"""The dashboard's "Your data": export it as JSON, or delete the account (accounts.erasure)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST
from django_ratelimit.core import is_ratelimited

from . import erasure

# Wrong passwords on the deletion form, per account: a borrowed session must not be
# a way to guess the password.
PASSWORD_ATTEMPTS = "5/15m"


@login_required
@require_GET
def export_data(request):
    """A JSON download of everything held about the signed-in account (and only that)."""
    response = JsonResponse(erasure.export(request.user, request), json_dumps_params={"indent": 2})
    response["Content-Disposition"] = f'attachment; filename="painty-data-{timezone.now():%Y-%m-%d}.json"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def delete_account(request):
    """Delete the signed-in account once its password is confirmed, then sign out."""
    user = request.user
    if is_ratelimited(request, group="delete-account", key="user", rate=PASSWORD_ATTEMPTS, increment=False):
        messages.error(request, "Too many wrong passwords. Wait a quarter of an hour, then try again.")
        return redirect("accounts:dashboard")
    if not user.check_password(request.POST.get("password", "")):
        is_ratelimited(request, group="delete-account", key="user", rate=PASSWORD_ATTEMPTS, increment=True)
        messages.error(
            request,
            "That is not your password, so nothing was deleted. (No password yet? Set one with "
            "“Forgot password” on the login page.)",
        )
        return redirect("accounts:dashboard")
    try:
        erasure.erase(user)
    except erasure.StoreRefused:
        messages.error(
            request,
            "File storage did not delete your files, so your account is not deleted yet; your API keys are "
            "revoked already. Please try again in a few minutes.",
        )
        return redirect("accounts:dashboard")
    logout(request)
    messages.success(
        request,
        "Your account was deleted: your files, prompts, keys and email address are gone. The credit ledger and "
        "orders are kept without your email, for accounting.",
    )
    return redirect("home")
