"""Delivery: each team's events held against its timetable, and who attended.

An event counts as held when a session was opened for it, an attendance record names it, or a
record of it (a team reflection session, a manager group) was made with its number. Its status
against the timetable: held; cancelled; planned (its date has not come); due (its date has
passed within the last 30 days); overdue (more than 30 days past). The 30 days are the kit's
own grace, not the manual's."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable, Iterable, Iterator
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


# What each source of evidence gives: (team, event id, held on, present, expected), a row each.
_EVIDENCE = ["team", "event_id", "held_on", "present", "expected"]


def _from_sessions(sources: Sources) -> pd.DataFrame:
    rows = []
    for session in sources.sessions:
        room = load_form(session.form_id).room
        if room is None:
            continue
        event = event_for(programme().strategy(room.strategy), session.number)
        if event is not None:
            rows.append((session.team, event.id, session.held_on, None, session.expected))
    return pd.DataFrame(rows, columns=_EVIDENCE)


def _event_ids(keys: Iterable[Hashable], event_of: Callable[..., Event | None]) -> list:
    """The event id (or None) for each key, each distinct key looked up once."""
    found: dict[Hashable, str | None] = {}
    ids = []
    for key in keys:
        if key not in found:
            event = event_of(key)
            found[key] = event.id if event is not None else None
        ids.append(found[key])
    return ids


def _from_attendance(sources: Sources) -> pd.DataFrame:
    columns = ["strategy", "session_number", "session_date"]
    records = per_response(sources, "attendance", columns)
    records = records[records["session_date"].map(lambda v: isinstance(v, str))]
    if records.empty:
        return pd.DataFrame(columns=_EVIDENCE)
    people = entries(sources, "attendance", "attendees", ["status"])
    came = people[people.get("status", pd.Series(dtype=object)).isin(["present", "late"])]
    present = came.groupby("response_id").size()
    numbers = [int(n) if pd.notna(n) else None for n in records["session_number"]]
    keys = zip(records["strategy"].tolist(), numbers, strict=True)
    evidence = pd.DataFrame(
        {
            "team": records["team"],
            "event_id": _event_ids(keys, lambda k: event_for(programme().strategy(k[0]), k[1])),
            "held_on": records["session_date"].map(dt.date.fromisoformat),
            "present": records["response_id"].map(present).fillna(0).astype(int),
            "expected": None,
        },
    )
    return evidence.dropna(subset=["event_id"])


def _from_records(sources: Sources) -> pd.DataFrame:
    parts = []
    for strategy in programme().strategies:
        room = load_form(strategy.form).room if strategy.form else None
        if strategy.form is None or room is None or room.number_field is None:
            continue
        found = per_response(sources, strategy.form, [room.number_field])
        prefix = room.number_prefix

        def event_of(text: object, strategy=strategy, prefix=prefix) -> Event | None:
            return event_for(strategy, _number(text, prefix))

        parts.append(
            pd.DataFrame({"team": found["team"],
                          "event_id": _event_ids(found[room.number_field].tolist(), event_of),
                          "held_on": found["created_on"], "present": None, "expected": None})
        )  # fmt: skip
    return _concat(parts)


def _concat(parts: list[pd.DataFrame]) -> pd.DataFrame:
    found = [part for part in parts if not part.empty]
    if not found:
        return pd.DataFrame(columns=_EVIDENCE)
    return pd.concat(found, ignore_index=True).dropna(subset=["event_id"])


def _count(value: object) -> int | None:
    return None if value is None or pd.isna(value) else int(value)  # type: ignore[call-overload]


def held_events(sources: Sources) -> dict[tuple[str, str], Held]:
    """(team, event id) -> the earliest evidence it was held, with the best attendance known
    (the last known, in the order sessions, attendance records, records)."""
    evidence = _concat([_from_sessions(sources), _from_attendance(sources), _from_records(sources)])
    evidence = evidence.dropna(subset=["team"])
    evidence["held_on"] = pd.to_datetime(evidence["held_on"])
    held = evidence.groupby(["team", "event_id"], sort=False).agg(
        held_on=("held_on", "min"), present=("present", "last"), expected=("expected", "last")
    )
    days = held["held_on"].dt.date.tolist()  # Python lists: a Series' own iteration costs more
    counts = zip(held["present"].tolist(), held["expected"].tolist(), strict=True)
    return {
        key: Held(on, _count(present), _count(expected))
        for key, on, (present, expected) in zip(held.index.tolist(), days, counts, strict=True)
    }


def _first_supervision(sources: Sources) -> dict[str, dt.date]:
    """Each team's first supervision reflection form: the recurring event is held once its
    forms are in use."""
    used = sources.counted(["supervision_reflection"]).dropna(subset=["team"])
    return used.groupby("team")["first_on"].min().to_dict()


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
    for team, day in _first_supervision(sources).items():
        held.setdefault((team, "supervision_reflection"), Held(day))
    rows = [
        row
        for team, plan in sorted(sources.timetables.items())
        for row in _rows(team, plan, held, sources.today)
    ]
    return pd.DataFrame(rows, columns=DELIVERY_COLUMNS)
