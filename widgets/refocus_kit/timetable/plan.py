"""A team's dated plan: every event of the programme (manual, chapter 6 and Figure 2) on a date,
counted from the team's start date.

Over the manual's 18 months, an event planned for month m falls on the first weekday of the
team's month m. A shorter programme (the trial ran over 12 months) keeps the manual's order
and spacing by scaling: month m starts (m - 1) x N / 18 months after the start, part-months
counted in days, so that in 12 months the second training session still comes about three
weeks after the first. Both rules are the kit's own reading of the manual's month numbers."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from refocus_kit.programme import Event, Programme, Strategy, programme

__all__ = [
    "CANCELLED",
    "MOVED",
    "SCALING_RULE",
    "Change",
    "DatedEvent",
    "Timetable",
    "add_months",
    "make_timetable",
    "month_of",
    "scaled_date",
]

MOVED, CANCELLED = "moved", "cancelled"
SCALING_RULE = (
    "The kit's own rule: month m of the manual's 18 starts (m - 1) x N / 18 months after the "
    "start of an N-month programme; events fall on the first weekday of their month."
)


@dataclass(frozen=True)
class Change:
    """A trainer's change to one event of one team: moved to a date, or cancelled."""

    event_id: str
    action: str
    moved_to: dt.date | None = None
    note: str = ""


@dataclass(frozen=True)
class DatedEvent:
    event: Event
    strategy: Strategy
    planned_on: dt.date  # where the programme puts it for this team
    until: dt.date | None  # the last day of a recurring event (supervision, months 2-18)
    change: Change | None = None

    @property
    def on(self) -> dt.date | None:
        """The date it happens: planned, moved, or None if cancelled."""
        if self.change is None:
            return self.planned_on
        return self.change.moved_to if self.change.action == MOVED else None

    @property
    def status(self) -> str:
        return self.change.action if self.change else "planned"

    @property
    def provided(self) -> bool:
        """Figure 2's "provided to the team" (else self-organised by the team)."""
        return self.event.facilitated


@dataclass(frozen=True)
class Timetable:
    team: str
    start: dt.date
    months: int
    events: tuple[DatedEvent, ...]

    @property
    def end(self) -> dt.date:
        return add_months(self.start, self.months) - dt.timedelta(days=1)

    def event(self, event_id: str) -> DatedEvent:
        for dated in self.events:
            if dated.event.id == event_id:
                return dated
        raise KeyError(f"no event {event_id!r} in the programme")


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` calendar months later (the month's last day if it is shorter)."""
    year, month = divmod(day.month - 1 + months, 12)
    year += day.year
    last = calendar.monthrange(year, month + 1)[1]
    return day.replace(year=year, month=month + 1, day=min(day.day, last))


def _weekday(day: dt.date) -> dt.date:
    return day + dt.timedelta(days=max(0, 7 - day.weekday())) if day.weekday() >= 5 else day


def _month_start(start: dt.date, month: float, months: int, of: int) -> dt.date:
    position = (month - 1) * months / of
    whole = int(position)
    first = add_months(start, whole)
    days = (add_months(start, whole + 1) - first).days
    return first + dt.timedelta(days=round((position - whole) * days))


def scaled_date(start: dt.date, month: int, months: int = 18, of: int = 18) -> dt.date:
    """The date of the manual's month `month` in an N-month programme started on `start`."""
    return _weekday(_month_start(start, month, months, of))


def month_of(start: dt.date, day: dt.date) -> int:
    """Which month of the programme a date falls in (1 = the month starting on `start`)."""
    month = (day.year - start.year) * 12 + day.month - start.month
    while month > 0 and add_months(start, month) > day:
        month -= 1
    return month + 1


def make_timetable(
    team: str,
    start: dt.date,
    months: int = 18,
    changes: Mapping[str, Change] | None = None,
    plan: Programme | None = None,
) -> Timetable:
    """Every event of the programme dated for a team, with its kept changes."""
    plan = plan or programme()
    if not 1 <= months <= plan.months:
        raise ValueError(f"a programme runs 1 to {plan.months} months, not {months}")
    changes = changes or {}
    dated = []
    for event in plan.events:
        until = None
        if event.until_month:
            until = _month_start(start, event.until_month + 1, months, plan.months)
            until -= dt.timedelta(days=1)
        dated.append(
            DatedEvent(
                event=event,
                strategy=plan.strategy(event.strategy),
                planned_on=scaled_date(start, event.month, months, plan.months),
                until=until,
                change=changes.get(event.id),
            )
        )
    return Timetable(team, start, months, tuple(dated))
