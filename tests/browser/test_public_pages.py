"""The pages a visitor sees before signing in, on a desktop and a phone."""

from __future__ import annotations

from playwright.sync_api import expect

from front import showcase

from .conftest import PHONE, shot


def test_the_landing_page_shows_the_engine_made_example_and_links_onwards(page):
    showcase.build()  # made ahead of time, as `manage.py build_showcase` does
    page.goto("/")
    expect(page.get_by_role("heading", name="Edit photos with one HTTP request")).to_be_visible()
    for alt in ("Before", "After"):
        image = page.get_by_role("img", name=alt).first
        expect(image).to_be_visible()
    # A function, not an expression: Playwright re-evaluates an expression with eval(), which the CSP refuses.
    page.wait_for_function("() => [...document.querySelectorAll('.before-after img')].every(i => i.naturalWidth === 640)")
    expect(page.get_by_role("main").get_by_role("link", name="Pricing", exact=True)).to_have_attribute("href", "/billing/pricing")
    expect(page.get_by_role("link", name="Sign up — free credits included")).to_be_visible()
    shot(page, "10-home")


def test_a_visitor_sees_the_docs_and_a_sign_in_call_to_action(page):
    page.goto("/docs")
    expect(page.get_by_role("heading", name="API documentation")).to_be_visible()
    expect(page.locator("#try")).to_contain_text("Sign in to try the API here.")
    expect(page.locator("#try-form")).to_have_count(0)
    # Tabs: one snippet at a time, switchable.
    expect(page.locator("#code-curl")).to_be_visible()
    expect(page.locator("#code-python")).to_be_hidden()
    page.get_by_role("tab", name="Python (requests)").click()
    expect(page.locator("#code-python")).to_be_visible()
    expect(page.locator("#code-curl")).to_be_hidden()
    shot(page, "11-docs-signed-out")


def test_the_openapi_reference_renders_from_local_assets(page):
    page.goto("/docs/reference")
    expect(page.get_by_text("Edit a photo from a text prompt").first).to_be_visible(timeout=20_000)
    expect(page.get_by_role("button", name="Authorize")).to_be_visible()
    shot(page, "12-reference", full_page=False)


def test_public_pages_fit_a_phone_screen(new_page):
    phone = new_page(PHONE)
    for path, name in (("/", "13-phone-home"), ("/docs", "14-phone-docs"), ("/accounts/signup/", "15-phone-signup")):
        phone.goto(path)
        shot(phone, name)
        assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), f"{path} scrolls sideways"
    expect(phone.get_by_label("Email")).to_be_visible()
