"""Dashboard pages: balance, usage, API keys, jobs."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from billing import ledger
from photos.models import Job
from photos.storage import public_url

from . import usage
from .forms import ApiKeyForm, JobFilterForm, KeySettingsForm
from .keys import TooManyKeys, issue_key
from .models import ApiKey

JOBS_PER_PAGE = 20


@login_required
def dashboard(request):
    job_filter = JobFilterForm(request.user, request.GET or None)
    jobs = job_filter.filter(Job.objects.filter(user=request.user).select_related("api_key").order_by("-id"))
    page = Paginator(jobs, JOBS_PER_PAGE).get_page(request.GET.get("page"))
    for job in page:
        live = job.status == Job.Status.SUCCEEDED and job.result_names
        job.thumbnail_url = public_url(job.result_names[0], job.expires_at, request) if live else None
    kept = request.GET.copy()
    kept.pop("page", None)
    # The raw key is shown exactly once: right after creation, then dropped from the session.
    new_key = request.session.pop("new_api_key", None)
    return render(
        request,
        "accounts/dashboard.html",
        {
            "balance": ledger.balance_of(request.user),
            "keys": request.user.api_keys.all(),
            "jobs": page,
            "job_filter": job_filter,
            "filtered": job_filter.is_bound and any(job_filter.cleaned_data.get(name) for name in ("key", "status")),
            "filter_query": kept.urlencode(),
            "usage": usage.chart(request.user),
            "form": ApiKeyForm(),
            "new_key": new_key,
        },
    )


@login_required
@require_POST
def create_key(request):
    form = ApiKeyForm(request.POST)
    if form.is_valid():
        try:
            _, raw = issue_key(request.user, form.cleaned_data["name"], test=form.cleaned_data["test_mode"])
        except TooManyKeys as refused:
            messages.error(request, str(refused))
        else:
            request.session["new_api_key"] = raw
    else:
        messages.error(request, "Give the key a name of up to 100 characters.")
    return redirect("accounts:dashboard")


@login_required
def revoke_key(request, key_id: int):
    """GET asks "revoke this key?" naming it; POST revokes. A key can't be un-revoked, so one click is not enough."""
    key = get_object_or_404(ApiKey, pk=key_id, user=request.user)
    if request.method == "POST":
        if key.is_active:
            key.revoke()
            messages.success(request, f"Key “{key.name}” ({key.masked}) was revoked. Requests using it now get 401.")
        return redirect("accounts:dashboard")
    if not key.is_active:
        messages.info(request, f"Key “{key.name}” ({key.masked}) is already revoked.")
        return redirect("accounts:dashboard")
    return render(request, "accounts/revoke_key.html", {"key": key, "spent": key.credits_spent_this_month()})


@login_required
def key_settings(request, key_id: int):
    key = get_object_or_404(ApiKey, pk=key_id, user=request.user)
    form = KeySettingsForm(request.POST or None, instance=key)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, f"Settings for “{key.name}” saved.")
        return redirect("accounts:dashboard")
    return render(request, "accounts/key_settings.html", {"key": key, "form": form})


def admin_login(request):
    """/admin/login/ → the site's one login page, /accounts/login/.

    Django's admin login form has no throttle, so it would let anyone try
    passwords against staff accounts forever; allauth's login counts failures
    per address and per email (ACCOUNT_RATE_LIMITS) in the shared cache. A
    signed-in user without admin access is told so instead of being sent
    round the login loop."""
    target = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        target = "/admin/"
    if request.user.is_authenticated:
        if request.user.is_active and request.user.is_staff:
            return redirect(target)
        return render(request, "accounts/admin_denied.html", status=403)
    return redirect(f"/accounts/login/?{urlencode({'next': target})}")
