"""What the participant pages' browser tests share (their fixtures are in conftest.py)."""

from playwright.sync_api import expect

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}
LOAD_TIMEOUT = 90_000


def form_ready(page):
    form = page.locator(".refocus-form-widget")
    expect(form).to_be_visible(timeout=LOAD_TIMEOUT)
    return form


def submit(page) -> None:
    page.get_by_role("button", name="Submit").click()
