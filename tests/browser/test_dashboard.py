"""The dashboard in chromium: the usage chart, the jobs filter and pages, revoking a key
after a confirmation that names it — at desktop and phone widths."""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone
from playwright.sync_api import expect

from accounts.models import ApiKey
from photos.models import Job

from .conftest import PHONE, log_in, shot

PASSWORD = "a-long-test-passphrase-42"


def history(user, key):
    """A month of made-up jobs: a few a day on most days, some failed."""
    now = timezone.now()
    count = 0
    for day in range(0, 30):
        for n in range((day * 7) % 5):
            status = Job.Status.FAILED if (day + n) % 6 == 0 else Job.Status.SUCCEEDED
            job = Job.objects.create(
                user=user, api_key=key, prompt=f"day {day} job {n}", engine="local", status=status, cost=1,
                token=f"hist-{day}-{n}", input_format="JPEG", expires_at=Job.retention_deadline(),
            )
            Job.objects.filter(pk=job.pk).update(created_at=now - timedelta(days=day, minutes=n))
            count += 1
    return count


def test_the_dashboard_charts_usage_filters_jobs_and_confirms_revoking(page, new_page):
    user = get_user_model().objects.create_user("dash@example.com", "dash@example.com", PASSWORD)
    key, _ = ApiKey.issue(user, "Production server")
    total = history(user, key)
    log_in(page, "dash@example.com", PASSWORD)

    chart = page.get_by_test_id("usage-chart")
    expect(chart).to_be_visible()
    assert page.locator("[data-testid=usage-chart] rect.bar-jobs").count() >= 20
    expect(page.get_by_test_id("usage-totals")).to_contain_text(f"{total} jobs")
    expect(page.get_by_test_id("job-page")).to_have_text(f"Page 1 of {-(-total // 20)} · {total} jobs")
    shot(page, "40-dashboard-usage")

    page.get_by_label("Status").select_option("failed")
    page.get_by_role("button", name="Filter").click()
    page.wait_for_url("**status=failed**")
    failed = Job.objects.filter(user=user, status="failed").count()
    expect(page.locator("#jobs tbody tr")).to_have_count(min(failed, 20))
    expect(page.locator("#jobs .pill.failed")).to_have_count(min(failed, 20))
    page.get_by_role("link", name="Show all").click()
    page.get_by_role("link", name="Older →").click()
    expect(page.get_by_test_id("job-page")).to_contain_text("Page 2 of")

    page.get_by_role("link", name="Revoke Production server").click()
    expect(page.get_by_role("heading", name="Revoke “Production server”?")).to_be_visible()
    expect(page.locator("main")).to_contain_text(key.masked)
    shot(page, "42-revoke-confirmation")
    page.get_by_role("link", name="Keep it").click()
    key.refresh_from_db()
    assert key.is_active
    page.get_by_role("link", name="Revoke Production server").click()
    page.get_by_role("button", name="Revoke “Production server”").click()
    expect(page.locator(".messages")).to_contain_text("was revoked")
    key.refresh_from_db()
    assert not key.is_active

    phone = new_page(PHONE)
    log_in(phone, "dash@example.com", PASSWORD)
    expect(phone.get_by_test_id("usage-chart")).to_be_visible()
    shot(phone, "41-phone-dashboard-usage")
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), "no sideways scrolling"
