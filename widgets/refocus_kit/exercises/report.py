"""Who has done what: the status of each released exercise for each member of staff, and the
tidy table the programme review reads (`refocus exercises export`).

The tidy table has one row per member of staff, released exercise and graded item (an
exercise with no graded items, such as the supervision reflection, has one row per member of
staff with an empty `item`). Its columns, in order:

=====================  ==========================================================================
course_id              the nbgrader course (``refocus``)
team                   the team whose staff the course serves (``refocus exercises setup --team``)
exercise               the exercise's name, e.g. ``recovery-knowledge``
title                  its title
due                    when it is due, ISO 8601 in UTC (from the programme, or as moved)
staff                  the member of staff's pseudonymous id (``p-`` and 12 hex digits)
submitted              true once a submission is collected or waiting in the exchange
submitted_at           the submission's time, ISO 8601 in UTC; empty if none
late                   true if submitted after `due`
seconds_late           how late, in seconds (0 when on time or not submitted)
autograded             true once the submission has been autograded
item                   the graded item: nbgrader's grade id of the cell
item_kind              ``auto`` (marked by the autograder) or ``hand`` (marked by a facilitator)
score                  the item's mark (a hand mark over the autograder's); empty until marked
max_score              the item's maximum mark
awaiting_grading       true while the item waits for a facilitator's mark
feedback_returned      true once feedback for the submission is in the exchange for its author
=====================  ==========================================================================

Marks are formative (completion and feedback): the table has no pass or fail column.
"""

from __future__ import annotations

import csv
import json
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

from refocus_kit.exercises.catalogue import exercises
from refocus_kit.exercises.course import Course

__all__ = ["COLUMNS", "Status", "as_dict", "released", "statuses", "tidy_rows", "write_table"]

COLUMNS = (
    "course_id",
    "team",
    "exercise",
    "title",
    "due",
    "staff",
    "submitted",
    "submitted_at",
    "late",
    "seconds_late",
    "autograded",
    "item",
    "item_kind",
    "score",
    "max_score",
    "awaiting_grading",
    "feedback_returned",
)


@dataclass(frozen=True)
class Status:
    exercise: str
    staff: str
    submitted: bool
    submitted_at: str
    late: bool
    seconds_late: float
    collected: bool
    autograded: bool
    awaiting_grading: bool
    feedback_returned: bool
    score: float | None
    max_score: float

    @property
    def state(self) -> str:
        """Where the submission is, then what waits: "graded, awaiting grading" is a submission
        autograded whose hand-marked answers wait for a facilitator."""
        if not self.submitted:
            return "not submitted"
        where = "collected" if self.collected else "submitted, in the exchange"
        if self.autograded:
            where = "graded"
        flags = [where]
        if self.awaiting_grading:
            flags.append("awaiting grading")
        if self.feedback_returned:
            flags.append("feedback returned")
        return ", ".join(flags)


def released(course: Course) -> list[str]:
    """The exercises released to staff, in the catalogue's order."""
    outbound = course.exchange / course.course_id / "outbound"
    return [e.name for e in exercises() if (outbound / e.name).is_dir()]


def _utc(moment: datetime | None) -> datetime | None:
    if moment is None:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _waiting(course: Course, name: str) -> dict[str, datetime]:
    """Submissions still in the exchange: each author's latest time."""
    from nbgrader.utils import parse_utc

    latest: dict[str, datetime] = {}
    for path in (course.exchange / course.course_id / "inbound").glob(f"*+{name}+*"):
        sid, _, stamp = path.name.split("+")[:3]
        when = _utc(parse_utc(stamp))
        if when and (sid not in latest or when > latest[sid]):
            latest[sid] = when
    return latest


def _feedback_returned(course: Course, name: str, sid: str) -> bool:
    from nbgrader.utils import notebook_hash

    folder = course.root / "feedback" / sid / name
    pages = sorted(folder.glob("*.html"))
    secret = folder / "submission_secret.txt"
    if not pages or not secret.exists():
        return False
    key = secret.read_text(encoding="utf-8")
    returned = course.exchange / course.course_id / "feedback"
    return all(
        (returned / f"{notebook_hash(secret=key, notebook_id=p.stem)}.html").exists() for p in pages
    )


def _items(gb, name: str, sid: str) -> list[dict]:
    from nbgrader.api import MissingEntry

    try:
        submission = gb.find_submission(name, sid)
    except MissingEntry:
        return []
    items = []
    for notebook in submission.notebooks:
        for grade in notebook.grades:
            kind = "auto" if grade.cell.cell_type == "code" else "hand"
            # A hand mark counts however it was given (formgrader also clears the flag).
            waiting = bool(grade.needs_manual_grade) and grade.manual_score is None
            items.append(
                {
                    "item": grade.name,
                    "item_kind": kind,
                    "score": None if waiting else grade.score,
                    "max_score": grade.max_score,
                    "awaiting_grading": waiting,
                }
            )
    return items


def _cells(gb, name: str) -> list[dict]:
    """The graded items of an exercise, for staff with no graded submission."""
    assignment = gb.find_assignment(name)
    return [
        {
            "item": cell.name,
            "item_kind": "auto" if cell.cell_type == "code" else "hand",
            "score": None,
            "max_score": cell.max_score,
            "awaiting_grading": False,
        }
        for notebook in assignment.notebooks
        for cell in [*notebook.grade_cells, *notebook.task_cells]
    ]


def _status(course: Course, gb, name: str, sid: str, waiting: dict) -> tuple[Status, list]:
    from nbgrader.api import MissingEntry

    due = course.due(name)
    collected = (course.root / "submitted" / sid / name).is_dir()
    items = _items(gb, name, sid)
    autograded = bool(items) or (course.root / "autograded" / sid / name).is_dir()
    when = None
    try:
        when = _utc(gb.find_submission(name, sid).timestamp)
    except MissingEntry:
        if collected:
            stamp = course.root / "submitted" / sid / name / "timestamp.txt"
            from nbgrader.utils import parse_utc

            when = _utc(parse_utc(stamp.read_text().strip())) if stamp.exists() else None
    when = when or waiting.get(sid)
    late = bool(when and when > due)
    scored = [i for i in items if i["score"] is not None]
    status = Status(
        exercise=name,
        staff=sid,
        submitted=when is not None or collected,
        submitted_at=when.isoformat() if when else "",
        late=late,
        seconds_late=round((when - due).total_seconds(), 3) if late and when else 0.0,
        collected=collected,
        autograded=autograded,
        awaiting_grading=any(i["awaiting_grading"] for i in items),
        feedback_returned=_feedback_returned(course, name, sid),
        score=sum(i["score"] for i in scored) if items else None,
        max_score=sum(i["max_score"] for i in items or _cells(gb, name)),
    )
    return status, items


def statuses(course: Course, names: list[str] | None = None) -> list[Status]:
    return [s for s, _ in _walk(course, names)]


def _walk(course: Course, names: list[str] | None):
    names = names or released(course)
    with course.gradebook() as gb:
        staff = sorted(s.id for s in gb.students)
        for name in names:
            waiting = _waiting(course, name)
            for sid in sorted(set(staff) | set(waiting)):
                yield _status(course, gb, name, sid, waiting)


def tidy_rows(course: Course, names: list[str] | None = None) -> list[dict]:
    """The tidy table (see the module's docstring for its columns)."""
    titles = {e.name: e.title for e in exercises()}
    rows = []
    with course.gradebook() as gb:
        cells = {n: _cells(gb, n) for n in (names or released(course))}
    for status, items in _walk(course, names):
        base = {
            "course_id": course.course_id,
            "team": course.team,
            "exercise": status.exercise,
            "title": titles[status.exercise],
            "due": course.due(status.exercise).isoformat(),
            "staff": status.staff,
            "submitted": status.submitted,
            "submitted_at": status.submitted_at,
            "late": status.late,
            "seconds_late": status.seconds_late,
            "autograded": status.autograded,
            "feedback_returned": status.feedback_returned,
        }
        empty = {"item": "", "item_kind": "", "score": None, "max_score": None}
        for item in items or cells[status.exercise] or [{**empty, "awaiting_grading": False}]:
            rows.append({c: {**base, **item}[c] for c in COLUMNS})
    return rows


def write_table(rows: list[dict], path: Path, fmt: str) -> None:
    """CSV (true/false, empty for none) or JSON (a list of objects)."""
    if fmt == "json":
        path.write_text(json.dumps(rows, indent=1) + "\n", encoding="utf-8")
        return
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.DictWriter(out, fieldnames=COLUMNS)
        writer.writeheader()
        for row in rows:
            writer.writerow({k: _csv(v) for k, v in row.items()})


def _csv(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else value


def as_dict(status: Status) -> dict:
    return {**asdict(status), "state": status.state}
