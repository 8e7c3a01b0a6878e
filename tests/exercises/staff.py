"""What a member of staff does, without a browser: nbgrader's own exchange classes fetch and
submit (as `nbgrader fetch_assignment` and `nbgrader submit` do), the exercise's widgets are
made and answered headless, and free text is typed into the answer cells."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
from datetime import UTC, datetime
from pathlib import Path

import nbformat

from refocus_kit.exercises.answers import ANSWERS_FILE
from refocus_kit.exercises.course import Course

__all__ = ["answer_cell", "exchange_step", "in_folder", "staff_home", "submit_directly"]


@contextlib.contextmanager
def in_folder(folder: Path):
    before = os.getcwd()
    os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(before)


def staff_home(course: Course, sid: str, parent: Path) -> Path:
    """A staff member's folder with the nbgrader settings `refocus exercises staff-config`
    writes."""
    home = parent / sid
    home.mkdir(parents=True)
    (home / "nbgrader_config.py").write_text(course.staff_config(sid), encoding="utf-8")
    return home


def exchange_step(home: Path, step: str, name: str) -> None:
    """FetchAssignment, Submit or FetchFeedback, with the settings in the staff's folder."""
    from nbgrader.auth import Authenticator
    from nbgrader.coursedir import CourseDirectory
    from nbgrader.exchange import ExchangeFactory
    from traitlets.config.loader import PyFileConfigLoader

    with in_folder(home):
        config = PyFileConfigLoader("nbgrader_config.py", path=str(home)).load_config()
        config.CourseDirectory.assignment_id = name
        config.CourseDirectory.root = str(home)
        factory = ExchangeFactory(config=config)
        runner = getattr(factory, step)(
            coursedir=CourseDirectory(config=config),
            authenticator=Authenticator(config=config),
            config=config,
        )
        runner.start()


def answer_cell(notebook: Path, grade_id: str, text: str) -> None:
    """Type `text` into the answer cell with this grade id, as staff do in the Lab."""
    nb = nbformat.read(notebook, as_version=4)
    cells = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id]
    assert len(cells) == 1, f"no single answer cell {grade_id!r} in {notebook.name}"
    cells[0].source = text
    nbformat.write(nb, notebook)


def submit_directly(course: Course, name: str, sid: str, answers: dict, when: datetime) -> None:
    """A collected submission as `collect` leaves it: the released files, the staff member's
    answers file and nbgrader's timestamp (for the benchmark and tests of grading alone)."""
    target = course.root / "submitted" / sid / name
    shutil.copytree(course.root / "release" / name, target)
    (target / ANSWERS_FILE).write_text(json.dumps(answers), encoding="utf-8")
    stamp = when.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f UTC")
    (target / "timestamp.txt").write_text(stamp, encoding="utf-8")
