"""One person in headless Chromium (Debian's, through Playwright): open the page, wait until the
form can be used, type an answer, click Submit and wait until the answer is stored."""

from __future__ import annotations

import asyncio
import re
import time
from collections.abc import Callable
from dataclasses import dataclass

__all__ = ["CHROMIUM", "PageParts", "one_person"]

CHROMIUM = "/usr/bin/chromium"
SUBMIT = re.compile(r"^\s*Submit\s*$")


@dataclass(frozen=True)
class PageParts:
    """CSS selectors for what makes a page usable: the form, and the text box to type in."""

    form: str
    text: str


async def one_person(
    browser,
    url: str,
    parts: PageParts,
    text: str,
    stored: Callable[[], int],
    timeout: float = 60.0,
) -> tuple[float, float]:
    """(seconds from navigation to a usable form, seconds from the click to the answer stored),
    in a fresh browser context (no cookies, cold cache) that is closed like a tab afterwards."""
    context = await browser.new_context()
    try:
        page = await context.new_page()
        page.set_default_timeout(timeout * 1000)
        start = time.perf_counter()
        await page.goto(url, wait_until="commit")
        form = page.locator(parts.form)
        button = form.locator("button", has_text=SUBMIT)
        await form.wait_for(state="visible")
        await button.wait_for(state="visible")
        while not await button.is_enabled():
            if time.perf_counter() - start > timeout:
                raise TimeoutError("the Submit button stayed disabled")
            await asyncio.sleep(0.01)
        usable = time.perf_counter() - start
        await form.locator(parts.text).first.fill(text)
        before = stored()
        clicked = time.perf_counter()
        await button.click()
        while stored() == before:
            if time.perf_counter() - clicked > timeout:
                raise TimeoutError("the answer was not stored")
            await asyncio.sleep(0.01)
        saved = time.perf_counter() - clicked
        # As a closed tab: Voila's page then asks the server to shut its kernel down (a beacon
        # that Voila 0.5.13 refuses with 403 for want of an _xsrf cookie; the kernel stays).
        await page.close(run_before_unload=True)
        return usable, saved
    finally:
        await context.close()
