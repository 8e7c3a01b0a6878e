"""The exercises' due dates, left in the exchange for nbgrader's Assignment List.

nbgrader's Assignment List shows no due date (nbgrader issue #943). The kit adds one: as an
exercise is released, and whenever a date moves (`refocus exercises setup`), it writes the due
dates of the course's released exercises into one small file in the course's folder of the
exchange, beside nbgrader's ``outbound/`` (not inside a release, so fetching never copies it).
A member of staff's Jupyter server reads it there (due_handler.py), on the same machine or on a
JupyterHub whose staff share the exchange but cannot read the facilitator's data folder.

Reading is for one course at a time, by name: a name that is not a plain folder name is
refused, the file is never followed through a link, and an entry that is not an exercise's name
and a date is left out, so a damaged file shows fewer dates, never an error.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from refocus_kit.files import write_whole

if TYPE_CHECKING:
    from refocus_kit.exercises.course import Course

__all__ = [
    "DUE_FILE",
    "DueDate",
    "courses_in",
    "publish_due_dates",
    "read_due_dates",
]

DUE_FILE = "refocus-due-dates.json"
_FORMAT = 1
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,199}")
_MAX_BYTES = 256 * 1024


@dataclass(frozen=True)
class DueDate:
    course_id: str
    assignment_id: str
    due: datetime  # aware, UTC

    @property
    def label(self) -> str:
        """What the Assignment List shows: the day, and the time when it is not midnight (a
        date a facilitator set to the hour)."""
        when = self.due.astimezone(UTC)
        day = f"Due {when.day} {when:%B %Y}"
        return day if (when.hour, when.minute) == (0, 0) else f"{day}, {when:%H:%M} UTC"

    def as_json(self) -> dict[str, str]:
        return {
            "course_id": self.course_id,
            "assignment_id": self.assignment_id,
            "due": self.due.astimezone(UTC).isoformat(),
            "label": self.label,
        }


def publish_due_dates(course: Course) -> Path | None:
    """Write the due dates of the course's released exercises into the exchange, whole and
    readable by all (as nbgrader's releases are); None when nothing is released yet."""
    from refocus_kit.exercises.catalogue import exercises

    folder = course.exchange / course.course_id
    outbound = folder / "outbound"
    if not outbound.is_dir():
        return None
    due = {
        item.name: course.due(item).astimezone(UTC).isoformat()
        for item in exercises()
        if (outbound / item.name).is_dir()
    }
    text = json.dumps({"format": _FORMAT, "due": due}, indent=1) + "\n"
    write_whole(folder / DUE_FILE, text, mode=0o644)
    return folder / DUE_FILE


def courses_in(exchange: Path) -> list[str]:
    """The courses with a folder in the exchange (for a server whose settings name none)."""
    try:
        return sorted(p.name for p in exchange.iterdir() if _NAME.fullmatch(p.name) and p.is_dir())
    except OSError:
        return []


def read_due_dates(exchange: Path, course_id: str) -> list[DueDate]:
    """The due dates the kit left for one course, by assignment name; none when there is no
    file, it is damaged, or the course's name is not a plain folder name."""
    if not _NAME.fullmatch(course_id):
        return []
    data = _load(exchange / course_id / DUE_FILE)
    entries = data.get("due") if isinstance(data, dict) and data.get("format") == _FORMAT else None
    if not isinstance(entries, dict):
        return []
    found = []
    for name, value in sorted(entries.items()):
        when = _when(value)
        if _NAME.fullmatch(name) and when is not None:
            found.append(DueDate(course_id, name, when))
    return found


def _load(path: Path) -> object:
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
        with os.fdopen(descriptor, "rb") as handle:
            raw = handle.read(_MAX_BYTES + 1)
    except OSError:
        return None
    if len(raw) > _MAX_BYTES:
        return None
    try:
        return json.loads(raw.decode("utf-8"))
    except ValueError:
        return None


def _when(value: object) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        when = datetime.fromisoformat(value)
    except ValueError:
        return None
    return when.astimezone(UTC) if when.tzinfo else when.replace(tzinfo=UTC)
