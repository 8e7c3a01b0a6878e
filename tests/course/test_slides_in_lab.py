"""A session projected from JupyterLab, as a trainer runs it: the session notebook (MyST, opened
through jupytext) is run, shown as reveal.js slides by JupyterLab RISE, and its live room
activity is run in the Lab's presentation mode while two people answer from phone-sized pages;
their answers appear grouped on the projector. Every page reaches this machine only.

RISE with the pinned JupyterLab (4.6.6): jupyterlab-rise 0.43.1 renders the slides (markdown,
HTML outputs, running code), but its slideshow app bundles an older JupyterLab core, so the
ipywidgets manager built for 4.6 does not load there and widgets show as text. The live
activities therefore run in the notebook view (View > Presentation Mode); the test checks both
halves, so a RISE that starts drawing widgets, or stops drawing slides, is noticed."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import expect

from refocus_kit.course import session
from tests.support.browser import block_other_hosts
from tests.support.notebooks import ROOT
from tests.support.servers import ParticipantServer
from tests.test_notebooks_in_lab import _pair_text_notebooks, run_all_cells, running_lab

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.timeout(900)]

EVENT = "team_information_session"
NOTEBOOK = session(EVENT).notebook
PHONE = {"width": 390, "height": 844}
SCREENSHOTS = os.environ.get("REFOCUS_LAB_SCREENSHOTS")
ANSWERS = [
    {
        "What do you hope REFOCUS changes for the people you work with?": "More time to listen",
        "What would you like the trainers to answer today?": "When does coaching start?",
    },
    {
        "What do you hope REFOCUS changes for the people you work with?": "More time to listen.",
        "What might get in the way, in this team?": "Caseloads",
    },
]


@pytest.fixture(scope="module")
def room(tmp_path_factory):
    """JupyterLab on a copy of the course and the participant server, on one data folder, as
    `refocus serve` runs them."""
    root, home = tmp_path_factory.mktemp("lab-root"), tmp_path_factory.mktemp("lab-home")
    data = tmp_path_factory.mktemp("room-data")
    shutil.copytree(ROOT / "course", root / "course")
    _pair_text_notebooks(root)
    forms = ParticipantServer(data)
    try:
        with running_lab(root, home, data) as lab:
            yield lab
    finally:
        forms.stop()


def shot(page, name: str) -> None:
    if SCREENSHOTS:
        page.screenshot(path=Path(SCREENSHOTS) / f"slides-{name}.png")


def answer_on_a_phone(browser, link: str, answers: dict[str, str], blocked: list[str], n: int):
    context = browser.new_context(viewport=PHONE)
    block_other_hosts(context, blocked)
    phone = context.new_page()
    phone.goto(link, timeout=120_000)
    expect(phone.locator(".refocus-form-widget")).to_be_visible(timeout=120_000)
    for label, text in answers.items():
        phone.get_by_label(label, exact=True).first.fill(text)
    phone.get_by_role("button", name="Submit").click()
    expect(phone.get_by_text("Thank you: your answers are saved")).to_be_visible(timeout=60_000)
    shot(phone, f"phone-{n}")
    return context


def test_a_session_projected_as_slides_with_its_room_live(room, browser):
    base, token = room
    blocked: list[str] = []
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(60_000)
    block_other_hosts(context, blocked)
    page = context.new_page()
    page.goto(f"{base}/lab/tree/{NOTEBOOK}?reset&token={token}")
    run_all_cells(page, code_cells=5)

    # The slides: RISE's preview beside the notebook, from the title.
    page.locator(".jp-MarkdownCell").first.click()
    page.keyboard.press("Escape")
    page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(r"^View$")).click()
    page.locator(".lm-Menu-itemLabel", has_text="Render as Reveal Slideshow").click()
    slides = page.frame_locator("iframe[src*='/rise/']")
    title = slides.locator(".reveal .slides section.present h1").first
    expect(title).to_contain_text(session(EVENT).title, timeout=120_000)
    shot(page, "rise")
    rise = next(f for f in page.frames if "/rise/" in f.url)
    assert rise.evaluate("document.querySelectorAll('.reveal .slides > section').length") >= 9
    page.locator(".lm-DockPanel-tabBar").nth(1).locator(".lm-TabBar-tabCloseIcon").click()

    # The room, live, in the Lab's presentation mode.
    page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(r"^View$")).click()
    page.locator(".lm-Menu-itemLabel", has_text=re.compile(r"^Appearance$")).click()
    page.locator(".lm-Menu-itemLabel", has_text="Presentation Mode").click()
    desk = page.locator(".jp-CodeCell", has_text=f'room("{EVENT}")').first
    desk.locator("input[placeholder='e.g. Demo team (fictional)']").fill("Demo team (fictional)")
    desk.get_by_role("button", name="Open session").click()
    link = desk.locator("a[href*='/s/']").first
    expect(link).to_be_visible(timeout=60_000)
    url = link.get_attribute("href")
    assert url.startswith("http://127.0.0.1:") and desk.locator("svg").count() >= 1
    desk.scroll_into_view_if_needed()
    shot(page, "room-open")

    phones = [
        answer_on_a_phone(browser, url, answers, blocked, n)
        for n, answers in enumerate(ANSWERS, start=1)
    ]
    record = desk.locator(".refocus-record")
    expect(record).to_contain_text("2 responses so far", timeout=30_000)  # the desk's refresh
    expect(record.locator("li", has_text="More time to listen")).to_contain_text("\u00d72")
    expect(record).to_contain_text("When does coaching start?")
    expect(record).to_contain_text("Caseloads")
    desk.locator(".refocus-record").scroll_into_view_if_needed()
    shot(page, "room-answers")
    for phone in phones:
        phone.close()
    context.close()
    assert blocked == []
