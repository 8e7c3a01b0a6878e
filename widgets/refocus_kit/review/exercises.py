"""The staff exercises as the review reads them: the exercises' own tidy export
(`refocus_kit.exercises.report.tidy_rows`, the table `refocus exercises export` writes), one row
per member of staff and released exercise with where they are: not submitted, awaiting grading,
marked, or feedback returned. Or an empty table saying why there is none.

This is the one place the review touches the exercises. It reads every course in the data
folder: a course serves the team it names (`refocus exercises setup --team T`); on JupyterHub
one course may serve every team, or each team have its own, and each member of staff's team is
their team's hub group (review/teams.py). Rows whose team is not known yet have none (None).
nbgrader is imported only when a course is there to read (the course module itself is light),
so the review of a store with no exercises stays light."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

__all__ = ["EXERCISE_COLUMNS", "NO_EXERCISES", "STAGES", "ExerciseTable", "exercises_table"]

# One row per member of staff and exercise.
EXERCISE_COLUMNS = ["team", "exercise", "title", "due", "staff", "stage", "late", "score",
                    "max_score"]  # fmt: skip
# Where a member of staff is with an exercise, in order.
STAGES = ["not submitted", "awaiting grading", "marked", "feedback returned"]
NO_EXERCISES = "No exercises yet: {why}."


@dataclass(frozen=True)
class ExerciseTable:
    table: pd.DataFrame
    note: str = ""  # why a team may find no rows of its own here, when that is known


def _no_rows() -> pd.DataFrame:
    return pd.DataFrame(columns=EXERCISE_COLUMNS)


def _empty(why: str) -> ExerciseTable:
    return ExerciseTable(_no_rows(), NO_EXERCISES.format(why=why))


def _stage(items: pd.DataFrame) -> str:
    first = items.iloc[0]
    if not first["submitted"]:
        return "not submitted"
    if first["feedback_returned"]:
        return "feedback returned"
    if items["awaiting_grading"].any() or not first["autograded"]:
        return "awaiting grading"
    return "marked"


def per_staff(rows: list[dict]) -> pd.DataFrame:
    """The export's rows (one per graded item) as one row per member of staff and exercise."""
    items = pd.DataFrame(rows)
    keys = ["team", "exercise", "title", "due", "staff"]
    out = []
    for key, group in items.groupby(keys, sort=True):
        scores = pd.to_numeric(group["score"], errors="coerce")
        out.append(
            {
                **dict(zip(keys, key, strict=True)),
                "stage": _stage(group),
                "late": bool(group["late"].iloc[0]),
                "score": scores.sum() if scores.notna().any() else None,
                "max_score": pd.to_numeric(group["max_score"], errors="coerce").sum(),
            }
        )
    return pd.DataFrame(out, columns=EXERCISE_COLUMNS)


def exercises_table() -> ExerciseTable:
    """The exercises' tidy export of every course, one row per member of staff and exercise,
    or an empty table with a note that says what is missing."""
    from refocus_kit.exercises.course import course_ids

    found = course_ids()
    if not found:
        return _empty("no exercises course in the data folder (`refocus exercises setup`)")
    parts = [_course_table(course_id) for course_id in found]
    if len(parts) == 1:
        return parts[0]
    tables = [part.table for part in parts if not part.table.empty]
    notes = [f"Course {c}: {part.note}" for c, part in zip(found, parts, strict=True) if part.note]
    table = pd.concat(tables, ignore_index=True) if tables else _no_rows()
    return ExerciseTable(table, " ".join(notes))


def _course_table(course_id: str) -> ExerciseTable:
    from sqlalchemy.exc import SQLAlchemyError

    from refocus_kit.exercises.course import CourseError, open_course

    try:
        course = open_course(course_id=course_id, create=False)
        from refocus_kit.exercises.report import tidy_rows

        # The review reads: the gradebook is made by the facilitators' commands, not here.
        rows = tidy_rows(course) if course.has_gradebook() else []
    except (CourseError, OSError, SQLAlchemyError) as exc:
        return _empty(f"the exercises' course could not be read ({type(exc).__name__})")
    no_team = "the exercises' course names no team (`refocus exercises setup --team T`)"
    if not rows:
        return _empty(no_team if not course.team else "none has been released")
    table = per_staff(rows)
    if not course.team:
        return ExerciseTable(table.assign(team=None), NO_EXERCISES.format(why=no_team))
    return ExerciseTable(table)
