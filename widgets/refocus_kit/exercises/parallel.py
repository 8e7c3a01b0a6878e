"""Autograde a team's submissions in parallel: one worker process per core, each grading in a
scratch course of its own, then the results merged into the course.

nbgrader grades one submission after another, and most of each one's time is a kernel starting.
Its SQLite gradebook takes one writer, so workers cannot share it: each worker makes a scratch
course (the source assignment generated afresh into a SQLite gradebook of its own, which gives
the same cells and checksums as the course's), grades the submissions it is handed there, and the
parent then copies each autograded folder into the course and each score and comment into the
course's gradebook (SQLite or PostgreSQL). The scores are nbgrader's own, so they are the serial
run's (tests/exercises/test_parallel.py holds them side by side).
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import tempfile
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import replace
from pathlib import Path

from refocus_kit.exercises.catalogue import exercise
from refocus_kit.exercises.course import Course
from refocus_kit.exercises.grading import Step, _checked, _none, autograde_serial, collected

__all__ = ["autograde", "default_jobs"]

_scratch: Course | None = None  # the worker's own scratch course, set by _start_worker


def default_jobs() -> int:
    """One worker per core this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _start_worker(course: Course, name: str, scratch_root: str) -> None:
    """Build this worker's scratch course: its own folder and SQLite gradebook."""
    global _scratch
    root = Path(scratch_root) / f"worker-{os.getpid()}"
    root.mkdir(parents=True)
    scratch = replace(course, root=root, gradebook_url=f"sqlite:///{root / 'gradebook.db'}")
    shutil.copytree(course.root / "source" / name, root / "source" / name)
    with scratch.gradebook() as gb:
        gb.update_or_create_assignment(name, duedate=course.due(name).replace(tzinfo=None))
    _checked(scratch.api().generate_assignment(name, force=True, create=True), "prepare")
    _scratch = scratch


def _grade_one(course_root: str, name: str, sid: str) -> tuple[str, str]:
    assert _scratch is not None
    target = _scratch.root / "submitted" / sid / name
    shutil.copytree(Path(course_root) / "submitted" / sid / name, target)
    _checked(_scratch.api().autograde(name, sid, force=True, create=True), f"autograde {sid}")
    return sid, str(_scratch.root)


def _merge(course: Course, name: str, sid: str, scratch_root: Path) -> None:
    """Bring one graded submission from a scratch course into the course."""
    target = course.root / "autograded" / sid / name
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(scratch_root / "autograded" / sid / name, target)
    scratch = replace(
        course, root=scratch_root, gradebook_url=f"sqlite:///{scratch_root}/gradebook.db"
    )
    with scratch.gradebook() as source, course.gradebook() as gb:
        graded = source.find_submission(name, sid)
        gb.update_or_create_student(sid)
        gb.update_or_create_submission(
            name, sid, timestamp=graded.timestamp, extension=graded.extension
        )
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
    done: list[tuple[str, Path]] = []
    with tempfile.TemporaryDirectory(prefix="autograde-", dir=course.root) as scratch_root:
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(
            jobs,
            mp_context=context,
            initializer=_start_worker,
            initargs=(course, name, scratch_root),
        ) as pool:
            futures = [pool.submit(_grade_one, str(course.root), name, sid) for sid in staff]
            for future in as_completed(futures):
                graded, folder = future.result()
                done.append((graded, Path(folder)))
                step(graded)
        for graded, scratch in sorted(done):
            _merge(course, name, graded, scratch)
    return staff
