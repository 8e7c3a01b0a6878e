"""The facilitator's steps, one exercise at a time, through nbgrader's Python API: release it,
collect the team's submissions, autograde them, and return feedback.

Each step over the team calls `step(staff_id)` after each member, so the command line can show a
progress bar. A step nbgrader refuses raises ExercisesError with nbgrader's own reason.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from html import escape
from pathlib import Path

from refocus_kit.exercises.catalogue import exercise
from refocus_kit.exercises.course import Course, CourseError
from refocus_kit.exercises.due_dates import publish_due_dates

__all__ = [
    "DUE_MARKER",
    "ExercisesError",
    "apply_due_dates",
    "autograde_serial",
    "collect",
    "collected",
    "escape_answers",
    "feedback",
    "inbound",
    "release",
]

DUE_MARKER = "DUE_DATE"

Step = Callable[[str], None]


class ExercisesError(CourseError):
    """nbgrader refused a step; the message carries its reason."""


def _checked(result: dict, what: str) -> dict:
    if not result.get("success"):
        reason = (result.get("error") or result.get("log") or "no reason given").strip()
        raise ExercisesError(f"nbgrader could not {what}: {reason.splitlines()[-1]}")
    return result


def _none(_: str) -> None:
    return None


def _stamp_due(folder: Path, text: str) -> None:
    """Write the due date into the released notebooks, where the source says DUE_DATE."""
    for path in folder.glob("*.ipynb"):
        notebook = json.loads(path.read_text(encoding="utf-8"))
        for cell in notebook["cells"]:
            if cell["cell_type"] == "markdown":
                source = "".join(cell["source"])
                cell["source"] = source.replace(DUE_MARKER, text)
        path.write_text(json.dumps(notebook, indent=1, ensure_ascii=False) + "\n", "utf-8")


def apply_due_dates(course: Course) -> None:
    """Give nbgrader the course's due dates (it decides lateness from its gradebook), and the
    exchange those of the released exercises (staff's Assignment List shows them)."""
    with course.gradebook() as gb:
        for assignment in gb.assignments:
            if _known(assignment.name):
                assignment.duedate = course.due(assignment.name).replace(tzinfo=None)
        gb.db.commit()
    publish_due_dates(course)


def _known(name: str) -> bool:
    try:
        exercise(name)
    except KeyError:
        return False
    return True


def release(course: Course, name: str) -> Path:
    """Generate the staff version from source and put it in the exchange. Releasing again
    replaces what staff have not fetched yet."""
    item = exercise(name)
    course.sync_source(name)
    due = course.due(item)
    with course.gradebook() as gb:
        # nbgrader keeps due dates as naive UTC.
        gb.update_or_create_assignment(name, duedate=due.replace(tzinfo=None))
    api = course.api()
    _checked(api.generate_assignment(name, force=True, create=True), f"generate {name}")
    _stamp_due(course.root / "release" / name, course.due_text(item))
    outbound = course.exchange / course.course_id / "outbound" / name
    if outbound.exists():
        _checked(api.unrelease(name), f"withdraw the earlier release of {name}")
    _checked(api.release_assignment(name), f"release {name}")
    publish_due_dates(course)
    return outbound


def inbound(course: Course, name: str) -> list[str]:
    """The staff with a submission of `name` waiting in the exchange (newest first is nbgrader's
    business: collect takes each one's latest)."""
    folder = course.exchange / course.course_id / "inbound"
    found = {p.name.split("+")[0] for p in folder.glob(f"*+{name}+*")} if folder.is_dir() else set()
    return sorted(found)


def collected(course: Course, name: str) -> list[str]:
    """The staff whose submission of `name` is in the course's submitted/ folder."""
    folder = course.root / "submitted"
    return sorted(p.parent.name for p in folder.glob(f"*/{name}") if p.is_dir())


def escape_answers(folder: Path) -> None:
    """Make markup in staff's free-text answers plain text. nbgrader's formgrader and feedback
    show a Markdown answer's HTML as written (a <script> in an answer would run in the
    grader's page, which holds the Lab's token), so the kit escapes <, > and & in answer cells
    as it collects them: graders and feedback show exactly what was typed."""
    for path in folder.glob("*.ipynb"):
        notebook = json.loads(path.read_text(encoding="utf-8"))
        changed = False
        for cell in notebook["cells"]:
            meta = cell.get("metadata", {}).get("nbgrader", {})
            if cell["cell_type"] == "markdown" and meta.get("solution"):
                source = "".join(cell["source"])
                safe = escape(source, quote=False)
                changed |= safe != source
                cell["source"] = safe
        if changed:
            path.write_text(json.dumps(notebook, indent=1, ensure_ascii=False) + "\n", "utf-8")


def collect(course: Course, name: str, step: Step = _none) -> list[str]:
    """Copy each staff member's latest submission from the exchange into the course."""
    exercise(name)
    staff = inbound(course, name)
    roster = set(course.staff())
    for sid in staff:
        if sid not in roster:
            with course.gradebook() as gb:
                gb.update_or_create_student(sid)
        api = course.api(CourseDirectory={"student_id": sid})
        _checked(api.collect(name, update=True), f"collect {name} from {sid}")
        escape_answers(course.root / "submitted" / sid / name)
        step(sid)
    return staff


def autograde_serial(
    course: Course, name: str, staff: list[str] | None = None, step: Step = _none
) -> list[str]:
    """nbgrader's own way: each submission after the other, in this process."""
    exercise(name)
    staff = collected(course, name) if staff is None else staff
    api = course.api()
    for sid in staff:
        _checked(api.autograde(name, sid, force=True, create=True), f"autograde {sid}'s {name}")
        step(sid)
    return staff


def _release_feedback(api, name: str, sid: str) -> dict:
    """NbGraderAPI.release_feedback, with the authenticator passed under its right name (the
    API's own call misspells it, which traitlets warns about and ignores)."""
    from nbgrader.utils import capture_log, temp_attrs

    with temp_attrs(api.coursedir, assignment_id=name, student_id=sid):
        app = api.exchange.ReleaseFeedback(
            coursedir=api.coursedir, authenticator=api.authenticator, parent=api
        )
        return capture_log(app)


def feedback(course: Course, name: str, step: Step = _none) -> list[str]:
    """Write each graded submission's feedback and put it in the exchange for its author."""
    exercise(name)
    folder = course.root / "autograded"
    staff = sorted(p.parent.name for p in folder.glob(f"*/{name}") if p.is_dir())
    api = course.api()
    for sid in staff:
        _checked(api.generate_feedback(name, sid, force=True), f"write {sid}'s feedback")
        _checked(_release_feedback(api, name, sid), f"return {sid}'s feedback")
        step(sid)
    return staff
