"""A member of staff sees each exercise's due date in nbgrader's Assignment List, in a real
JupyterLab in Chromium, with the exchange on this machine as `refocus exercises` sets it up:
on released, fetched and submitted rows; marked overdue when past and not submitted; a date
the facilitator moves shows after the list's refresh; an assignment the kit did not release
shows none, and can still be fetched. The dates are the kit's addition to nbgrader's list (the
refocus-due-dates extension and the kit's server extension)."""

from __future__ import annotations

import os
import re
from pathlib import Path

import nbformat
import pytest
from click.testing import CliRunner
from playwright.sync_api import expect

from refocus_kit.cli import main
from refocus_kit.exercises.course import open_course
from tests.exercises.lab import open_menu, start_lab
from tests.exercises.staff import staff_home
from tests.support.browser import block_other_hosts

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.timeout(900),
    pytest.mark.filterwarnings("ignore::sqlalchemy.exc.SAWarning"),
]

SCREENSHOTS = os.environ.get("REFOCUS_LAB_SCREENSHOTS")
NOT_THE_KITS = "extra-reading"
WAIT = 60_000  # for the list to be drawn again (fetch, submit, refresh) on a busy machine


def refocus(*args: str) -> str:
    result = CliRunner().invoke(main, ["exercises", *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


def release_by_hand(course, name: str) -> None:
    """An assignment put in the exchange without the kit (as `nbgrader release_assignment`
    leaves one): the kit has no date for it."""
    folder = course.exchange / course.course_id / "outbound" / name
    folder.mkdir(parents=True)
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("Read this.")])
    nbformat.write(notebook, folder / f"{name}.ipynb")


def row(page, section: str, name: str):
    """An assignment's row (not its notebooks' or submissions')."""
    return page.locator(f"#{section}_assignments_list > .list_item", has_text=name)


def due_of(page, section: str, name: str):
    return row(page, section, name).locator(".refocus-due")


def shot(page, tmp_path: Path, name: str) -> None:
    folder = Path(SCREENSHOTS) if SCREENSHOTS else tmp_path
    page.screenshot(path=folder / f"due-{name}.png")


def refresh(page) -> None:
    """The list's refresh button; returns once nbgrader has drawn every row anew."""
    rows = "document.querySelectorAll('.list_container > .list_item')"
    page.evaluate(f"{rows}.forEach(row => row.dataset.drawnBefore = 'yes')")
    page.locator("#refresh_assignments_list").click()
    page.wait_for_function(
        f"() => {rows}.length > 0 && [...{rows}].every(row => !row.dataset.drawnBefore)",
        timeout=WAIT,
    )


def test_staff_see_each_due_date_in_the_assignment_list(browser, tmp_path):
    refocus("setup", "--programme-start", "2027-01-04")
    (sid,) = refocus("roster", "--add", "1").split()
    refocus("release", "goals-and-actions")  # due 4 March 2027
    refocus("release", "recovery-knowledge")  # due 4 February 2027 ...
    refocus("setup", "--due", "recovery-knowledge=2026-11-02")  # ... moved into the past
    course = open_course()
    release_by_hand(course, NOT_THE_KITS)
    home = staff_home(course, sid, tmp_path / "staff")

    lab = start_lab(home, tmp_path / "jupyter")
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    blocked: list[str] = []
    block_other_hosts(context, blocked)
    page = context.new_page()
    page.set_default_timeout(120_000)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        page.goto(lab.url())
        open_menu(page, "Nbgrader", "Assignment List")

        # Released: each the kit released shows its date; the past one is overdue.
        expect(due_of(page, "released", "goals-and-actions")).to_have_text(
            "Due 4 March 2027", timeout=WAIT
        )
        recovery = due_of(page, "released", "recovery-knowledge")
        expect(recovery).to_have_text("Due 2 November 2026overdue", timeout=WAIT)
        expect(recovery).to_have_class(re.compile(r"\brefocus-due-overdue\b"), timeout=WAIT)
        expect(recovery.locator(".refocus-due-overdue-mark")).to_be_visible(timeout=WAIT)
        expect(row(page, "released", NOT_THE_KITS)).to_have_attribute(
            "data-refocus-due", "none", timeout=WAIT
        )
        expect(due_of(page, "released", NOT_THE_KITS)).to_have_count(0, timeout=WAIT)
        assert "the kit's addition" in (recovery.get_attribute("title") or "")
        shot(page, tmp_path, "released")

        # Fetched: nbgrader draws the list again; the dates stay, and again after a refresh.
        row(page, "released", "recovery-knowledge").get_by_role("button", name="Fetch").click()
        fetched = due_of(page, "fetched", "recovery-knowledge")
        expect(fetched).to_have_text("Due 2 November 2026overdue", timeout=WAIT)
        refresh(page)
        expect(fetched).to_have_text("Due 2 November 2026overdue", timeout=WAIT)
        expect(due_of(page, "released", "goals-and-actions")).to_have_text(
            "Due 4 March 2027", timeout=WAIT
        )
        shot(page, tmp_path, "fetched")

        # The facilitator moves a date; the refresh button shows it.
        refocus("setup", "--due", "goals-and-actions=2027-04-01T09:00")
        refresh(page)
        moved = due_of(page, "released", "goals-and-actions")
        expect(moved).to_have_text("Due 1 April 2027, 09:00 UTC", timeout=WAIT)

        # Submitted: its date, and it is no longer overdue.
        row(page, "fetched", "recovery-knowledge").get_by_role("button", name="Submit").click()
        submitted = due_of(page, "submitted", "recovery-knowledge")
        expect(submitted).to_have_text("Due 2 November 2026", timeout=WAIT)
        expect(fetched).to_have_text("Due 2 November 2026", timeout=WAIT)
        expect(fetched).not_to_have_class(re.compile(r"\brefocus-due-overdue\b"), timeout=WAIT)
        # The assignment the kit did not release is still fetched as nbgrader does it.
        row(page, "released", NOT_THE_KITS).get_by_role("button", name="Fetch").click()
        expect(row(page, "fetched", NOT_THE_KITS)).to_have_attribute(
            "data-refocus-due", "none", timeout=WAIT
        )
        expect(due_of(page, "fetched", NOT_THE_KITS)).to_have_count(0, timeout=WAIT)
        shot(page, tmp_path, "submitted")
    except Exception:
        page.screenshot(path=tmp_path / "failed.png")
        raise
    finally:
        context.close()
        lab.stop()
    assert (home / NOT_THE_KITS / f"{NOT_THE_KITS}.ipynb").is_file()
    assert blocked == []
    assert errors == []
