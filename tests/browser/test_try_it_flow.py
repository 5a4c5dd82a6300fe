"""Sign up → create a key → try it on /docs → bad file → revoked key, in a real browser."""

from __future__ import annotations

import re

from django.conf import settings
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from accounts.models import ApiKey
from billing.ledger import balance_of
from photos.imaging import FORMAT_NAMES

from .conftest import PHONE, drop_file, log_in, real_photo, shot, sign_up


def test_a_new_user_signs_up_creates_a_key_and_edits_a_photo_on_the_docs_page(page):
    price = settings.PAINTY_CREDITS_PER_IMAGE
    sign_up(page, "dana@example.com", screenshot="00-signup")
    # Named by the email, not by the username allauth derives from it ("dana").
    expect(page.locator(".messages")).to_contain_text("Successfully signed in as dana@example.com.")
    user = get_user_model().objects.get(email="dana@example.com")
    start = balance_of(user)
    expect(page.get_by_test_id("balance")).to_have_text(str(start))

    page.get_by_label("Key name").fill("Laptop")
    page.get_by_role("button", name="Create key").click()
    raw = page.locator("#new-key").inner_text().strip()
    assert ApiKey.find(raw).user == user
    page.get_by_role("button", name="Copy").click()
    expect(page.get_by_role("button", name="Copied")).to_be_visible()
    assert page.evaluate("navigator.clipboard.readText()") == raw
    shot(page, "01-dashboard-new-key")

    page.get_by_role("link", name="Try it on the docs page").click()
    page.wait_for_url("**/docs#try")
    # The key the dashboard just showed is carried over in this tab's sessionStorage.
    expect(page.locator("#try-key")).to_have_value(raw)
    expect(page.locator("#try-key-status")).to_contain_text(f"{start} credits left")

    page.locator("#try-image").set_input_files(
        files=[{"name": "coffee.jpg", "mimeType": "image/jpeg", "buffer": real_photo()}]
    )
    page.get_by_role("button", name="Convert to black and white").click()
    curl = page.locator("#code-curl code")
    expect(curl).to_contain_text('prompt=Convert to black and white"')
    expect(curl).to_contain_text(raw[:8] + "…" + raw[-4:])
    assert raw not in curl.inner_text(), "the snippet on screen shows the key masked"

    page.get_by_role("button", name="Send request").click()
    expect(page.locator("#try-status")).to_have_text("Succeeded")
    result = page.locator("#try-result-img")
    expect(result).to_be_visible()
    page.wait_for_function("() => document.getElementById('try-result-img').naturalWidth > 0")
    assert page.evaluate("document.getElementById('try-result-img').naturalWidth") == 600
    expect(page.locator("#try-credits")).to_have_text(str(start - price))
    expect(page.locator("#try-time")).to_have_text(re.compile(r"^\d+\.\d s$"))
    expect(page.locator("#try-json")).to_contain_text('"resultUrls"')
    assert balance_of(user) == start - price
    expect(page.locator("#try-original-img")).to_be_visible()
    shot(page.locator("#try"), "02-docs-try-it-result")

    # A file that is not an image, dropped on the drop zone: the API's own message is shown.
    drop_file(page, "#try-drop", "notes.txt", b"these are not pixels", "text/plain")
    expect(page.locator("#try-file-name")).to_contain_text("notes.txt")
    page.get_by_role("button", name="Send request").click()
    expect(page.locator("#try-status")).to_have_text("415 Unsupported Media Type")
    expect(page.locator("#try-error")).to_contain_text(f"The file is not a {FORMAT_NAMES} image.")
    expect(page.locator("#try-result-img")).to_be_hidden()
    assert balance_of(user) == start - price, "a refused file costs nothing"
    expect(page.locator("#try-original-empty")).to_be_visible()
    shot(page.locator("#try"), "03-docs-bad-file")

    page.goto("/dashboard/")
    expect(page.get_by_test_id("balance")).to_have_text(str(start - price))
    expect(page.get_by_role("img", name="Result of job")).to_be_visible()
    shot(page, "04-dashboard-after-a-job")
    page.get_by_role("link", name="Revoke Laptop").click()
    expect(page.get_by_role("heading", name="Revoke “Laptop”?")).to_be_visible()
    page.get_by_role("button", name="Revoke “Laptop”").click()
    expect(page.locator(".messages")).to_contain_text("was revoked")
    page.goto("/docs#try")
    expect(page.locator("#try-key")).to_have_value(raw)
    expect(page.locator("#try-key-status")).to_contain_text("401")
    page.locator("#try-image").set_input_files(
        files=[{"name": "coffee.jpg", "mimeType": "image/jpeg", "buffer": real_photo()}]
    )
    page.get_by_role("button", name="Send request").click()
    expect(page.locator("#try-status")).to_have_text("401 Unauthorized")
    expect(page.locator("#try-error")).to_contain_text("Invalid or revoked API key")
    assert balance_of(user) == start - price
    shot(page.locator("#try"), "05-docs-revoked-key")


def test_a_signed_in_user_can_create_a_test_key_on_the_docs_page(page, new_page):
    get_user_model().objects.create_user("erin@example.com", "erin@example.com", "a-long-test-passphrase-42")
    log_in(page, "erin@example.com", "a-long-test-passphrase-42")
    page.goto("/docs#try")
    expect(page.locator("#try-key")).to_have_value("")
    page.get_by_role("button", name="Create a free test key").click()
    expect(page.locator("#try-key-status")).to_contain_text("credits left")
    raw = page.locator("#try-key").input_value()
    assert ApiKey.find(raw).name == "Docs page test key"
    # Snippets quote the prompt correctly for each language.
    page.locator("#try-prompt").fill('Say "hi" to $HOME\'s cat')
    expect(page.locator("#code-curl code")).to_contain_text('-F "prompt=Say \\"hi\\" to \\$HOME\'s cat"')
    page.get_by_role("tab", name="JavaScript (fetch)").click()
    expect(page.locator("#code-js code")).to_contain_text("formData.append('prompt', 'Say \"hi\" to $HOME\\'s cat');")
    page.get_by_role("tab", name="Python (requests)").click()
    expect(page.locator("#code-python code")).to_contain_text('data = {"prompt": "Say \\"hi\\" to $HOME\'s cat"}')

    phone = new_page(PHONE)
    log_in(phone, "erin@example.com", "a-long-test-passphrase-42")
    shot(phone, "06-phone-dashboard")
    phone.goto("/docs#try")
    phone.locator("#try-key").fill(raw)
    phone.locator("#try-key").dispatch_event("change")
    phone.locator("#try-image").set_input_files(
        files=[{"name": "coffee.jpg", "mimeType": "image/jpeg", "buffer": real_photo()}]
    )
    phone.get_by_role("button", name="Send request").click()
    expect(phone.locator("#try-status")).to_have_text("Succeeded")
    shot(phone.locator("#try"), "07-phone-docs-try-it")
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), "no sideways scrolling"


def test_try_it_sends_the_optional_fields_from_more_options(page):
    sign_up(page, "opts@example.com")
    user = get_user_model().objects.get(email="opts@example.com")
    _, raw = ApiKey.issue(user, "Docs")
    page.goto("/docs#try")
    page.locator("#try-key").fill(raw)
    page.locator("#try-image").set_input_files(
        files=[{"name": "coffee.jpg", "mimeType": "image/jpeg", "buffer": real_photo()}]
    )
    page.locator("#try-prompt").fill("make it brighter, it's dark")
    page.locator("#try-more summary").click()
    page.locator("#try-format").select_option("webp")
    page.locator("#try-n").select_option("2")
    page.get_by_role("button", name="Send request").click()
    expect(page.locator("#try-status")).to_have_text("Succeeded")
    json_text = page.locator("#try-json").inner_text()
    assert json_text.count(".webp?") == 2  # two variants, both WebP
    actions = page.locator("#try-actions")
    expect(actions.get_by_role("link")).to_have_text(["Download 1", "Open 1", "Download 2", "Open 2"])
    # "Copy as curl" repeats every field that was sent, quoted for a shell.
    curl = page.locator("#try-curl").text_content()
    assert "-F 'prompt=make it brighter, it'\\''s dark'" in curl
    assert "-F 'format=webp'" in curl and "-F 'n=2'" in curl and "-F 'image=@coffee.jpg'" in curl
    page.wait_for_function("() => document.getElementById('try-result-img').naturalWidth > 0")
    shot(page.locator("#try"), "05-docs-try-it-more-options")
