"""The admin carries the site's name and colours, /favicon.ico exists, and the
ledger list shows each entry's own balance only."""

from django.contrib.auth import get_user_model

from billing import ledger
from billing.models import LedgerEntry


def log_in_admin(client):
    admin = get_user_model().objects.create_superuser("root@example.com", "root@example.com", "pw-admin-123")
    client.force_login(admin)
    return admin


def test_the_admin_is_branded_with_the_site_name(client, db, settings):
    log_in_admin(client)
    html = client.get("/admin/").content.decode()
    assert "Django administration" not in html and "Django site admin" not in html
    assert "Painty admin" in html
    assert 'href="/static/css/admin.css"' in html
    assert 'rel="icon" href="/static/favicon.svg"' in html


def test_the_favicon_is_served_at_the_root(client, db):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/vnd.microsoft.icon"
    body = b"".join(response.streaming_content)
    assert body[:4] == b"\x00\x00\x01\x00"  # an ICO header
    assert "max-age" in response["Cache-Control"]


def test_the_ledger_list_shows_the_balance_after_each_entry_not_the_current_one(client, user):
    log_in_admin(client)
    ledger.grant(user, 5, LedgerEntry.Kind.ADMIN, reason="Goodwill")  # 10 → 15
    ledger.grant(user, 7, LedgerEntry.Kind.ADMIN, reason="More goodwill")  # 15 → 22
    html = client.get("/admin/billing/ledgerentry/").content.decode()
    assert "22 credits" not in html and "— 22" not in html
    assert '<td class="field-balance_after">15</td>' in html
    assert '<td class="field-balance_after">22</td>' in html
    assert '<td class="field-owner">alice@example.com</td>' in html
    entry = LedgerEntry.objects.filter(reason="Goodwill").get()
    detail = client.get(f"/admin/billing/ledgerentry/{entry.pk}/change/").content.decode()
    assert "Credit account of alice@example.com" in detail and "22 credits" not in detail


def test_a_superuser_without_credits_is_told_how_to_get_some(client, db):
    admin = log_in_admin(client)
    assert ledger.balance_of(admin) == 0  # staff get no sign-up grant
    html = client.get("/dashboard/").content.decode()
    assert 'data-testid="staff-credits"' in html
    assert 'href="/admin/billing/ledgerentry/add/"' in html


def test_customers_do_not_see_the_staff_note(client, user):
    client.force_login(user)
    assert 'data-testid="staff-credits"' not in client.get("/dashboard/").content.decode()
