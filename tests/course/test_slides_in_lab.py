"""A session projected from JupyterLab, as a trainer runs it: the session notebook (MyST, opened
through jupytext) is run and shown as reveal.js slides by JupyterLab RISE; in the slides the
trainer runs the short check (an answer chosen, Check answers, feedback per item) and opens the
room, and two people answer from phone-sized pages while their answers appear grouped on the
slide. Every page reaches this machine only.

RISE's slideshow app (jupyterlab-rise 0.43.1, built on JupyterLab 4.3.4) cannot load the
ipywidgets manager by itself: its share scope has no @jupyterlab/console. The kit's
refocus-rise-widgets extension (widgets/refocus_kit/course/lab/rise-widgets) supplies it; this
test fails, with widgets shown as text, where that extension is missing."""

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
from tests.test_notebooks_in_lab import run_all_cells, running_lab

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
    shutil.copytree(ROOT / "course", root / "course")  # MyST, unpaired: no outputs kept
    forms = ParticipantServer(data)
    try:
        with running_lab(root, home, data) as lab:
            yield lab
    finally:
        forms.stop()


def shot(page, name: str) -> None:
    if SCREENSHOTS:
        page.screenshot(path=Path(SCREENSHOTS) / f"slides-{name}.png")


def slide_titled(slides, rise, heading: str):
    """Step through the slides with reveal.js's arrow, as a trainer does, until `heading`'s slide
    is shown; that slide."""
    present = slides.locator(".reveal .slides > section.present")
    for _ in range(30):
        if present.locator("h2", has_text=heading).count():
            return present
        shown = rise.evaluate("location.hash")
        slides.locator(".reveal .controls .navigate-right").click()
        rise.wait_for_function("shown => location.hash !== shown", arg=shown)
    raise AssertionError(f"no slide titled {heading!r}")


def run_on_slide(page, slide):
    """Run the slide's code cell where it is (Ctrl+Enter), as a trainer does; that cell."""
    cell = slide.locator(".jp-CodeCell").first
    cell.locator(".jp-InputPrompt").click()
    page.keyboard.press("Control+Enter")
    return cell


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


def test_a_session_projected_as_slides_with_its_activities_live(room, browser):
    base, token = room
    blocked: list[str] = []
    context = browser.new_context(viewport={"width": 1600, "height": 1000})
    context.set_default_timeout(60_000)
    block_other_hosts(context, blocked)
    page = context.new_page()
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text))
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

    # The check, live in its slide: two answers chosen, Check answers, feedback for each.
    slide = slide_titled(slides, rise, "Check: which strategy is this?")
    run_on_slide(page, slide)
    choices = slide.locator("select")
    expect(choices).to_have_count(5, timeout=60_000)
    choices.nth(0).select_option("Personal recovery training")
    choices.nth(1).select_option("Coaching and working practice training")
    slide.get_by_role("button", name="Check answers").click()
    expect(slide.get_by_text("Right.", exact=True)).to_be_visible()
    expect(slide.get_by_text("Not quite: Team reflection sessions.")).to_be_visible()
    expect(slide).to_contain_text("1 of 5 right; 3 not answered")
    slide.get_by_text("Not quite: Team reflection sessions.").scroll_into_view_if_needed()
    shot(page, "rise-check")

    # The room, live in its slide: open it, two phones answer, the answers arrive grouped.
    slide = slide_titled(slides, rise, "Questions, hopes and worries, on your phones")
    desk = run_on_slide(page, slide)
    team = desk.locator("input[placeholder='e.g. Demo team (fictional)']")
    team.fill("Demo team (fictional)")
    desk.get_by_role("button", name="Open session").click()
    link = desk.locator("a[href*='/s/']").first
    expect(link).to_be_visible(timeout=60_000)
    url = link.get_attribute("href")
    assert url.startswith("http://127.0.0.1:") and desk.locator("svg").count() >= 1
    shot(page, "rise-room-open")

    phones = [
        answer_on_a_phone(browser, url, answers, blocked, n)
        for n, answers in enumerate(ANSWERS, start=1)
    ]
    record = desk.locator(".refocus-record")
    expect(record).to_contain_text("2 responses so far", timeout=30_000)  # the desk's refresh
    expect(record.locator("li", has_text="More time to listen")).to_contain_text("\u00d72")
    expect(record).to_contain_text("When does coaching start?")
    expect(record).to_contain_text("Caseloads")
    record.scroll_into_view_if_needed()
    shot(page, "rise-room-answers")
    for phone in phones:
        phone.close()
    context.close()
    assert blocked == []
    assert not [m for m in console if "Failed to create module" in m and "widgets" in m]
