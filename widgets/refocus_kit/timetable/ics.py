"""A team's timetable as an iCalendar file that any calendar imports: one all-day event per
planned event (moved ones on their new date, cancelled ones marked CANCELLED), and supervision
reflection as a monthly reminder from its first month to its last."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from icalendar import Calendar
from icalendar import Event as CalendarEvent

from refocus_kit.timetable.plan import DatedEvent, Timetable

__all__ = ["calendar_bytes", "write_ics"]

_MODE = {True: "Provided to the team", False: "Self-organised by the team"}


def _description(dated: DatedEvent) -> str:
    event = dated.event
    lines = [
        f"Implementation strategy {dated.strategy.number}: {dated.strategy.name}",
        f"{_MODE[dated.provided]}; for: {event.audience}",
        f"Month {event.month} of the manual's programme (REFOCUS manual, chapter 6)",
    ]
    if event.length:
        lines.append(f"Length: {event.length.label}")
    if event.purpose:
        lines.append(event.purpose)
    if dated.change and dated.change.note:
        lines.append(f"Change: {dated.change.note}")
    return "\n".join(lines)


def _entry(timetable: Timetable, dated: DatedEvent) -> CalendarEvent:
    entry = CalendarEvent()
    day = dated.on or dated.planned_on
    entry.add("uid", f"{dated.event.id}.{timetable.team.replace(' ', '-')}@refocus-kit")
    entry.add("dtstamp", dt.datetime.now(dt.UTC))
    entry.add("summary", f"REFOCUS: {dated.event.title} ({timetable.team})")
    entry.add("dtstart", day)
    entry.add("dtend", day + dt.timedelta(days=1))
    entry.add("description", _description(dated))
    entry.add("categories", [_MODE[dated.provided]])
    if dated.on is None:
        entry.add("status", "CANCELLED")
    if dated.until and dated.on is not None:
        entry.add("rrule", {"freq": "monthly", "until": dated.until})
    return entry


def calendar_bytes(timetable: Timetable) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//REFOCUS course kit//timetable//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", f"REFOCUS timetable: {timetable.team}")
    for dated in timetable.events:
        calendar.add_component(_entry(timetable, dated))
    return calendar.to_ical()


def write_ics(timetable: Timetable, out: Path) -> Path:
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(calendar_bytes(timetable))
    return out
