"""Sign-up credits are granted once per account, and only for a verified email."""

import re

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.management import call_command

from billing import ledger
from billing.models import LedgerEntry

PASSWORD = "a-long-passphrase-42"


def sign_up(client, email="new@example.com"):
    return client.post("/accounts/signup/", {"email": email, "password1": PASSWORD, "password2": PASSWORD})


def confirmation_link(mailoutbox) -> str:
    return re.search(r"http://testserver(/accounts/confirm-email/\S+/)", mailoutbox[-1].body).group(1)


def confirm(client, link):
    assert client.get(link).status_code == 200  # the "Confirm" page; confirming is a POST
    return client.post(link)


def signup_entries(user):
    return list(LedgerEntry.objects.filter(account__user=user, kind="signup").values_list("amount", flat=True))


def test_signing_up_without_confirming_the_email_gives_no_credits(client, db, mailoutbox):
    response = sign_up(client)
    assert response.status_code == 302 and response["Location"] == "/accounts/confirm-email/"
    user = get_user_model().objects.get(email="new@example.com")
    assert ledger.balance_of(user) == 0 and signup_entries(user) == []
    assert len(mailoutbox) == 1
    # Mandatory verification: the new account cannot reach the dashboard yet.
    assert client.get("/dashboard/").status_code == 302


def test_confirming_the_email_grants_the_signup_credits_and_signs_in(client, db, mailoutbox):
    sign_up(client)
    response = confirm(client, confirmation_link(mailoutbox))
    assert response.status_code == 302 and response["Location"] == "/dashboard/"
    user = get_user_model().objects.get(email="new@example.com")
    assert ledger.balance_of(user) == 10 and signup_entries(user) == [10]
    page = client.get("/dashboard/")
    assert re.search(r'data-testid="balance">\s*10\s*<', page.content.decode())


def test_confirming_twice_grants_the_credits_once(client, db, mailoutbox):
    sign_up(client)
    link = confirmation_link(mailoutbox)
    confirm(client, link)
    client.post(link)
    user = get_user_model().objects.get(email="new@example.com")
    assert ledger.balance_of(user) == 10 and signup_entries(user) == [10]


def test_confirming_a_second_address_grants_nothing_more(client, db, mailoutbox):
    sign_up(client)
    confirm(client, confirmation_link(mailoutbox))
    user = get_user_model().objects.get(email="new@example.com")
    client.post("/accounts/email/", {"action_add": "", "email": "second@example.com"})
    assert EmailAddress.objects.filter(user=user, email="second@example.com", verified=False).exists()
    confirm(client, confirmation_link(mailoutbox))
    assert EmailAddress.objects.get(email="second@example.com").verified
    assert ledger.balance_of(user) == 10 and signup_entries(user) == [10]


def test_many_unconfirmed_signups_from_one_address_earn_nothing(client, db):
    for n in range(5):
        sign_up(client, f"farm{n}@example.com")
    users = get_user_model().objects.filter(email__startswith="farm")
    assert users.count() == 5
    assert sum(ledger.balance_of(user) for user in users) == 0


def test_accounts_created_by_an_operator_get_the_credits_and_a_verified_email(db, capsys):
    call_command("create_api_key", "ops@example.com")
    user = get_user_model().objects.get(email="ops@example.com")
    assert ledger.balance_of(user) == 10
    assert EmailAddress.objects.get(user=user).verified


def test_an_operator_created_user_can_sign_in_while_verification_is_mandatory(client, user):
    response = client.post("/accounts/login/", {"login": "alice@example.com", "password": "correct horse battery"})
    assert response.status_code == 302 and response["Location"] == "/dashboard/"


def test_superusers_get_no_signup_credits(db):
    admin = get_user_model().objects.create_superuser("root@example.com", "root@example.com", "pw-admin-123")
    assert ledger.balance_of(admin) == 0
    assert not LedgerEntry.objects.filter(account__user=admin).exists()
    assert EmailAddress.objects.get(user=admin).verified  # so the admin can sign in at /accounts/login/


def test_no_grant_when_signup_credits_are_switched_off(client, db, mailoutbox, settings):
    settings.PAINTY_SIGNUP_CREDITS = 0
    sign_up(client)
    confirm(client, confirmation_link(mailoutbox))
    user = get_user_model().objects.get(email="new@example.com")
    assert ledger.balance_of(user) == 0 and signup_entries(user) == []
