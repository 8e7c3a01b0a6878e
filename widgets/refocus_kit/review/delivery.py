"""Delivery: each team's events held against its timetable, and who attended.

An event counts as held when a session was opened for it, an attendance record names it, or a
record of it (a team reflection session, a manager group) was made with its number. Its status
against the timetable: held; cancelled; planned (its date has not come); due (its date has
passed within the last 30 days); overdue (more than 30 days past). The 30 days are the kit's
own grace, not the manual's."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

import pandas as pd

from refocus_kit.forms.loader import load_form
from refocus_kit.programme import Event, Strategy, programme
from refocus_kit.review.sources import Sources, entries, per_response
from refocus_kit.timetable import Timetable

__all__ = ["DELIVERY_COLUMNS", "GRACE_DAYS", "Held", "delivery_table", "event_for", "held_events"]

GRACE_DAYS = 30  # the kit's own: how long past its date an event is "due" before "overdue"
DELIVERY_COLUMNS = [
    "team",
    "strategy",
    "strategy_name",
    "event_id",
    "title",
    "provided",
    "planned_on",
    "on",
    "status",
    "held_on",
    "present",
    "expected",
]


@dataclass
class Held:
    held_on: dt.date
    present: int | None = None
    expected: int | None = None


def event_for(strategy: Strategy, number: int | None) -> Event | None:
    """The strategy's event with this number (or, for a strategy whose events carry no
    numbers, the n-th of them)."""
    if number is None:
        return strategy.events[0] if len(strategy.events) == 1 else None
    numbered = {e.number: e for e in strategy.numbered}
    if numbered:
        return numbered.get(number)
    return strategy.events[number - 1] if 1 <= number <= len(strategy.events) else None


def _number(value: object, prefix: str) -> int | None:
    text = str(value or "")
    digits = text[len(prefix) :] if text.startswith(prefix) else ""
    return int(digits) if digits.isdigit() else None


def _from_sessions(sources: Sources) -> Iterator[tuple[str, str, Held]]:
    for session in sources.sessions:
        room = load_form(session.form_id).room
        if room is None:
            continue
        event = event_for(programme().strategy(room.strategy), session.number)
        if event is not None:
            yield session.team, event.id, Held(session.held_on, expected=session.expected)


def _from_attendance(sources: Sources) -> Iterator[tuple[str, str, Held]]:
    records = per_response(
        sources.tidy, "attendance", ["strategy", "session_number", "session_date"]
    )
    people = entries(sources.tidy, "attendance", "attendees")
    if records.empty:
        return
    came = people[people.get("status", pd.Series(dtype=object)).isin(["present", "late"])]
    present = came.groupby("response_id").size()
    for row in records.itertuples():
        number = int(row.session_number) if pd.notna(row.session_number) else None
        event = event_for(programme().strategy(row.strategy), number)
        if event is not None and isinstance(row.session_date, str):
            day = dt.date.fromisoformat(row.session_date)
            yield row.team, event.id, Held(day, present=int(present.get(row.response_id, 0)))


def _from_records(sources: Sources) -> Iterator[tuple[str, str, Held]]:
    for strategy in programme().strategies:
        room = load_form(strategy.form).room if strategy.form else None
        if strategy.form is None or room is None or room.number_field is None:
            continue
        found = per_response(sources.tidy, strategy.form, [room.number_field])
        for row in found.itertuples():
            event = event_for(
                strategy, _number(getattr(row, room.number_field), room.number_prefix)
            )
            if event is not None:
                yield row.team, event.id, Held(row.created_on)


def held_events(sources: Sources) -> dict[tuple[str, str], Held]:
    """(team, event id) -> the earliest evidence it was held, with the best attendance known."""
    held: dict[tuple[str, str], Held] = {}
    for source in (_from_sessions, _from_attendance, _from_records):
        for team, event_id, found in source(sources):
            known = held.setdefault((team, event_id), found)
            known.held_on = min(known.held_on, found.held_on)
            known.present = found.present if found.present is not None else known.present
            known.expected = found.expected if found.expected is not None else known.expected
    return held


def _status(on: dt.date | None, held: Held | None, today: dt.date) -> str:
    if held is not None:
        return "held"
    if on is None:
        return "cancelled"
    if on > today:
        return "planned"
    return "due" if (today - on).days <= GRACE_DAYS else "overdue"


def _rows(team: str, plan: Timetable, held: dict, today: dt.date) -> Iterator[dict]:
    for dated in plan.events:
        found = held.get((team, dated.event.id))
        yield {
            "team": team,
            "strategy": dated.strategy.number,
            "strategy_name": dated.strategy.name,
            "event_id": dated.event.id,
            "title": dated.event.title,
            "provided": dated.provided,
            "planned_on": dated.planned_on,
            "on": dated.on,
            "status": _status(dated.on, found, today),
            "held_on": found.held_on if found else None,
            "present": found.present if found else None,
            "expected": found.expected if found else None,
        }


def delivery_table(sources: Sources) -> pd.DataFrame:
    """One row per team with a kept timetable and event: planned, moved, held, attended."""
    held = held_events(sources)
    supervision = set(sources.tidy.loc[sources.tidy["form_id"] == "supervision_reflection", "team"])
    for team in supervision:  # the recurring event is held once its forms are in use
        first = sources.tidy[(sources.tidy["form_id"] == "supervision_reflection")]
        day = first.loc[first["team"] == team, "created_on"].min()
        held.setdefault((team, "supervision_reflection"), Held(day))
    rows = [
        row
        for team, plan in sorted(sources.timetables.items())
        for row in _rows(team, plan, held, sources.today)
    ]
    return pd.DataFrame(rows, columns=DELIVERY_COLUMNS)
