"""The issue's "Done when", in a temporary folder: an exercise generated and released; three
members of staff fetch, answer (widgets included; one of them in Chromium through JupyterLab's
nbgrader assignment list) and submit, one of them late; the facilitator collects and
autogrades; a mark given by hand through nbgrader's API; feedback generated, returned and
fetched; and `refocus exercises status` and `export` checked against every expected score,
late flag and file."""

from __future__ import annotations

import csv
import json
import re
import time
from datetime import UTC, datetime

import pytest
from click.testing import CliRunner
from nbformat import read as read_notebook

from refocus_kit.cli import main
from refocus_kit.exercises.answers import ANSWERS_FILE, load_answers
from refocus_kit.exercises.course import open_course
from refocus_kit.exercises.notebook import choose, draft_goal
from refocus_kit.exercises.report import COLUMNS
from tests.exercises.lab import open_menu, start_lab
from tests.exercises.staff import answer_cell, exchange_step, in_folder, staff_home

# nbgrader's own gradebook code warns as it adds a submission (SQLAlchemy autoflush).
NBGRADER_NOISE = pytest.mark.filterwarnings("ignore::sqlalchemy.exc.SAWarning")
# nbgrader's release_feedback reads each timestamp.txt without closing it.
NBGRADER_LEAK = pytest.mark.filterwarnings(
    "ignore:Exception ignored in:pytest.PytestUnraisableExceptionWarning"
)
pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.timeout(2400),
    NBGRADER_NOISE,
    NBGRADER_LEAK,
]

NAME = "goals-and-actions"
NOTEBOOK = f"{NAME}.ipynb"
GOALS = ["goal_1", "goal_2", "goal_3", "goal_4", "goal_5", "goal_6"]
ACTIONS = ["action_1", "action_2", "action_3", "action_4", "action_5", "action_6"]
KEY = dict(
    zip(GOALS + ACTIONS, ["avoidance", "approach", "avoidance", "approach", "avoidance",
                          "approach", "independent", "joint", "passive", "joint", "passive",
                          "independent"], strict=True)
)  # fmt: skip
OPTIONS = {**{g: ["approach", "avoidance"] for g in GOALS},
           **{a: ["independent", "joint", "passive"] for a in ACTIONS}}  # fmt: skip


def refocus(*args: str) -> str:
    result = CliRunner().invoke(main, ["exercises", *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


def answer_headless(folder, choices: dict[str, str], draft: str | None) -> None:
    """Make the notebook's widgets as the kernel does and answer them (saved as they change)."""
    with in_folder(folder):
        for key, value in choices.items():
            choose(key, OPTIONS[key]).value = value
        if draft is not None:
            draft_goal("rewrite_1_draft").children[0].value = draft


# -- the browser part ---------------------------------------------------------------------------
REWRITE = "I'd like to spend more evenings at home, near the people I love."
ASSIGNMENT = ".list_item:not(.nested_list_item)"  # an assignment's row, not its notebooks'


def code_cell(page, key: str):
    return page.locator(".jp-CodeCell").filter(has_text=f'choose("{key}"')


def answer_in_lab(page, lab, tmp_path) -> None:
    """Fetch from the assignment list, answer widgets and a free-text cell, save, submit."""
    page.set_default_timeout(180_000)
    page.goto(lab.url())
    open_menu(page, "Nbgrader", "Assignment List")
    released = page.locator(f"#released_assignments_list {ASSIGNMENT}", has_text=NAME)
    released.get_by_role("button", name="Fetch").click()
    fetched = page.locator(f"#fetched_assignments_list {ASSIGNMENT}", has_text=NAME)
    fetched.wait_for()
    page.screenshot(path=tmp_path / "assignment-list-fetched.png")
    # The notebook, from the list: the assignment's name shows its notebooks.
    fetched.locator("a.assignment-notebooks-link").click()
    page.locator("#fetched_assignments_list .nested_list_item a", has_text=NAME).click()
    page.wait_for_selector(".jp-NotebookPanel .jp-Notebook")
    page.wait_for_selector(".jp-StatusBar-TextItem >> text=/^(?!No Kernel).* \\| Idle$/")
    open_menu(page, "Run", "Run All Cells")
    code_cell(page, "action_6").locator(".widget-radio-box").wait_for()
    for key, value in {"goal_1": "avoidance", "goal_2": "approach", "action_3": "passive"}.items():
        code_cell(page, key).locator("label", has_text=re.compile(f"^{value}$")).click()
    draft = page.locator(".jp-CodeCell").filter(has_text='draft_goal("rewrite_1_draft")')
    draft.locator("textarea").fill("I want to spend more evenings at home with my family")
    draft.locator("text=approach goal").wait_for()
    # The free-text answer: select the cell, edit it (Enter), replace its text, render it.
    answer = page.locator(".jp-MarkdownCell", has_text="YOUR ANSWER HERE").first
    answer.click()
    page.keyboard.press("Enter")
    editor = answer.locator(".cm-content")
    editor.wait_for()
    editor.press("Control+a")
    editor.type(REWRITE)
    page.keyboard.press("Shift+Enter")
    page.keyboard.press("Control+s")
    page.wait_for_selector("#jp-main-dock-panel .lm-TabBar-tab.jp-mod-current:not(.jp-mod-dirty)")
    folder = lab.home / NAME
    deadline = time.monotonic() + 60
    while len(load_answers(folder)) < 4 and time.monotonic() < deadline:
        time.sleep(0.5)
    page.screenshot(path=tmp_path / "notebook-answered.png", full_page=True)
    page.locator(".lm-TabBar-tab", has_text="Assignments").click()
    fetched.get_by_role("button", name="Submit").click()
    page.locator(f"#submitted_assignments_list {ASSIGNMENT}", has_text=NAME).first.wait_for()
    page.screenshot(path=tmp_path / "assignment-list-submitted.png")


# -- the test -----------------------------------------------------------------------------------
def test_release_answer_submit_grade_and_report(browser, data_dir, tmp_path):
    refocus("setup", "--programme-start", "2027-01-04")
    in_lab, on_time, late = refocus("roster", "--add", "3").split()
    out = refocus("release", NAME)
    assert "due Thursday 4 March 2027, before Coaching follow-up session 2" in out
    course = open_course()
    homes = {sid: staff_home(course, sid, tmp_path / "staff") for sid in (in_lab, on_time, late)}

    # One member of staff in JupyterLab, through nbgrader's assignment list.
    lab = start_lab(homes[in_lab], tmp_path / "jupyter")
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        answer_in_lab(page, lab, tmp_path)
    except Exception:
        page.screenshot(path=tmp_path / "failed.png")
        raise
    finally:
        page.close()
        lab.stop()
    fetched = homes[in_lab] / NAME / NOTEBOOK
    assert "**Due:** Thursday 4 March 2027" in fetched.read_text()
    cells = {
        c.metadata.get("nbgrader", {}).get("grade_id"): c
        for c in read_notebook(fetched, as_version=4).cells
    }
    assert cells["rewrite_1"].source == REWRITE
    assert load_answers(homes[in_lab] / NAME) == {
        "goal_1": "avoidance",
        "goal_2": "approach",
        "action_3": "passive",
        "rewrite_1_draft": "I want to spend more evenings at home with my family",
    }

    # One on time, headless.
    exchange_step(homes[on_time], "FetchAssignment", NAME)
    folder = homes[on_time] / NAME
    right = {k: KEY[k] for k in [*GOALS, "action_1", "action_2", "action_3", "action_4"]}
    wrong = {"action_5": "joint", "action_6": "passive"}
    answer_headless(folder, {**right, **wrong}, draft="I want to see my friends at the cafe")
    answer_cell(folder / NOTEBOOK, "rewrite_1", "I'd like to stay well at home <b>and</b> work.")
    answer_cell(folder / NOTEBOOK, "rewrite_2", "I want to join the walking group on Sundays.")
    exchange_step(homes[on_time], "Submit", NAME)

    # The facilitator moves the due date to now; the third submits after it.
    time.sleep(1.1)
    now = datetime.now(UTC).replace(microsecond=0)
    refocus("setup", "--due", f"{NAME}={now.isoformat()}")
    time.sleep(1.1)
    exchange_step(homes[late], "FetchAssignment", NAME)
    folder = homes[late] / NAME
    answer_headless(folder, {"goal_1": "avoidance", "goal_2": "avoidance", "goal_3": "avoidance"},
                    draft=None)  # fmt: skip
    answer_cell(folder / NOTEBOOK, "rewrite_1", "I'd like to feel at home in my own flat.")
    exchange_step(homes[late], "Submit", NAME)

    status = json.loads(refocus("status", NAME, "--json"))
    assert {s["staff"]: s["state"] for s in status} == dict.fromkeys(
        (in_lab, on_time, late), "submitted, in the exchange"
    )
    assert refocus("collect", NAME).strip() == f"collected 3 submission(s) of {NAME}"
    assert refocus("autograde", NAME).strip() == f"autograded 3 submission(s) of {NAME}"

    # The widget answers reached the marks; the answers file was the staff member's own.
    autograded = course.root / "autograded"
    assert load_answers(autograded / in_lab / NAME)["action_3"] == "passive"
    assert (course.root / "source" / NAME / ANSWERS_FILE).read_text().strip() == "{}"

    # Hand marks, through nbgrader's API.
    with course.gradebook() as gb:
        for sid, item, score in [(in_lab, "rewrite_1", 2), (on_time, "rewrite_1", 2),
                                 (on_time, "rewrite_2", 1)]:  # fmt: skip
            grade = gb.find_grade(item, NAME, NAME, sid)
            grade.manual_score, grade.needs_manual_grade = score, False  # as formgrader does
            gb.find_comment(
                item, NAME, NAME, sid
            ).manual_comment = f"Thank you, {sid}: a clear approach goal."
        gb.db.commit()

    assert refocus("feedback", NAME).strip() == (
        f"returned feedback to 3 member(s) of staff for {NAME}"
    )
    for sid in (in_lab, on_time, late):
        exchange_step(homes[sid], "FetchFeedback", NAME)
        pages = list((homes[sid] / NAME / "feedback").glob(f"*/{NAME}.html"))
        assert len(pages) == 1, sid
        html = pages[0].read_text()
        assert "The manual's own example of an approach goal" in html  # explanations
    html = next((homes[on_time] / NAME / "feedback").glob(f"*/{NAME}.html")).read_text()
    # The facilitator's comment (Markdown, theirs); the staff member's markup shown as typed.
    assert f"Thank you, {on_time}: a clear approach goal." in html
    assert "&lt;b&gt;and&lt;/b&gt; work" in html and "<b>and</b>" not in html

    # Status and the tidy export.
    status = {s["staff"]: s for s in json.loads(refocus("status", NAME, "--json"))}
    assert status[in_lab]["state"] == "graded, feedback returned"
    assert status[on_time]["state"] == "graded, feedback returned"
    assert status[late]["state"] == "graded, awaiting grading, feedback returned"
    assert [status[s]["late"] for s in (in_lab, on_time, late)] == [False, False, True]
    assert status[late]["seconds_late"] > 0
    assert [status[s]["score"] for s in (in_lab, on_time)] == [5.0, 13.0]

    table = tmp_path / "exercises.csv"
    refocus("export", NAME, "--out", str(table))
    with table.open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert tuple(rows[0]) == COLUMNS
    assert len(rows) == 3 * 14
    got = {
        (r["staff"], r["item"]): (r["score"], r["awaiting_grading"], r["item_kind"]) for r in rows
    }
    lab_auto = {"goal_1", "goal_2", "action_3"}
    late_auto = {"goal_1", "goal_3"}
    for key in GOALS + ACTIONS:
        for sid, correct in [(in_lab, key in lab_auto), (on_time, key in right),
                             (late, key in late_auto)]:  # fmt: skip
            assert got[(sid, f"{key}_mark")] == ("1.0" if correct else "0.0", "false", "auto")
    assert got[(in_lab, "rewrite_1")] == ("2.0", "false", "hand")
    assert got[(in_lab, "rewrite_2")] == ("0.0", "false", "hand")  # left blank: nbgrader's 0
    assert got[(on_time, "rewrite_1")] == ("2.0", "false", "hand")
    assert got[(on_time, "rewrite_2")] == ("1.0", "false", "hand")
    assert got[(late, "rewrite_1")] == ("", "true", "hand")
    assert got[(late, "rewrite_2")] == ("0.0", "false", "hand")
    for row in rows:
        assert row["late"] == ("true" if row["staff"] == late else "false")
        assert row["submitted"] == row["autograded"] == row["feedback_returned"] == "true"
        assert row["due"] == now.isoformat()
        assert row["max_score"] == ("2.0" if row["item"].startswith("rewrite") else "1.0")
