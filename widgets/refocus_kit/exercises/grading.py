"""The facilitator's steps, one exercise at a time, through nbgrader's Python API: release it,
collect the team's submissions, autograde them, and return feedback.

Each step over the team calls `step(staff_id)` after each member, so the command line can show a
progress bar. A step nbgrader refuses raises ExercisesError with nbgrader's own reason.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Callable, Iterator
from html import escape
from pathlib import Path

from refocus_kit.exercises.catalogue import exercise
from refocus_kit.exercises.course import Course, CourseError
from refocus_kit.exercises.due_dates import publish_due_dates

__all__ = [
    "DUE_MARKER",
    "KERNEL_SECRETS",
    "ExercisesError",
    "apply_due_dates",
    "autograde_serial",
    "collect",
    "collected",
    "escape_answers",
    "feedback",
    "inbound",
    "kernel_environment",
    "release",
    "secrets_hidden",
    "strip_staff_code",
]

DUE_MARKER = "DUE_DATE"
# Autograding runs each submission's notebook, cells a member of staff added included, in a
# kernel that inherits the grader's environment. On a hub the grader holds the store's database
# address and the hub's token for its service: its kernels never do.
KERNEL_SECRETS = ("REFOCUS_DATABASE_URL", "JUPYTERHUB_API_TOKEN", "JPY_API_TOKEN")

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


def _grade_ids(notebook: Path) -> set[str]:
    """The grade ids of a released notebook's code cells (each one locked: the exercises ask
    staff for no code of their own)."""
    if not notebook.is_file():
        return set()
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    return {
        c["metadata"]["nbgrader"]["grade_id"]
        for c in cells
        if c["cell_type"] == "code" and c.get("metadata", {}).get("nbgrader", {}).get("locked")
    }


def strip_staff_code(folder: Path, released: Path) -> int:
    """Remove from each submitted notebook every code cell that is not one of the released
    notebook's own (by grade id, the first of each): autograding runs a submission's code
    cells, and on a hub the grader must run the kit's code only. nbgrader puts the released
    source back into the cells kept. Text cells stay as written. Returns how many went."""
    removed = 0
    for path in folder.glob("*.ipynb"):
        known = _grade_ids(released / path.name)
        notebook = json.loads(path.read_text(encoding="utf-8"))
        kept, seen = [], set()
        for cell in notebook["cells"]:
            if cell["cell_type"] == "code":
                grade_id = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
                if grade_id not in known or grade_id in seen:
                    removed += 1
                    continue
                seen.add(grade_id)
            kept.append(cell)
        if len(kept) != len(notebook["cells"]):
            notebook["cells"] = kept
            path.write_text(json.dumps(notebook, indent=1, ensure_ascii=False) + "\n", "utf-8")
    return removed


def collect(course: Course, name: str, step: Step = _none) -> list[str]:
    """Copy each staff member's latest submission from the exchange into the course, keeping
    the exercise's own code only and making markup in answers plain text."""
    exercise(name)
    staff = inbound(course, name)
    roster = set(course.staff())
    for sid in staff:
        if sid not in roster:
            with course.gradebook() as gb:
                gb.update_or_create_student(sid)
        api = course.api(CourseDirectory={"student_id": sid})
        _checked(api.collect(name, update=True), f"collect {name} from {sid}")
        submitted = course.root / "submitted" / sid / name
        strip_staff_code(submitted, course.root / "release" / name)
        escape_answers(submitted)
        step(sid)
    return staff


def kernel_environment() -> dict[str, str]:
    """This process's environment without KERNEL_SECRETS, for processes that grade."""
    return {k: v for k, v in os.environ.items() if k not in KERNEL_SECRETS}


@contextlib.contextmanager
def secrets_hidden() -> Iterator[None]:
    """KERNEL_SECRETS out of this process's environment meanwhile (kernels started meanwhile
    inherit it); settings read before, such as the gradebook's address, are unchanged."""
    hidden = {k: os.environ.pop(k) for k in KERNEL_SECRETS if k in os.environ}
    try:
        yield
    finally:
        os.environ.update(hidden)


def autograde_serial(
    course: Course, name: str, staff: list[str] | None = None, step: Step = _none
) -> list[str]:
    """nbgrader's own way: each submission after the other, in this process."""
    exercise(name)
    staff = collected(course, name) if staff is None else staff
    api = course.api()  # the gradebook's address, read while the environment holds it
    with secrets_hidden():
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
