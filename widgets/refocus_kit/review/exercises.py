"""The staff exercises as the review reads them: the exercises' own tidy export (completion,
grading and feedback from the nbgrader gradebook), or an empty table saying why there is none.

The exercises are built elsewhere in the kit; this is the one place the review touches them, so
the review works before they arrive and whatever state the gradebook is in."""

from __future__ import annotations

import importlib
from dataclasses import dataclass

import pandas as pd

__all__ = ["EXERCISE_COLUMNS", "NO_EXERCISES", "ExerciseTable", "exercises_table"]

# What the review needs from each row of the exercises' export.
EXERCISE_COLUMNS = ["team", "student", "assignment", "status", "score", "max_score"]
NO_EXERCISES = "No exercises yet: {why}."


@dataclass(frozen=True)
class ExerciseTable:
    table: pd.DataFrame
    note: str = ""  # why the table is empty, when it is


def _empty(why: str) -> ExerciseTable:
    return ExerciseTable(pd.DataFrame(columns=EXERCISE_COLUMNS), NO_EXERCISES.format(why=why))


def exercises_table() -> ExerciseTable:
    """The exercises' tidy export (`refocus exercises export`), or an empty table with a note."""
    try:
        export = importlib.import_module("refocus_kit.exercises.export")
    except ImportError:
        return _empty("the kit's exercises module is not installed")
    read = getattr(export, "tidy", None)
    if read is None:
        return _empty("the exercises module has no tidy export")
    try:
        table = read()
    except (FileNotFoundError, OSError, LookupError) as exc:
        return _empty(f"no gradebook to read ({type(exc).__name__})")
    table = pd.DataFrame(table)
    missing = [c for c in EXERCISE_COLUMNS if c not in table.columns]
    if missing:
        return _empty(f"the exercises' export lacks {', '.join(missing)}")
    if table.empty:
        return _empty("nothing has been submitted")
    return ExerciseTable(table)
