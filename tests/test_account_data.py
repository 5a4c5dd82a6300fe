"""Your data on request: the dashboard exports it as JSON and deletes the account (password
confirmed); the admin can do both for a user. After deletion keys give 401, file links 410,
login fails, and the ledger and orders remain without the email."""

import json
from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from accounts import erasure
from accounts.models import ApiKey, Profile, erased_email
from billing import ledger
from billing.models import LedgerEntry, PolarOrder, WebhookEvent
from photos import storage
from photos.models import IdempotencyRecord, Job, WebhookDelivery
from tests import images
from tests.billing_fixtures import paid_order
from tests.storage_faults import break_storage

PASSWORD = "correct horse battery"  # the `user` fixture's
EMAIL = "alice@example.com"


@pytest.fixture
def history(client, user, auth, post_photo, deliver, pack):
    """Alice's account with everything it can hold: a job with files and a webhook delivery,
    an idempotent reply, a Polar order with its stored delivery, an admin grant naming her."""
    response = post_photo(images.jpeg(), prompt="Make my holiday photo bright", HTTP_IDEMPOTENCY_KEY="k-1")
    assert response.status_code == 200
    data = response.json()["data"]
    job = Job.objects.get(pk=data["jobId"])
    WebhookDelivery.objects.create(
        job=job,
        user=user,
        url="https://hooks.example.com/painty",
        event="job.succeeded",
        message_id="msg_job_1",
        payload={"data": {"prompt": job.prompt}},
    )
    ApiKey.objects.filter(user=user).update(webhook_url="https://hooks.example.com/painty", allowed_ips="127.0.0.0/8, 203.0.113.7")
    Profile.of(user)
    assert deliver("order.paid", paid_order(user), webhook_id="msg_order_1").status_code == 200
    ledger.grant(user, 5, LedgerEntry.Kind.ADMIN, reason=f"Goodwill for {EMAIL.upper()}")
    client.force_login(user)
    return {"job": job, "links": [data["originalUrl"], *data["resultUrls"]], "files": job.file_names}


def delete_account(client, password=PASSWORD):
    return client.post("/dashboard/data/delete", {"password": password})


# --- export ------------------------------------------------------------------------------


def test_export_requires_login(client, db):
    response = client.get("/dashboard/data/export")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_export_is_a_json_download_of_everything_without_secrets(client, user, api_key, history):
    response = client.get("/dashboard/data/export")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"].startswith('attachment; filename="painty-data-')
    assert response["Cache-Control"] == "no-store"
    data = json.loads(response.content)
    assert data["account"]["email"] == EMAIL
    assert data["account"]["credits"] == ledger.balance_of(user)
    assert data["account"]["lowBalanceEmailBelow"] is None
    assert data["account"]["emailAddresses"] == [{"email": EMAIL, "verified": True, "primary": True}]
    (key,) = data["apiKeys"]
    assert key["key"] == ApiKey.objects.get(user=user).masked and key["webhookUrl"] and key["allowedIps"]
    (job,) = data["jobs"]
    assert job["prompt"] == "Make my holiday photo bright" and job["resultUrls"]
    assert data["webhookDeliveries"][0]["url"] == "https://hooks.example.com/painty"
    assert {entry["kind"] for entry in data["ledger"]} == {"signup", "job", "purchase", "admin"}
    assert sum(entry["amount"] for entry in data["ledger"]) == ledger.balance_of(user)
    (order,) = data["orders"]
    assert (order["polarOrderId"], order["customerEmail"], order["credits"]) == ("ord_1", EMAIL, 100)
    text = response.content.decode()
    assert api_key not in text
    assert ApiKey.objects.get(user=user).key_hash not in text
    assert Profile.of(user).webhook_secret not in text


def test_the_export_links_open_the_files(client, history):
    job = json.loads(client.get("/dashboard/data/export").content)["jobs"][0]
    assert client.get(job["resultUrls"][0]).status_code == 200


def test_nobody_can_export_someone_elses_data(client, user, other_user, history):
    client.force_login(other_user)
    response = client.get(f"/dashboard/data/export?user={user.pk}&user_id={user.pk}")
    data = json.loads(response.content)
    assert data["account"]["email"] == "bob@example.com"
    assert data["jobs"] == [] and data["orders"] == [] and data["apiKeys"] == []
    assert EMAIL not in response.content.decode()


def test_export_only_answers_get(client, history):
    assert client.post("/dashboard/data/export").status_code == 405


# --- deletion from the dashboard ------------------------------------------------------------


def test_the_dashboard_offers_both_and_says_what_is_kept(client, history):
    page = client.get("/dashboard/").content.decode()
    assert 'href="/dashboard/data/export"' in page
    assert 'action="/dashboard/data/delete"' in page and 'name="password"' in page
    assert "ledger" in page and "anonymised" in page


def test_deleting_the_account_revokes_keys_deletes_files_and_removes_personal_data(
    client, user, api_key, auth, history
):
    ledger_before = list(LedgerEntry.objects.filter(account__user=user).values_list("id", "amount"))
    response = delete_account(client)
    assert response.status_code == 302 and response["Location"] == "/"
    assert "Your account was deleted" in client.get("/").content.decode()

    # Keys: 401.
    answer = client.get("/api/v1/account", **auth)
    assert answer.status_code == 401 and answer.json()["error"]["code"] == "invalid_api_key"
    assert not ApiKey.objects.filter(user=user, revoked_at__isnull=True).exists()
    # Files: gone from the store, links 410.
    assert not any(storage.exists(name) for name in history["files"])
    for link in history["links"]:
        gone = client.get(link)
        assert gone.status_code == 410 and gone.json()["status"] == "error"
    # Signed out, and signing in fails for good.
    assert client.get("/dashboard/").status_code == 302
    assert not client.login(username=EMAIL, password=PASSWORD)
    login = client.post("/accounts/login/", {"login": EMAIL, "password": PASSWORD})
    assert login.status_code == 200 and "_auth_user_id" not in client.session

    user.refresh_from_db()
    assert user.email == erased_email(user.pk) and user.username == f"deleted-{user.pk}"
    assert not user.is_active and not user.has_usable_password()
    assert not EmailAddress.objects.filter(user=user).exists()
    assert not EmailAddress.objects.filter(email__iexact=EMAIL).exists()
    job = Job.objects.get(pk=history["job"].pk)
    assert (job.status, job.prompt, job.file_names) == (Job.Status.EXPIRED, "", [])
    assert not WebhookDelivery.objects.filter(user=user).exists()
    assert not IdempotencyRecord.objects.filter(user=user).exists()
    assert not Profile.objects.filter(user=user).exists()
    key = ApiKey.objects.get(user=user)
    assert (key.webhook_url, key.allowed_ips) == ("", "")

    # Kept for accounting, without the email.
    assert list(LedgerEntry.objects.filter(account__user=user).values_list("id", "amount")) == ledger_before
    order = PolarOrder.objects.get(polar_order_id="ord_1")
    assert (order.user_id, order.credits, order.customer_email) == (user.pk, 100, "")
    assert not LedgerEntry.objects.filter(reason__icontains=EMAIL).exists()
    assert LedgerEntry.objects.filter(reason__contains=erased_email(user.pk)).exists()
    event = WebhookEvent.objects.get(webhook_id="msg_order_1")
    assert EMAIL not in json.dumps(event.payload) and event.body == "" and "Alice" not in json.dumps(event.payload)


def test_the_email_can_sign_up_again_as_a_new_account(client, user, history, settings):
    settings.ACCOUNT_EMAIL_VERIFICATION = "none"
    delete_account(client)
    response = client.post(
        "/accounts/signup/", {"email": EMAIL, "password1": "another pass 12345", "password2": "another pass 12345"}
    )
    assert response.status_code == 302
    fresh = get_user_model().objects.get(email=EMAIL)
    assert fresh.pk != user.pk and not Job.objects.filter(user=fresh).exists()


@pytest.mark.parametrize("password", ["wrong password", ""])
def test_a_wrong_password_deletes_nothing(client, user, api_key, auth, history, password):
    response = delete_account(client, password)
    assert response.status_code == 302 and response["Location"] == "/dashboard/"
    assert "not your password" in client.get("/dashboard/").content.decode()
    user.refresh_from_db()
    assert user.is_active and user.email == EMAIL
    assert client.get("/api/v1/account", **auth).status_code == 200
    assert all(storage.exists(name) for name in history["files"])
    assert client.get(history["links"][0]).status_code == 200


def test_repeated_wrong_passwords_are_refused_for_a_while(client, user, history):
    for _ in range(6):
        delete_account(client, "guess")
    delete_account(client, PASSWORD)  # even the right one, until the window passes
    user.refresh_from_db()
    assert user.is_active
    assert "Too many wrong passwords" in client.get("/dashboard/").content.decode()


def test_get_on_delete_is_405_and_deletes_nothing(client, user, history):
    assert client.get("/dashboard/data/delete", {"password": PASSWORD}).status_code == 405
    user.refresh_from_db()
    assert user.is_active


def test_delete_needs_login(client, user, db):
    response = client.post("/dashboard/data/delete", {"password": PASSWORD})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    user.refresh_from_db()
    assert user.is_active


def test_delete_is_csrf_protected(user, db):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(user)
    assert browser.post("/dashboard/data/delete", {"password": PASSWORD}).status_code == 403
    user.refresh_from_db()
    assert user.is_active


def test_only_the_signed_in_account_is_deleted(client, user, other_user, history):
    client.force_login(other_user)
    delete_account(client)  # bob's password is the same: bob is deleted, alice is not
    user.refresh_from_db()
    other_user.refresh_from_db()
    assert user.is_active and user.email == EMAIL
    assert not other_user.is_active
    assert all(storage.exists(name) for name in history["files"])


def test_other_sessions_of_the_account_end(user, history, client):
    elsewhere = Client()
    elsewhere.force_login(user)
    assert elsewhere.get("/dashboard/").status_code == 200
    delete_account(client)
    assert elsewhere.get("/dashboard/").status_code == 302


def test_a_store_that_refuses_stops_before_anything_personal_changes(client, user, api_key, auth, history, settings):
    break_storage(settings, "read_only")
    response = delete_account(client)
    assert response.status_code == 302 and response["Location"] == "/dashboard/"
    assert "not deleted yet" in client.get("/dashboard/").content.decode()
    user.refresh_from_db()
    assert user.is_active and user.email == EMAIL
    assert Job.objects.get().prompt == "Make my holiday photo bright"
    assert client.get("/api/v1/account", **auth).status_code == 401  # keys are revoked first
    # Once the store works again, the same request finishes the job.
    settings.STORAGES = {**settings.STORAGES, "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": str(settings.MEDIA_ROOT)}
    }}
    delete_account(client)
    user.refresh_from_db()
    assert not user.is_active
    assert not any(storage.exists(name) for name in history["files"])


def test_a_running_job_is_failed_and_a_late_result_is_purged(user, history):
    running = Job.objects.create(
        user=user,
        prompt="still running",
        engine="echo",
        token=storage.new_token(),
        input_format="JPEG",
        status=Job.Status.RUNNING,
        expires_at=Job.retention_deadline(),
    )
    erasure.erase(user)
    running.refresh_from_db()
    assert (running.status, running.error_code, running.prompt) == (Job.Status.FAILED, "account_deleted", "")
    # Its runner stores a result after the erasure: the next retention sweep deletes it.
    late = storage.save(storage.job_path(running.token, "result-1.jpg"), images.jpeg())
    call_command("purge_expired")
    assert not storage.exists(late)
    running.refresh_from_db()
    assert running.status == Job.Status.EXPIRED


def test_erasing_twice_is_harmless(user, history):
    erasure.erase(user)
    again = erasure.erase(user)
    assert (again.keys_revoked, again.files_deleted) == (0, 0)
    user.refresh_from_db()
    assert user.email == erased_email(user.pk)


def test_a_later_refund_of_an_erased_accounts_order_is_booked_without_the_email(client, user, history, deliver):
    erasure.erase(user)
    refund = paid_order(user, refunded=1000)
    assert deliver("order.refunded", refund, webhook_id="msg_order_2").status_code == 200
    order = PolarOrder.objects.get(polar_order_id="ord_1")
    assert order.customer_email == "" and order.credits_taken_back == 100
    assert LedgerEntry.objects.filter(account__user=user, kind="chargeback").exists()


# --- the admin -------------------------------------------------------------------------------


@pytest.fixture
def admin_browser(db):
    admin = get_user_model().objects.create_superuser("root@example.com", "root@example.com", "pw-admin-123")
    browser = Client()
    browser.force_login(admin)
    return browser, admin


def run_action(browser, action, users, **extra):
    return browser.post(
        "/admin/auth/user/", {"action": action, "_selected_action": [u.pk for u in users], **extra}
    )


def test_the_admin_exports_a_users_data(admin_browser, user, history):
    browser, _ = admin_browser
    response = run_action(browser, "export_data", [user])
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith(f'attachment; filename="painty-data-user-{user.pk}-')
    assert json.loads(response.content)["account"]["email"] == EMAIL


def test_the_admin_exports_one_user_at_a_time(admin_browser, user, other_user):
    browser, _ = admin_browser
    response = run_action(browser, "export_data", [user, other_user])
    assert response.status_code == 302
    assert "exactly one user" in browser.get(response["Location"]).content.decode()


def test_the_admin_erases_an_account_after_confirming(admin_browser, user, api_key, auth, history, client):
    browser, _ = admin_browser
    confirm = run_action(browser, "erase_accounts", [user])
    assert confirm.status_code == 200 and "cannot be undone" in confirm.content.decode()
    user.refresh_from_db()
    assert user.is_active  # nothing happens before the confirmation

    done = run_action(browser, "erase_accounts", [user], post="yes")
    assert done.status_code == 302
    user.refresh_from_db()
    assert not user.is_active and user.email == erased_email(user.pk)
    assert client.get("/api/v1/account", **auth).status_code == 401
    assert client.get(history["links"][0]).status_code == 410
    assert LedgerEntry.objects.filter(account__user=user).count() >= 4


def test_the_admin_cannot_erase_staff_or_itself(admin_browser):
    browser, admin = admin_browser
    response = run_action(browser, "erase_accounts", [admin], post="yes")
    assert response.status_code == 302
    admin.refresh_from_db()
    assert admin.is_active and admin.email == "root@example.com"


def test_a_staff_member_without_delete_permission_gets_no_erase_action(user, db):
    from django.contrib.auth.models import Permission

    staff = get_user_model().objects.create_user("ops@example.com", "ops@example.com", "pw-ops-12345")
    staff.is_staff = True
    staff.save()
    staff.user_permissions.add(*Permission.objects.filter(codename__in=["view_user", "change_user"]))
    browser = Client()
    browser.force_login(staff)
    page = browser.get("/admin/auth/user/").content.decode()
    assert "export_data" in page and "erase_accounts" not in page
    run_action(browser, "erase_accounts", [user], post="yes")
    user.refresh_from_db()
    assert user.is_active


def test_an_erased_accounts_jobs_are_all_due_for_the_retention_sweep(user, history):
    """An erased account's jobs are all due: nothing of theirs outlives the next sweep."""
    erasure.erase(user)
    assert not Job.objects.filter(user=user, expires_at__gt=timezone.now() + timedelta(seconds=1)).exists()


def test_erasing_removes_the_two_factor_secrets_and_the_low_balance_email(user, history):
    from allauth.mfa.models import Authenticator

    from accounts import erasure
    from billing.models import CreditAccount

    Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={"secret": "JBSWY3DPEHPK3PXP"})
    CreditAccount.objects.filter(user=user).update(low_balance_threshold=5)
    erasure.erase(user)
    assert not Authenticator.objects.filter(user=user).exists()
    assert CreditAccount.objects.get(user=user).low_balance_threshold is None
