"""Autograde a team's submissions in parallel: one worker process per core, each grading in a
scratch course of its own, then the results merged into the course.

nbgrader grades one submission after another, in a fresh kernel each. Its SQLite gradebook takes
one writer, so workers cannot share it: the parent makes one scratch course (the exercise's
source, and a SQLite gradebook holding what the course's holds: a copy of the course's own when
that is SQLite, else the source assignment generated afresh, which gives the same cells and
checksums), each worker starts from a copy of it and grades the submissions it is handed there,
and the parent then copies each autograded folder into the course and each score and comment
into the course's gradebook (SQLite or PostgreSQL), in one transaction. The scores are nbgrader's
own, so they are the serial run's (tests/exercises/test_parallel.py holds them side by side).

A submission's time (profiled in issue 13's work, 2 busy cores) goes to its kernel: starting it
(about 1 s), its cells (0.3 s, once the first no longer imports matplotlib) and nbclient's
graceful stop (0.7-1.2 s of waiting, which the workers skip: `WORKER_SETTINGS`); nbgrader's own
steps around it take 0.6 s. Each worker starts once: forked from a server that has imported
nbgrader (about 6 s of CPU here, half of it building the IRI grammar of jsonschema's optional
format checker), then copying the scratch course, with no new gradebook to create (nbgrader
runs `alembic` in a new process for one).
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import shutil
import sqlite3
import tempfile
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import replace
from pathlib import Path
from typing import Any

from refocus_kit.exercises.catalogue import exercise
from refocus_kit.exercises.course import Course
from refocus_kit.exercises.grading import (
    Step,
    _checked,
    _none,
    autograde_serial,
    collected,
    kernel_environment,
)

__all__ = ["WORKER_SETTINGS", "autograde", "default_jobs"]

# nbclient stops a kernel gracefully by default (it asks, then waits for the process to end:
# 0.7-1.2 s a submission here). A graded notebook's kernel has nothing left to do or save.
WORKER_SETTINGS: dict[str, dict[str, Any]] = {"Execute": {"shutdown_kernel": "immediate"}}

_worker: tuple[Course, Any] | None = None  # the worker's scratch course and its NbGraderAPI


def default_jobs() -> int:
    """One worker per core this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _scratch(course: Course, root: Path) -> Course:
    return replace(course, root=root, gradebook_url=f"sqlite:///{root / 'gradebook.db'}")


def _sqlite_file(url: str) -> Path | None:
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database:
        return None  # another database, or SQLite in memory: nothing on disk to copy
    return Path(parsed.database)


def _copy_sqlite(source: Path, target: Path) -> None:
    """A consistent copy of a SQLite database, even one being written to."""
    with (
        contextlib.closing(sqlite3.connect(source)) as origin,
        contextlib.closing(sqlite3.connect(target)) as copy,
    ):
        origin.backup(copy)


def _template(course: Course, name: str, root: Path) -> Course:
    """The scratch course each worker starts from a copy of."""
    template = _scratch(course, root)
    shutil.copytree(course.root / "source" / name, root / "source" / name)
    gradebook = _sqlite_file(course.db_url)
    if gradebook is not None:
        _copy_sqlite(gradebook, root / "gradebook.db")
        return template
    with template.gradebook() as gb:
        gb.update_or_create_assignment(name, duedate=course.due(name).replace(tzinfo=None))
    _checked(template.api().generate_assignment(name, force=True, create=True), "prepare")
    return template


def _context() -> multiprocessing.context.BaseContext:
    """Workers forked from one server process that has imported nbgrader once (about 6 s of
    CPU here), rather than each importing it afresh."""
    if "forkserver" not in multiprocessing.get_all_start_methods():  # Windows
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["nbgrader.apps.api", __name__])
    return context


def _start_worker(template: Course, environ: dict[str, str]) -> None:
    """Give this worker the caller's environment without its secrets (the fork server keeps the
    one it started with, and kernels inherit it; a worker's gradebook is a scratch SQLite file)
    and its own copy of the scratch course."""
    global _worker
    os.environ.clear()
    os.environ.update(environ)
    root = template.root.parent / f"worker-{os.getpid()}"
    shutil.copytree(template.root, root)
    scratch = _scratch(template, root)
    _worker = scratch, scratch.api(**WORKER_SETTINGS)


def _grade_one(course_root: str, name: str, sid: str) -> tuple[str, str]:
    assert _worker is not None
    scratch, api = _worker
    target = scratch.root / "submitted" / sid / name
    shutil.copytree(Path(course_root) / "submitted" / sid / name, target)
    _checked(api.autograde(name, sid, force=True, create=True), f"autograde {sid}")
    return sid, str(scratch.root)


def _copy_grades(graded, gb, name: str, sid: str) -> None:
    """One submission's scores, comments and lateness, from a scratch gradebook into `gb`."""
    gb.update_or_create_student(sid)
    when, extension = graded.timestamp, graded.extension
    gb.update_or_create_submission(name, sid, timestamp=when, extension=extension)
    for notebook in graded.notebooks:
        into = gb.find_submission_notebook(notebook.name, name, sid)
        into.flagged = notebook.flagged
        into.late_submission_penalty = notebook.late_submission_penalty
        for grade in notebook.grades:
            mine = gb.find_grade(grade.name, notebook.name, name, sid)
            mine.auto_score = grade.auto_score
            mine.needs_manual_grade = grade.needs_manual_grade
        for comment in notebook.comments:
            mine = gb.find_comment(comment.name, notebook.name, name, sid)
            mine.auto_comment = comment.auto_comment


def _merge(course: Course, name: str, graded: dict[Path, list[str]]) -> None:
    """Bring every graded submission from the scratch courses into the course."""
    with course.gradebook() as gb:
        for root, staff in sorted(graded.items()):
            with _scratch(course, root).gradebook() as source:
                for sid in sorted(staff):
                    target = course.root / "autograded" / sid / name
                    shutil.rmtree(target, ignore_errors=True)
                    shutil.copytree(root / "autograded" / sid / name, target)
                    _copy_grades(source.find_submission(name, sid), gb, name, sid)
        gb.db.commit()


def autograde(
    course: Course,
    name: str,
    staff: list[str] | None = None,
    jobs: int | None = None,
    step: Step = _none,
) -> list[str]:
    """Grade every collected submission of `name` (or those of `staff`), `jobs` at a time."""
    exercise(name)
    staff = collected(course, name) if staff is None else staff
    jobs = min(jobs or default_jobs(), len(staff))
    if jobs <= 1:
        return autograde_serial(course, name, staff, step)
    graded: dict[Path, list[str]] = defaultdict(list)
    with tempfile.TemporaryDirectory(prefix="autograde-", dir=course.root) as scratch_root:
        template = _template(course, name, Path(scratch_root) / "template")
        with ProcessPoolExecutor(
            jobs,
            mp_context=_context(),
            initializer=_start_worker,
            initargs=(template, kernel_environment()),
        ) as pool:
            futures = [pool.submit(_grade_one, str(course.root), name, sid) for sid in staff]
            import nbgrader.api  # noqa: F401  (for the merge; meanwhile the workers start)

            for future in as_completed(futures):
                sid, root = future.result()
                graded[Path(root)].append(sid)
                step(sid)
        _merge(course, name, graded)
    return staff
