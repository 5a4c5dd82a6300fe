"""Playwright (sync API) driving Debian's chromium against pytest-django's live_server.

One browser per test session; each test gets a fresh context (cookies,
sessionStorage). Screenshots go to test-artifacts/ (gitignored)."""

from __future__ import annotations

import io
import os
import re
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}



@pytest.fixture(scope="module")
def browser():
    """One browser per module, not per session: Playwright's sync API keeps an event loop
    running in this thread while it lives, and the API's async views, which the other
    modules' test clients call through async_to_sync, can't run in a thread that has one."""
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"{CHROMIUM} is not installed (CI installs it with apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop running in this thread while the
    # browser lives; database set-up and the tests' own ORM calls are still
    # plain synchronous code, so Django's async-context guard is lifted meanwhile.
    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def new_page(browser, live_server, transactional_db):
    """Open pages in fresh browser contexts; every request must stay on the live server."""
    contexts, foreign = [], []

    def open_page(viewport=DESKTOP):
        context = browser.new_context(viewport=viewport, base_url=live_server.url)
        context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        page.on(
            "request",
            lambda request: None
            if request.url.startswith((live_server.url, "data:", "blob:"))
            else foreign.append(request.url),
        )
        return page

    yield open_page
    for context in contexts:
        context.close()
    assert not foreign, f"pages tried to reach other hosts: {foreign}"


@pytest.fixture
def page(new_page):
    return new_page()


# A sticky header would be pasted mid-image in a stitched screenshot; pin it to the top instead.
# Through the CSSOM: the pages' Content-Security-Policy refuses injected <style> tags
# (add_style_tag raises, screenshot(style=…) is silently ignored).
PIN_TOPBAR = """(pin) => document.querySelectorAll('.topbar').forEach(bar => pin
    ? bar.style.setProperty('position', 'static', 'important') : bar.style.removeProperty('position'))"""


def shot(target, name: str, full_page: bool = True) -> Path:
    """Screenshot a page (whole, or the viewport) or one element (a Locator) into test-artifacts/."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page = target if hasattr(target, "goto") else target.page
    page.evaluate(PIN_TOPBAR, True)
    page.evaluate("window.scrollTo(0, 0)")  # sticky parts are drawn where the scroll left them
    try:
        if page is target:
            page.screenshot(path=str(path), full_page=full_page)
        else:  # one element: measured with the header pinned, cut from a full-page shot
            page.screenshot(path=str(path), full_page=True, clip=target.bounding_box())
    finally:
        page.evaluate(PIN_TOPBAR, False)
    return path


def real_photo() -> bytes:
    """A real photograph (scikit-image's bundled 'coffee' picture) as JPEG."""
    from PIL import Image
    from skimage import data

    out = io.BytesIO()
    Image.fromarray(data.coffee()).save(out, "JPEG", quality=88)
    return out.getvalue()


def sign_up(page, email: str, password: str = "a-long-test-passphrase-42", screenshot: str | None = None) -> None:
    page.goto("/accounts/signup/")
    page.get_by_label("Email").first.fill(email)
    page.locator("#id_password1").fill(password)
    page.locator("#id_password2").fill(password)
    if screenshot:
        shot(page, screenshot)
    page.get_by_role("button", name="Sign Up").click()
    # Verification is mandatory (and sign-up credits wait for it): open the emailed link and confirm.
    page.wait_for_url("**/accounts/confirm-email/")
    page.goto(confirmation_link(email))
    page.get_by_role("button", name="Confirm").click()
    page.wait_for_url("**/dashboard/")


def confirmation_link(email: str) -> str:
    """The link in the last confirmation email to `email` (the live server runs in this
    process, so its mail lands in Django's test outbox)."""
    from django.core import mail

    message = [m for m in mail.outbox if email in m.to][-1]
    return re.search(r"https?://[^/\s]+(/accounts/confirm-email/\S+/)", message.body).group(1)


def log_in(page, email: str, password: str) -> None:
    page.goto("/accounts/login/")
    page.locator("#id_login").fill(email)
    page.locator("#id_password").fill(password)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url("**/dashboard/")


def drop_file(page, selector: str, name: str, content: bytes, mime: str) -> None:
    """Drag and drop a file onto `selector` the way a browser does: a drop event with a DataTransfer."""
    page.evaluate(
        """([selector, name, bytes, mime]) => {
            const transfer = new DataTransfer();
            transfer.items.add(new File([new Uint8Array(bytes)], name, {type: mime}));
            const target = document.querySelector(selector);
            for (const type of ["dragenter", "dragover", "drop"]) {
                target.dispatchEvent(new DragEvent(type, {dataTransfer: transfer, bubbles: true, cancelable: true}));
            }
        }""",
        [selector, name, list(content), mime],
    )
