"""The staff exercises as data (data/exercises.yaml): each one's name, title, source in the
manual, and the programme event it is due before, which gives its due date for a course."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources

from refocus_kit.programme.loader import programme
from refocus_kit.schemas import load_yaml

__all__ = ["Exercise", "due_date", "exercise", "exercises"]


@dataclass(frozen=True)
class Exercise:
    name: str
    title: str
    source: str
    due_before: str

    @property
    def due_month(self) -> int:
        """The programme month of the event the exercise prepares for (1 is the first)."""
        return next(e.month for e in programme().events if e.id == self.due_before)

    @property
    def event_title(self) -> str:
        return next(e.title for e in programme().events if e.id == self.due_before)


@cache
def exercises() -> tuple[Exercise, ...]:
    text = (resources.files("refocus_kit.exercises") / "data" / "exercises.yaml").read_text()
    return tuple(Exercise(**entry) for entry in load_yaml(text)["exercises"])


def exercise(name: str) -> Exercise:
    for item in exercises():
        if item.name == name:
            return item
    known = ", ".join(e.name for e in exercises())
    raise KeyError(f"no exercise {name!r}; the exercises are: {known}")


def due_date(item: Exercise, programme_start: date) -> date:
    """The first day of the event's month, counting the programme's start as month 1 (the
    kit's own rule, see data/exercises.yaml)."""
    months = programme_start.month - 1 + item.due_month - 1
    year, month = programme_start.year + months // 12, months % 12 + 1
    day = min(programme_start.day, calendar.monthrange(year, month)[1])
    return date(year, month, day)
