"""Autograding runs each submission's notebook, to which a member of staff may add cells of
their own. Collecting keeps only the exercise's own code (the exercises ask for none); and the
kernels that grade never see the store's database address or the hub's tokens, which the grader
holds on a hub (refocus-grader), whether submissions are graded one after another or in
parallel, while the scores still reach the course's PostgreSQL gradebook."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import nbformat
import pytest
from sqlalchemy import create_engine, text

from refocus_kit.exercises import grading, parallel
from refocus_kit.exercises.course import open_course
from refocus_kit.exercises.report import statuses
from tests.exercises.staff import exchange_step, staff_home, submit_directly

NBGRADER_NOISE = pytest.mark.filterwarnings("ignore::sqlalchemy.exc.SAWarning")
pytestmark = [pytest.mark.slow, pytest.mark.timeout(900), NBGRADER_NOISE]

NAME = "recovery-knowledge"
SECRETS = ("REFOCUS_DATABASE_URL", "JUPYTERHUB_API_TOKEN", "JPY_API_TOKEN")
SNOOP = (
    "import json, os\n"
    f"json.dump({{k: os.environ.get(k) for k in {SECRETS!r}}}, open('seen.json', 'w'))"
)


@pytest.fixture
def secrets(postgres, monkeypatch) -> dict[str, str]:
    """The grader's environment on a hub: the store's database and the hub's tokens."""
    engine = create_engine(postgres.url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA IF EXISTS nbgrader CASCADE"))
    engine.dispose()
    held = {
        "REFOCUS_DATABASE_URL": postgres.url,
        "JUPYTERHUB_API_TOKEN": "hub-token-of-the-grader",
        "JPY_API_TOKEN": "hub-token-of-the-grader",
    }
    for key, value in held.items():
        monkeypatch.setenv(key, value)
    return held


def code_cells(path) -> list:
    return [c for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code"]


def test_collect_keeps_only_the_exercises_own_code(tmp_path):
    course = open_course()
    grading.release(course, NAME)
    (sid,) = course.add_staff(1)
    home = staff_home(course, sid, tmp_path / "staff")
    exchange_step(home, "FetchAssignment", NAME)
    path = home / NAME / f"{NAME}.ipynb"
    notebook = nbformat.read(path, as_version=4)
    first = next(c for c in notebook.cells if c.cell_type == "code")
    first.source = SNOOP  # a locked cell changed (nbgrader puts its own source back)
    added = nbformat.v4.new_code_cell(SNOOP)
    twin = nbformat.v4.new_code_cell(SNOOP, metadata={"nbgrader": dict(first.metadata.nbgrader)})
    notebook.cells[3:3] = [added, twin]  # one of its own, one claiming the locked cell's id
    notebook.cells.append(nbformat.v4.new_markdown_cell("A note of my own"))
    nbformat.write(notebook, path)
    exchange_step(home, "Submit", NAME)

    grading.collect(course, NAME)
    submitted = course.root / "submitted" / sid / NAME / f"{NAME}.ipynb"
    released = code_cells(course.root / "release" / NAME / f"{NAME}.ipynb")
    kept = code_cells(submitted)
    ids = [c.metadata.nbgrader["grade_id"] for c in kept]
    assert ids == [c.metadata.nbgrader["grade_id"] for c in released]
    assert "A note of my own" in submitted.read_text()  # text is the staff member's own

    grading.autograde_serial(course, NAME)
    assert not (course.root / "autograded" / sid / NAME / "seen.json").exists()
    autograded = code_cells(course.root / "autograded" / sid / NAME / f"{NAME}.ipynb")
    source = code_cells(course.root / "source" / NAME / f"{NAME}.ipynb")
    assert [c.source for c in autograded] == [c.source for c in source]  # the kit's code


@pytest.mark.postgres
@pytest.mark.parametrize("jobs", [1, 2])
def test_staffs_cells_never_see_the_graders_secrets(secrets, jobs):
    course = open_course()
    grading.release(course, NAME)
    staff = course.add_named_staff(["sam-staff", "alex-staff"])
    for sid in staff:
        submit_directly(course, NAME, sid, {"value_3": "Value 3"}, datetime.now(UTC))
        path = course.root / "submitted" / sid / NAME / f"{NAME}.ipynb"
        notebook = nbformat.read(path, as_version=4)
        notebook.cells.append(nbformat.v4.new_code_cell(SNOOP))
        nbformat.write(notebook, path)

    parallel.autograde(course, NAME, jobs=jobs)

    for sid in staff:
        seen = json.loads((course.root / "autograded" / sid / NAME / "seen.json").read_text())
        assert seen == dict.fromkeys(SECRETS)  # the cell ran, and saw none of them
    assert {r.staff: r.score for r in statuses(course, [NAME])} == dict.fromkeys(staff, 1.0)
    import os

    assert {k: os.environ[k] for k in SECRETS} == secrets  # the grader's own are kept
