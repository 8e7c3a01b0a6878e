"""Timetables kept in the store: each team's start date and length, and the trainer's changes
(one event moved or cancelled), so that the next `refocus timetable` and the review see them."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, select, update

from refocus_kit.forms.validate import AnswersError, FieldError
from refocus_kit.programme import programme
from refocus_kit.store.store import Store, check_label
from refocus_kit.store.tables import timetable_changes, timetables
from refocus_kit.timetable.plan import CANCELLED, MOVED, Change, Timetable, make_timetable

__all__ = [
    "cancel_event",
    "clear_demo_timetables",
    "kept_changes",
    "move_event",
    "restore_event",
    "save_start",
    "team_timetable",
    "timetabled_teams",
]


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _check_team(team: str) -> None:
    errors = check_label("team", team)
    if errors:
        raise AnswersError(errors)


def save_start(
    store: Store, team: str, start: dt.date, months: int = 18, *, demo: bool = False
) -> Timetable:
    """Keep (or change) a team's start date and programme length."""
    _check_team(team)
    make_timetable(team, start, months)  # refuses a length outside the programme
    row = {"start_on": start, "months": months, "updated_at": _now(), "demo": demo}
    with store.engine.begin() as conn:
        changed = conn.execute(
            update(timetables).where(timetables.c.team == team).values(**row)
        ).rowcount
        if not changed:
            conn.execute(timetables.insert().values(team=team, **row))
    return make_timetable(team, start, months, kept_changes(store, team))


def team_timetable(store: Store, team: str) -> Timetable | None:
    """The team's dated plan with its kept changes, or None before its start date is kept."""
    with store.engine.connect() as conn:
        row = conn.execute(select(timetables).where(timetables.c.team == team)).first()
    if row is None:
        return None
    return make_timetable(team, row.start_on, row.months, kept_changes(store, team))


def timetabled_teams(store: Store) -> list[str]:
    with store.engine.connect() as conn:
        return list(conn.execute(select(timetables.c.team).order_by(timetables.c.team)).scalars())


def kept_changes(store: Store, team: str) -> dict[str, Change]:
    query = select(timetable_changes).where(timetable_changes.c.team == team)
    with store.engine.connect() as conn:
        rows = conn.execute(query).all()
    return {r.event_id: Change(r.event_id, r.action, r.moved_to, r.note or "") for r in rows}


def _event_id(event_id: str) -> str:
    known = {e.id for e in programme().events}
    if event_id not in known:
        message = f"no event {event_id!r}; `refocus programme show --json` lists the ids"
        raise AnswersError([FieldError("event", "Event", message)])
    return event_id


def _keep(store: Store, team: str, change: Change, demo: bool) -> None:
    _check_team(team)
    errors = check_label("note", change.note or None, 200)
    if errors:
        raise AnswersError(errors)
    row = {
        "action": change.action,
        "moved_to": change.moved_to,
        "note": change.note or None,
        "changed_at": _now(),
        "demo": demo,
    }
    where = (timetable_changes.c.team == team) & (timetable_changes.c.event_id == change.event_id)
    with store.engine.begin() as conn:
        if not conn.execute(update(timetable_changes).where(where).values(**row)).rowcount:
            conn.execute(
                timetable_changes.insert().values(team=team, event_id=change.event_id, **row)
            )


def move_event(
    store: Store, team: str, event_id: str, to: dt.date, note: str = "", *, demo: bool = False
) -> None:
    """Keep one event of a team's timetable on another date."""
    _keep(store, team, Change(_event_id(event_id), MOVED, to, note), demo)


def cancel_event(
    store: Store, team: str, event_id: str, note: str = "", *, demo: bool = False
) -> None:
    """Keep one event of a team's timetable as cancelled."""
    _keep(store, team, Change(_event_id(event_id), CANCELLED, None, note), demo)


def restore_event(store: Store, team: str, event_id: str) -> bool:
    """Put an event back on its planned date; True if it had been changed."""
    where = (timetable_changes.c.team == team) & (
        timetable_changes.c.event_id == _event_id(event_id)
    )
    with store.engine.begin() as conn:
        return bool(conn.execute(delete(timetable_changes).where(where)).rowcount)


def clear_demo_timetables(store: Store) -> int:
    """Remove the demo teams' timetables and changes, and nothing else."""
    with store.engine.begin() as conn:
        conn.execute(delete(timetable_changes).where(timetable_changes.c.demo))
        return conn.execute(delete(timetables).where(timetables.c.demo)).rowcount
