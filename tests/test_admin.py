"""Admins adjust credits through ledger entries with a reason, and see jobs and keys."""

from django.contrib.auth import get_user_model

from billing import ledger
from billing.models import LedgerEntry
from tests import images


def staff_client(client, db):
    admin = get_user_model().objects.create_superuser("root@example.com", "root@example.com", "pw-admin-123")
    client.force_login(admin)
    return admin


def test_an_admin_grants_credits_with_a_reason(client, user):
    admin = staff_client(client, user)
    response = client.post(
        "/admin/billing/ledgerentry/add/", {"user": user.pk, "amount": 25, "reason": "Conference giveaway"}
    )
    assert response.status_code == 302, response.content[:500]
    assert ledger.balance_of(user) == 35
    entry = LedgerEntry.objects.get(kind="admin")
    assert (entry.amount, entry.reason, entry.created_by) == (25, "Conference giveaway", admin)


def test_an_admin_takes_credits(client, user):
    staff_client(client, user)
    client.post("/admin/billing/ledgerentry/add/", {"user": user.pk, "amount": -4, "reason": "Abuse"})
    assert ledger.balance_of(user) == 6


def test_an_adjustment_needs_a_reason_and_a_non_zero_amount(client, user):
    staff_client(client, user)
    client.post("/admin/billing/ledgerentry/add/", {"user": user.pk, "amount": 5, "reason": ""})
    client.post("/admin/billing/ledgerentry/add/", {"user": user.pk, "amount": 0, "reason": "x"})
    assert ledger.balance_of(user) == 10


def test_the_balance_cannot_be_edited_directly(client, user):
    staff_client(client, user)
    account = ledger.account_for(user)
    client.post(f"/admin/billing/creditaccount/{account.pk}/change/", {"balance": 9999})
    assert ledger.balance_of(user) == 10


def test_admin_pages_list_jobs_keys_and_entries(client, user, post_photo):
    post_photo(images.jpeg())
    staff_client(client, user)
    for url in [
        "/admin/photos/job/",
        "/admin/accounts/apikey/",
        "/admin/billing/ledgerentry/",
        "/admin/billing/creditaccount/",
    ]:
        assert client.get(url).status_code == 200, url
    from photos.models import Job

    page = client.get(f"/admin/photos/job/{Job.objects.get().pk}/change/").content.decode()
    assert "/files/jobs/" in page and "<img" in page
    assert "pk_live_" not in client.get("/admin/accounts/apikey/").content.decode().replace("pk_live_…", "")
