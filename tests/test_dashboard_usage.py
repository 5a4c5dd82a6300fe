"""The dashboard: revoking a key asks first and names it; a 30-day usage chart with
totals; the jobs table pages and filters by key and status."""

from __future__ import annotations

import itertools
import re
from datetime import date, datetime, timedelta, timezone as dt_timezone

import pytest

from accounts import usage
from accounts.models import ApiKey
from photos.models import Job

tokens = itertools.count()


def make_job(user, key=None, status=Job.Status.SUCCEEDED, cost=1, when=None, prompt="brighten"):
    job = Job.objects.create(
        user=user, api_key=key, prompt=prompt, engine="echo", status=status, cost=cost, token=f"tok{next(tokens)}",
        input_format="JPEG", expires_at=Job.retention_deadline(),
    )
    if when is not None:
        Job.objects.filter(pk=job.pk).update(created_at=when)
    return job


class TestRevoking:
    def test_the_dashboard_links_to_a_confirmation_that_names_the_key(self, client, user):
        key, raw = ApiKey.issue(user, "Laptop")
        client.force_login(user)
        html = client.get("/dashboard/").content.decode()
        assert f'href="/dashboard/keys/{key.pk}/revoke" aria-label="Revoke Laptop"' in html
        page = client.get(f"/dashboard/keys/{key.pk}/revoke").content.decode()
        assert "Revoke “Laptop”?" in page and key.masked in page and "401" in page
        key.refresh_from_db()
        assert key.is_active, "looking at the question revokes nothing"
        assert client.get("/api/v1/account", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 200

    def test_confirming_revokes_it(self, client, user):
        key, raw = ApiKey.issue(user, "Laptop")
        client.force_login(user)
        response = client.post(f"/dashboard/keys/{key.pk}/revoke", follow=True)
        assert "Key “Laptop”" in response.content.decode() and "was revoked" in response.content.decode()
        assert client.get("/api/v1/account", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 401

    def test_an_already_revoked_key_is_said_so(self, client, user):
        key, _ = ApiKey.issue(user, "Old")
        key.revoke()
        client.force_login(user)
        response = client.get(f"/dashboard/keys/{key.pk}/revoke", follow=True)
        assert "is already revoked" in response.content.decode()
        assert client.post(f"/dashboard/keys/{key.pk}/revoke").status_code == 302

    def test_someone_elses_key_is_not_found(self, client, user, other_user):
        key, _ = ApiKey.issue(user, "Laptop")
        client.force_login(other_user)
        assert client.get(f"/dashboard/keys/{key.pk}/revoke").status_code == 404
        assert client.post(f"/dashboard/keys/{key.pk}/revoke").status_code == 404


class TestUsage:
    def test_days_count_jobs_and_credits_without_the_refunded_failures(self, user, other_user):
        today = date(2026, 3, 10)
        noon = datetime(2026, 3, 10, 12, tzinfo=dt_timezone.utc)
        make_job(user, when=noon)
        make_job(user, when=noon, cost=3)
        make_job(user, when=noon, status=Job.Status.FAILED)  # refunded: a job, not spent
        make_job(user, when=noon - timedelta(days=2), status=Job.Status.EXPIRED)  # its files are gone, the cost stays
        make_job(user, when=noon - timedelta(days=30))  # 31 days ago: outside
        make_job(other_user, when=noon)
        days = usage.daily(user, today)
        assert len(days) == 30 and days[0].day == date(2026, 2, 9) and days[-1].day == today
        assert (days[-1].credits, days[-1].jobs, days[-1].failed) == (4, 3, 1)
        assert (days[-3].credits, days[-3].jobs) == (1, 1)
        assert sum(d.jobs for d in days) == 4

    def test_days_are_utc_days(self, user):
        make_job(user, when=datetime(2026, 3, 9, 23, 59, tzinfo=dt_timezone.utc))
        make_job(user, when=datetime(2026, 3, 10, 0, 1, tzinfo=dt_timezone.utc))
        days = usage.daily(user, date(2026, 3, 10))
        assert (days[-2].jobs, days[-1].jobs) == (1, 1)

    @pytest.mark.parametrize("value, top", [(0, 1), (1, 1), (2, 2), (3, 5), (7, 10), (10, 10), (11, 20), (260, 500)])
    def test_the_axis_ends_on_a_round_number(self, value, top):
        assert usage.nice_top(value) == top

    def test_the_chart_draws_one_pair_of_bars_a_day_scaled_to_the_axis(self, user):
        noon = datetime(2026, 3, 10, 12, tzinfo=dt_timezone.utc)
        for _ in range(4):
            make_job(user, when=noon)
        chart = usage.chart(user, date(2026, 3, 10))
        assert len(chart.credit_bars) == len(chart.job_bars) == 30
        assert chart.top == 5 and chart.grid == [(0, 5), (100, 0)]
        last = chart.job_bars[-1]
        assert last.title == "Mar 10: 4 jobs"
        assert (last.y, last.height) == (20, 80)  # 4 of 5 on a 100-unit axis
        assert chart.credit_bars[0].height == 0
        assert len(chart.labels) == 30
        assert [text for text in chart.labels if text] == ["Feb 10", "Feb 17", "Feb 24", "Mar 3", "Mar 10"]

    def test_the_dashboard_shows_the_chart_and_the_totals(self, client, user):
        make_job(user)
        make_job(user, cost=2)
        make_job(user, status=Job.Status.FAILED)
        client.force_login(user)
        html = client.get("/dashboard/").content.decode()
        totals = re.search(r'data-testid="usage-totals">(.*?)</p>', html).group(1)
        assert re.sub("<[^>]+>", "", totals) == "3 credits spent · 3 jobs · 1 failed (refunded)"
        assert '<svg viewBox="0 0 300 100" preserveAspectRatio="none" role="img"' in html
        assert html.count('class="bar-jobs"') == 1 and "3 jobs, 1 failed</title>" in html

    def test_a_new_account_sees_an_empty_chart_and_says_so(self, client, user):
        client.force_login(user)
        html = client.get("/dashboard/").content.decode()
        totals = re.search(r'data-testid="usage-totals">(.*?)</p>', html).group(1)
        assert re.sub("<[^>]+>", "", totals) == "0 credits spent · 0 jobs"
        assert "Nothing yet" in html and 'class="bar-' not in html


class TestJobsTable:
    def test_it_pages_twenty_at_a_time_newest_first(self, client, user):
        jobs = [make_job(user, prompt=f"prompt number {n}") for n in range(45)]
        client.force_login(user)
        first = client.get("/dashboard/").content.decode()
        assert "Page 1 of 3 · 45 jobs" in first
        assert f"#{jobs[-1].pk}<" in first and f"#{jobs[24].pk}<" not in first
        assert 'href="?page=2#jobs" rel="next"' in first
        last = client.get("/dashboard/?page=3").content.decode()
        assert f"#{jobs[0].pk}<" in last and last.count('data-label="Job"') == 5
        assert 'href="?page=2#jobs" rel="prev"' in last

    @pytest.mark.parametrize("page, number", [("abc", 1), ("999", 3), ("-1", 3), ("", 1), ("99999999999999999999999", 3)])
    def test_a_bad_page_number_shows_a_page_not_an_error(self, client, user, page, number):
        for n in range(45):
            make_job(user)
        client.force_login(user)
        response = client.get(f"/dashboard/?page={page}")
        assert response.status_code == 200
        assert f"Page {number} of 3" in response.content.decode()

    def test_it_filters_by_key_and_status_and_keeps_the_filter_across_pages(self, client, user):
        laptop, _ = ApiKey.issue(user, "Laptop")
        server, _ = ApiKey.issue(user, "Server")
        for n in range(25):
            make_job(user, key=laptop, prompt="laptop job")
        make_job(user, key=laptop, status=Job.Status.FAILED, prompt="laptop failure")
        make_job(user, key=server, prompt="server job")
        client.force_login(user)
        html = client.get(f"/dashboard/?key={server.pk}").content.decode()
        assert "server job" in html and "laptop job" not in html
        html = client.get("/dashboard/?status=failed").content.decode()
        assert "laptop failure" in html and "laptop job" not in html and "server job" not in html
        html = client.get(f"/dashboard/?key={laptop.pk}&status=succeeded").content.decode()
        assert "Page 1 of 2 · 25 jobs" in html
        assert f'href="?key={laptop.pk}&amp;status=succeeded&amp;page=2#jobs"' in html
        assert f'<option value="{laptop.pk}" selected>Laptop ({laptop.masked})</option>' in html

    def test_revoked_keys_can_still_be_picked(self, client, user):
        old, _ = ApiKey.issue(user, "Old")
        make_job(user, key=old, prompt="from the old key")
        old.revoke()
        client.force_login(user)
        html = client.get(f"/dashboard/?key={old.pk}").content.decode()
        assert "from the old key" in html and f"Old ({old.masked}) — revoked" in html

    @pytest.mark.parametrize("query, message", [
        ("key=abc", "That key is not one of yours"),
        ("key=99999999999999999999999999", "That key is not one of yours"),
        ("key=-1", "That key is not one of yours"),
        ("status=exploded", "Unknown status exploded"),
    ])
    def test_a_bad_filter_is_explained_and_ignored(self, client, user, query, message):
        make_job(user, prompt="visible anyway")
        client.force_login(user)
        response = client.get(f"/dashboard/?{query}")
        assert response.status_code == 200
        html = response.content.decode()
        assert message in html and "visible anyway" in html

    def test_someone_elses_key_is_not_a_filter(self, client, user, other_user):
        theirs, _ = ApiKey.issue(other_user, "Theirs")
        make_job(other_user, key=theirs, prompt="their secret job")
        make_job(user, prompt="my job")
        client.force_login(user)
        html = client.get(f"/dashboard/?key={theirs.pk}").content.decode()
        assert "That key is not one of yours" in html
        assert "their secret job" not in html and "my job" in html

    def test_no_match_says_so(self, client, user):
        make_job(user)
        client.force_login(user)
        assert "No jobs match this filter." in client.get("/dashboard/?status=running").content.decode()
