"""The facilitator's formgrader, as `refocus exercises formgrader` starts it: it grades the
course in the data folder, shows a submission's free text escaped, and shows the
case vignette's rubric to the grader (the staff's copy never had it)."""

from __future__ import annotations

import os
import secrets
import shutil
import subprocess
import tempfile
import time
from datetime import UTC, datetime

import httpx
import pytest

from refocus_kit.exercises import grading
from refocus_kit.exercises.course import formgrader_spec, open_course
from tests.exercises.staff import answer_cell, submit_directly
from tests.support.servers import free_port, stop_process

# nbgrader's own gradebook code warns as it adds a submission (SQLAlchemy autoflush).
NBGRADER_NOISE = pytest.mark.filterwarnings("ignore::sqlalchemy.exc.SAWarning")
pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.timeout(1200), NBGRADER_NOISE]

NAME = "case-vignette"


@pytest.fixture
def graded_course(data_dir):
    course = open_course()
    grading.release(course, NAME)
    sid = course.add_staff(1)[0]
    submit_directly(course, NAME, sid, {}, datetime.now(UTC))
    notebook = course.root / "submitted" / sid / NAME / f"{NAME}.ipynb"
    answer_cell(notebook, "strengths_worksheet", "Cooks well <script>alert(1)</script>")
    grading.escape_answers(notebook.parent)  # as `collect` does
    grading.autograde_serial(course, NAME)
    released = (course.root / "release" / NAME / f"{NAME}.ipynb").read_text()
    assert "BEGIN MARK SCHEME" not in released and "Rubric (the kit's own" not in released
    return course, sid


@pytest.fixture
def facilitator_lab(tmp_path, graded_course):
    """`refocus exercises formgrader`: JupyterLab on the course, behind its token."""
    course, _ = graded_course
    token = secrets.token_urlsafe(12)
    spec = formgrader_spec(course, free_port(), token)
    log = (tmp_path / "lab.log").open("wb")
    env = {**os.environ, "JUPYTER_RUNTIME_DIR": tempfile.mkdtemp(prefix="lab-")}
    process = subprocess.Popen(
        spec.argv, cwd=spec.cwd, env=env, stdout=log, stderr=subprocess.STDOUT
    )
    try:
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline and process.poll() is None:
            try:
                if httpx.get(spec.ready_url, timeout=5).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            time.sleep(0.5)
        else:
            raise RuntimeError(f"JupyterLab did not start: {(tmp_path / 'lab.log').read_text()}")
        yield spec.url.split("/formgrader?")[0], token
    finally:
        stop_process(process)
        log.close()
        shutil.rmtree(env["JUPYTER_RUNTIME_DIR"], ignore_errors=True)


def test_formgrader_grades_the_data_folders_course(
    browser, graded_course, facilitator_lab, tmp_path
):
    course, sid = graded_course
    base, token = facilitator_lab
    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    page.set_default_timeout(120_000)
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(f"{base}/formgrader?token={token}")
    page.wait_for_timeout(3000)
    page.screenshot(path=tmp_path / "formgrader-start.png")
    page.goto(f"{base}/formgrader/manage_assignments?token={token}")
    page.locator("td", has_text=NAME).first.wait_for()
    page.screenshot(path=tmp_path / "formgrader-assignments.png")
    page.goto(f"{base}/formgrader/manage_submissions/{NAME}?token={token}")
    page.locator("td", has_text=sid).first.wait_for()
    page.screenshot(path=tmp_path / "formgrader-submissions.png")
    with course.gradebook() as gb:
        notebook_id = gb.find_submission_notebook(NAME, NAME, sid).id
    page.goto(f"{base}/formgrader/submissions/{notebook_id}/?token={token}")
    page.locator("text=Rubric (the kit's own, not the manual's)").first.wait_for()
    # The staff member's text is shown as typed, and the markup in it never runs.
    page.locator("text=Cooks well <script>alert(1)</script>").first.wait_for()
    page.wait_for_timeout(1000)
    assert dialogs == []
    page.screenshot(path=tmp_path / "formgrader-submission.png", full_page=True)
    page.close()
