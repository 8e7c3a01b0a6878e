"""Load the trainer-led sessions from `sessions/<event-id>.yaml` and join each to its programme
event. The bundled files are checked against the JSON Schema by the test suite (any file by
`refocus course check`), not at every start: jsonschema is slow to import."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from importlib import resources
from pathlib import Path

from refocus_kit.course.model import Session
from refocus_kit.programme import Event, programme
from refocus_kit.schemas import read_mapping, schema_problem

__all__ = [
    "STRATEGIES",
    "CourseError",
    "check_session",
    "load_session",
    "session",
    "session_paths",
    "sessions",
]

SCHEMA = "session.v1.json"  # under the package's schema/ folder

STRATEGIES = (1, 2, 3)  # the trainer-led strategies: information, recovery training, coaching


class CourseError(ValueError):
    """A session file is malformed; the message names the file, the place and the fault."""


def session_paths() -> list[Path]:
    """Every bundled session file, in name order."""
    folder = Path(str(resources.files("refocus_kit.course") / "sessions"))
    return sorted(folder.glob("*.yaml"))


def _event(path: Path, data: dict) -> Event:
    """The programme event the file names: a facilitated event of strategy 1-3, named as the
    file is."""
    event_id = data.get("event")
    found = {e.id: e for e in programme().events}.get(event_id)  # type: ignore[arg-type]
    if found is None:
        raise CourseError(f"{path.name}: event {event_id!r} is not in the programme")
    if found.strategy not in STRATEGIES or not found.facilitated:
        raise CourseError(f"{path.name}: {found.id} is not a trainer-led event of strategy 1-3")
    if path.stem != found.id:
        raise CourseError(f"{path.name}: the file of event {found.id} must be {found.id}.yaml")
    return found


def _length_problem(data: dict, event: Event) -> str | None:
    """The programme gives the length; a session states its own only where the manual is
    silent, and says so."""
    if event.length and "length" in data:
        return f"its length comes from the programme ({event.length.label}): remove `length`"
    if not event.length and "length" not in data:
        return (
            f"the manual gives no length for {event.id}: state the kit's own under `length` "
            "(minutes, kit_own: true)"
        )
    return None


def _twice(keys: Iterable[str]) -> list[str]:
    seen = list(keys)
    return sorted({k for k in seen if seen.count(k) > 1})


def _agenda_problems(built: Session) -> list[str]:
    problems = []
    total = sum(part.minutes for part in built.agenda)
    if total != built.minutes:
        gap = built.minutes - total
        side = f"{gap} short of" if gap > 0 else f"{-gap} over"
        whose = "the kit's own length" if built.length_kit_own else "the event's length"
        problems.append(
            f"the agenda of {built.id} adds up to {total} minutes, {side} {whose} "
            f"({built.minutes} minutes)"
        )
    keys = [part.key for part in built.agenda]
    problems += [
        f"agenda key {k!r} is used twice" for k in sorted({k for k in keys if keys.count(k) > 1})
    ]
    return problems


def _check_problems(built: Session) -> list[str]:
    problems = []
    ids = [c.id for c in built.checks]
    problems += [
        f"check id {i!r} is used twice" for i in sorted({i for i in ids if ids.count(i) > 1})
    ]
    for check in built.checks:
        for n, item in enumerate(check.items):
            if check.kind == "choose" and item.answer not in check.options:
                problems.append(
                    f"check {check.id}, item {n + 1}: answer {item.answer!r} is not one of its "
                    "options"
                )
    return problems


def _reference_problems(built: Session) -> list[str]:
    from refocus_kit.course.coverage_map import elements
    from refocus_kit.sessions import participant_forms

    known = elements()
    problems = [
        f"agenda part {part.key}: unknown coverage element {element!r}"
        for part in built.agenda
        for element in part.covers
        if element not in known
    ]
    if built.discussion and built.discussion not in participant_forms():
        problems.append(f"discussion form {built.discussion!r} is not a participant form")
    return problems


def load_session(path: Path, *, check_schema: bool = True) -> Session:
    """Read and build a session file; raise CourseError naming every fault found."""
    data = read_mapping(path, CourseError)
    problem = schema_problem(__package__, SCHEMA, data) if check_schema else None
    if problem:
        raise CourseError(f"{path.name}: {problem}")
    event = _event(path, data)
    problem = _length_problem(data, event)
    if problem:
        raise CourseError(f"{path.name}: {problem}")
    try:
        built = Session.from_data(data, event)
    except (KeyError, TypeError) as exc:  # only reachable when the schema check was skipped
        raise CourseError(f"{path.name}: malformed ({exc}); run `refocus course check`") from None
    problems = _agenda_problems(built) + _check_problems(built) + _reference_problems(built)
    if problems:
        raise CourseError(f"{path.name}: " + "; ".join(problems))
    return built


def check_session(path: Path) -> Session:
    """The full check, schema included, for a file someone wrote."""
    return load_session(path, check_schema=True)


@cache
def sessions() -> dict[str, Session]:
    """Every bundled session by event id, in the order the programme runs them."""
    loaded = {s.id: s for s in (load_session(p, check_schema=False) for p in session_paths())}
    order = [e.id for e in programme().events]
    return {key: loaded[key] for key in sorted(loaded, key=order.index)}


def session(event_id: str) -> Session:
    """One bundled session, by its programme event id."""
    found = sessions()
    if event_id not in found:
        raise KeyError(f"no session for {event_id!r}; sessions: {', '.join(found) or 'none yet'}")
    return found[event_id]
