"""Autograding in parallel gives nbgrader's serial scores, comments and lateness, cell by cell,
and leaves the same autograded files, whether the course's gradebook is SQLite (the scratch
courses start from a copy of it) or PostgreSQL (they start from the assignment generated
afresh); and the nbclient setting the workers rely on still does what they rely on."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import ClassVar

import nbformat
import pytest
from jupyter_client.manager import AsyncKernelManager

from refocus_kit.exercises import grading, parallel
from refocus_kit.exercises.course import open_course
from tests.exercises.staff import submit_directly

# nbgrader's own gradebook code warns as it adds a submission (SQLAlchemy autoflush).
NBGRADER_NOISE = pytest.mark.filterwarnings("ignore::sqlalchemy.exc.SAWarning")
pytestmark = [pytest.mark.slow, pytest.mark.timeout(1800), NBGRADER_NOISE]

NAME = "recovery-knowledge"
ANSWERS = [
    {"personal_or_clinical": "Personal recovery", "value_3": "Value 3"},
    {"personal_or_clinical": "Clinical recovery", "language": "Language matters"},
    {},
    {"value_1": "To support personal recovery", "value_2": "Reducing symptoms"},
]


def graded(course) -> dict:
    with course.gradebook() as gb:
        return {
            (sid, g.name): (g.score, g.needs_manual_grade, round(sub.total_seconds_late))
            for sid in course.staff()
            for sub in [gb.find_submission(NAME, sid)]
            for nb in sub.notebooks
            for g in nb.grades
        }


def printed(course, sid) -> list:
    """What each autograder test printed and returned (widgets' outputs carry random ids)."""
    path = course.root / "autograded" / sid / NAME / f"{NAME}.ipynb"
    cells = json.loads(path.read_text())["cells"]
    tests = [c for c in cells if c["metadata"].get("nbgrader", {}).get("grade")]
    # A kernel may send one print in several chunks: compare the text, not the chunking.
    return [
        "".join(
            "".join(o.get("text") or o.get("data", {}).get("text/plain", "")) for o in c["outputs"]
        )
        for c in tests
    ]


def test_parallel_scores_are_the_serial_ones(tmp_path, gradebook_database, monkeypatch):
    serial = open_course(tmp_path / "serial")
    serial = replace(serial, gradebook_url=serial.db_url)  # SQLite, whatever the kit's is
    if gradebook_database != "sqlite":
        monkeypatch.setenv("REFOCUS_DATABASE_URL", gradebook_database)
    courses = [serial, open_course(tmp_path / "parallel")]
    assert courses[1].db_url.startswith(gradebook_database)
    due = datetime(2027, 2, 4, tzinfo=UTC)
    for course in courses:
        course.due_overrides[NAME] = due.isoformat()
        course.save()
        grading.release(course, NAME)
        for i, answers in enumerate(ANSWERS):
            when = due + timedelta(hours=1 if i == 3 else -1)  # the fourth is late
            submit_directly(course, NAME, f"p-00000000000{i}", answers, when)
    serial, kit = courses
    steps: list[str] = []
    grading.autograde_serial(serial, NAME)
    parallel.autograde(kit, NAME, jobs=2, step=steps.append)
    assert sorted(steps) == serial.staff() == kit.staff()
    assert graded(kit) == graded(serial)
    scores = {sid: sum(v[0] for k, v in graded(kit).items() if k[0] == sid) for sid in kit.staff()}
    assert list(scores.values()) == [2.0, 1.0, 0.0, 1.0]
    assert [v[2] for k, v in graded(kit).items() if k[1] == "value_1_mark"] == [0, 0, 0, 3600]
    for sid in kit.staff():
        assert printed(kit, sid) == printed(serial, sid)
    assert not list(kit.root.glob("autograde-*")), "the scratch courses are removed"


class _Recording(AsyncKernelManager):
    """A kernel manager that notes how it was asked to stop its kernel."""

    stops: ClassVar[list[bool]] = []

    async def shutdown_kernel(self, now: bool = False, restart: bool = False) -> None:
        self.stops.append(now)
        await super().shutdown_kernel(now=now, restart=restart)


def test_a_worker_stops_each_kernel_at_once(tmp_path):
    """Pins what WORKER_SETTINGS relies on: nbgrader's Execute takes nbclient's
    `shutdown_kernel` setting, runs every cell, and then stops the kernel at once rather than
    waiting for it to exit."""
    from nbgrader.preprocessors import Execute

    config = open_course(tmp_path / "course").config(**parallel.WORKER_SETTINGS)
    config.Execute.kernel_manager_class = _Recording
    notebook = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_code_cell("x = 6 * 7"), nbformat.v4.new_code_cell("print(x)")]
    )
    _Recording.stops.clear()
    Execute(config=config).preprocess(notebook, {"metadata": {"path": str(tmp_path)}})
    assert _Recording.stops == [True]
    assert [o.text for o in notebook.cells[1].outputs] == ["42\n"]
