"""/docs "Try it" in chromium: the tab remembers the chosen key and offers the account's
test key in a new tab; a job is followed asynchronously with a spinner and the time
elapsed (the event stream, or polling when streaming is refused); the result comes
with Download, Open and "Copy as curl" (the request as sent, key masked) and the edit
plan in words; code blocks fit a phone."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from accounts.keys import docs_key
from accounts.models import ApiKey
from photos import testmode

from .conftest import PHONE, log_in, real_photo, shot

PASSWORD = "a-long-test-passphrase-42"


@pytest.fixture
def member(db):
    return get_user_model().objects.create_user("try@example.com", "try@example.com", PASSWORD)


def choose_photo(page):
    page.locator("#try-image").set_input_files(
        files=[{"name": "coffee.jpg", "mimeType": "image/jpeg", "buffer": real_photo()}]
    )


def test_a_new_tab_offers_the_accounts_test_key_and_the_tab_remembers_it(new_page, member):
    _, raw, _ = docs_key(member)
    page = new_page()
    log_in(page, member.email, PASSWORD)
    page.goto("/docs#try")
    expect(page.locator("#try-key")).to_have_value("")
    offer = page.get_by_role("button", name=re.compile(r"^Use your test key pk_test_…"))
    expect(offer).to_have_text(f"Use your test key {raw[:8]}…{raw[-4:]}")
    expect(page.locator("#try-key-status")).to_contain_text("is ready")
    keys_before = ApiKey.objects.count()
    offer.click()
    expect(page.locator("#try-key")).to_have_value(raw)
    expect(page.locator("#try-key-status")).to_contain_text("works")
    assert ApiKey.objects.count() == keys_before, "the same key again, not a new one"
    assert page.evaluate("sessionStorage.getItem('painty.tryKey')") == raw
    assert all(raw not in cookie["value"] for cookie in page.context.cookies()), "never in a cookie"

    page.reload()  # the same tab keeps it
    expect(page.locator("#try-key")).to_have_value(raw)
    expect(page.locator("#try-key-status")).to_contain_text("works")

    other_tab = page.context.new_page()  # a new tab starts empty and is offered the same key
    other_tab.goto("/docs#try")
    expect(other_tab.locator("#try-key")).to_have_value("")
    other_tab.get_by_role("button", name=re.compile("^Use your test key")).click()
    expect(other_tab.locator("#try-key")).to_have_value(raw)

    other_tab.get_by_role("button", name="Replace it with a new one").click()
    expect(other_tab.locator("#try-key-status")).to_contain_text("replacing the previous one")
    fresh = other_tab.locator("#try-key").input_value()
    assert fresh != raw and ApiKey.find(raw) is None and ApiKey.find(fresh).name == "Docs page test key"


def test_a_slow_job_shows_progress_then_download_open_curl_and_the_plan(new_page, member, monkeypatch):
    monkeypatch.setattr(testmode, "SLOW_SECONDS", 2)
    page = new_page()
    streams = []
    page.on("request", lambda request: streams.append(request.url) if request.url.endswith("/events") else None)
    log_in(page, member.email, PASSWORD)
    page.goto("/docs#try")
    page.get_by_role("button", name="Create a free test key").click()
    expect(page.locator("#try-key-status")).to_contain_text("works")
    raw = page.locator("#try-key").input_value()
    choose_photo(page)
    page.locator("#try-prompt").fill("simulate:slow")
    page.get_by_role("button", name="Send request").click()

    expect(page.locator("#try-progress-box .spinner")).to_be_visible()
    expect(page.locator("#try-progress")).to_contain_text(re.compile(r"Job #\d+ · (Queued|Editing)…"))
    first = float(page.locator("#try-elapsed").inner_text().removesuffix(" s"))
    page.wait_for_timeout(600)
    assert float(page.locator("#try-elapsed").inner_text().removesuffix(" s")) > first, "the clock runs"
    expect(page.get_by_role("button", name="Send request")).to_be_disabled()
    shot(page.locator("#try"), "20-docs-try-it-progress")

    expect(page.locator("#try-status")).to_have_text("Succeeded", timeout=15_000)
    expect(page.locator("#try-progress-box")).to_be_hidden()
    assert float(page.locator("#try-time").inner_text().removesuffix(" s")) >= 2.0
    assert streams, "the job was followed through its event stream"
    expect(page.locator("#try-edits")).to_have_text("Waited 2 seconds (the test prompt simulate:slow)")

    actions = page.locator("#try-actions")
    download = actions.get_by_role("link", name="Download", exact=True)
    opener = actions.get_by_role("link", name="Open", exact=True)
    result_url = page.locator("#try-result-img").get_attribute("src")
    expect(download).to_have_attribute("href", result_url)
    expect(download).to_have_attribute("download", re.compile(r"^painty-job-\d+\.jpg$"))
    expect(opener).to_have_attribute("target", "_blank")
    assert page.request.get(result_url).headers["content-type"] == "image/jpeg"
    with page.expect_download() as saved:
        download.click()
    assert saved.value.suggested_filename.startswith("painty-job-")

    page.get_by_role("button", name="Copy as curl").click()
    curl = page.evaluate("navigator.clipboard.readText()")
    assert curl.startswith(f"curl -X POST '{page.url.split('/docs')[0]}/api/v1/photo'")
    assert f"-H 'Authorization: Bearer {raw[:8]}…{raw[-4:]}'" in curl and raw not in curl, "key masked"
    assert "-H 'Prefer: respond-async'" in curl
    assert "-F 'prompt=simulate:slow'" in curl and "-F 'image=@coffee.jpg'" in curl
    page.locator("#try-request summary").click()
    expect(page.locator("#try-curl")).to_have_text(curl)
    shot(page.locator("#try"), "21-docs-try-it-done")


def test_without_a_stream_it_polls_the_job_and_shows_the_plan_in_words(new_page, member, settings):
    settings.PAINTY_MAX_STREAMS_PER_ACCOUNT = 0  # every event stream is refused with 429
    settings.PAINTY_ENGINE = "local"
    _, raw = ApiKey.issue(member, "Docs")
    page = new_page()
    polls = []
    page.on("request", lambda request: polls.append(request.url) if re.search(r"/api/v1/jobs/\d+$", request.url) else None)
    log_in(page, member.email, PASSWORD)
    page.goto("/docs#try")
    page.locator("#try-key").fill(raw)
    page.locator("#try-key").dispatch_event("change")
    choose_photo(page)
    page.get_by_role("button", name="Increase the contrast and warm up the colors").click()
    page.get_by_role("button", name="Send request").click()
    expect(page.locator("#try-status")).to_have_text("Succeeded", timeout=20_000)
    assert polls, "followed with GET /api/v1/jobs/{id}"
    items = page.locator("#try-edits li")
    expect(items).to_have_text(["Increased the contrast", "Warmed up the colours"])
    page.wait_for_function("() => document.getElementById('try-result-img').naturalWidth > 0")
    shot(page.locator("#try"), "22-docs-try-it-plan")


def test_a_failed_job_says_why_and_that_it_was_refunded(new_page, member):
    _, raw, _ = docs_key(member)
    page = new_page()
    log_in(page, member.email, PASSWORD)
    page.goto("/docs#try")
    page.locator("#try-key").fill(raw)
    page.locator("#try-key").dispatch_event("change")
    choose_photo(page)
    page.locator("#try-prompt").fill("simulate:503")
    page.get_by_role("button", name="Send request").click()
    expect(page.locator("#try-status")).to_have_text("503 Service Unavailable")
    expect(page.locator("#try-error")).to_contain_text("engine_unavailable")
    expect(page.locator("#try-actions")).to_be_hidden()


def test_on_a_phone_copy_buttons_leave_the_code_readable_and_nothing_runs_off(new_page, member):
    _, raw, _ = docs_key(member)
    phone = new_page(PHONE)
    log_in(phone, member.email, PASSWORD)
    phone.goto("/docs")
    overlap = phone.evaluate("""() => {
        const panel = document.getElementById('code-curl');
        const button = panel.querySelector('.copy').getBoundingClientRect();
        const code = panel.querySelector('pre code');
        const range = document.createRange();
        range.setStart(code.firstChild, 0);
        range.setEnd(code.firstChild, 4);
        const line = range.getBoundingClientRect();
        return button.bottom > line.top && button.left < line.right;
    }""")
    assert not overlap, "the Copy button covers the first line of the curl example"
    wide = phone.evaluate("""() => [...document.querySelectorAll('pre')]
        .filter(pre => pre.offsetParent && pre.scrollWidth > pre.clientWidth + 1)
        .map(pre => pre.textContent.slice(0, 40))""")
    assert wide == [], f"code blocks that run off the right edge: {wide}"
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    shot(phone.locator("#examples"), "23-phone-docs-examples")
    shot(phone.locator("#errors"), "24-phone-docs-errors")

    phone.locator("#try").scroll_into_view_if_needed()
    phone.get_by_role("button", name=re.compile("^Use your test key")).click()
    expect(phone.locator("#try-key")).to_have_value(raw)
    choose_photo(phone)
    phone.get_by_role("button", name="Send request").click()
    expect(phone.locator("#try-status")).to_have_text("Succeeded")
    phone.locator("#try-request summary").click()
    wide = phone.evaluate("""() => [...document.querySelectorAll('#try pre')]
        .filter(pre => pre.scrollWidth > pre.clientWidth + 1).length""")
    assert wide == 0
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    shot(phone.locator("#try"), "25-phone-docs-try-it-done")


def test_every_edit_the_engines_plan_has_words(page, member):
    from photos.engines.local import ops

    log_in(page, member.email, PASSWORD)
    page.goto("/docs#try")
    registered = sorted(ops.OPS) + ["generative_edit", "simulate_slow"]
    unknown = page.evaluate("(names) => names.filter(name => !window.PaintyDocs.knowsEdit(name))", registered)
    assert unknown == [], f"ops /docs can't put in words: {unknown}"
    steps = [
        ({"op": "brightness", "strength": -0.85}, "Darkened the image strongly"),
        ({"op": "sharpen", "strength": 0.3}, "Sharpened slightly"),
        ({"op": "warmth", "strength": 0.6, "region": "subject"}, "Warmed up the colours, on the subject only"),
        ({"op": "contrast", "strength": 0.6, "within": "mask"}, "Increased the contrast, inside the mask"),
        ({"op": "background_color", "strength": 0.6, "color": [0, 0, 128], "name": "navy"}, "Made the background navy"),
        ({"op": "resize", "strength": 1, "width": 800, "height": 600, "fit": "pad"}, "Resized to 800 × 600 px (padded to fit)"),
        ({"op": "resize", "strength": 1, "width": 800}, "Resized to 800 px wide"),
        ({"op": "resize", "strength": 1, "scale": 0.5}, "Scaled to 50 %"),
        ({"op": "upscale", "strength": 1, "size": 2000}, "Upscaled to 2000 px on the long side"),
        ({"op": "rotate", "strength": 1, "degrees": 15.0, "corners": "crop"}, "Rotated by 15° (corners cropped)"),
        ({"op": "flip", "strength": 1, "axis": "vertical"}, "Flipped vertically"),
        ({"op": "crop", "strength": 1, "aspect": "4:5"}, "Cropped to 4:5 around the subject"),
        ({"op": "product_frame", "strength": 1, "color": [255, 255, 255], "fill": 0.85, "shadow": "soft"},
         "Framed as a product photo: the subject centred on a square white canvas, with a soft shadow"),
        ({"op": "shadow", "strength": 0.6, "kind": "drop"}, "Added a drop shadow under the subject"),
        ({"op": "output_format", "strength": 1, "format": "webp"}, "Saved as WEBP"),
        ({"op": "generative_edit", "provider": "openai", "model": "gpt-image-1"},
         "Edited by openai (gpt-image-1), a generative model"),
        ({"op": "some_future_op", "strength": 1, "size_px": 12}, "Some future op (size px 12)"),
    ]
    words = page.evaluate("(steps) => steps.map(step => window.PaintyDocs.describeEdit(step))", [s for s, _ in steps])
    assert words == [text for _, text in steps]
