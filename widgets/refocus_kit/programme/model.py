"""Typed, read-only views of the programme: strategies, their events, and the lengths of those
events, built from the checked YAML (see loader.py)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = ["MODES", "Event", "Length", "Programme", "Strategy"]

# Figure 2's two kinds of event: provided to the team by the trainers, or organised by the team.
MODES = ("facilitated", "self_organised")


@dataclass(frozen=True)
class Length:
    id: str
    label: str
    hours: float


@dataclass(frozen=True)
class Event:
    id: str
    title: str
    strategy: int
    month: int
    audience: str
    mode: str
    number: int | None = None
    until_month: int | None = None
    recurs: str = ""
    length: Length | None = None
    purpose: str = ""

    @property
    def months(self) -> range:
        """Every month the event runs in (one, unless it recurs)."""
        return range(self.month, (self.until_month or self.month) + 1)

    @property
    def facilitated(self) -> bool:
        return self.mode == "facilitated"


@dataclass(frozen=True)
class Strategy:
    number: int
    id: str
    name: str
    delivered_by: str
    events: tuple[Event, ...]
    spacing: str = ""
    form: str | None = None

    def event(self, number: int) -> Event:
        """The event with this number in the strategy's series (group 4, session 7)."""
        for event in self.events:
            if event.number == number:
                return event
        raise KeyError(f"{self.name} has no event number {number}")

    @property
    def numbered(self) -> tuple[Event, ...]:
        return tuple(e for e in self.events if e.number is not None)


@dataclass(frozen=True)
class Programme:
    id: str
    title: str
    source: str
    months: int
    lengths: dict[str, Length]
    strategies: tuple[Strategy, ...]

    @property
    def events(self) -> tuple[Event, ...]:
        """Every event, in the order the programme runs them (month, then strategy)."""
        every = (e for s in self.strategies for e in s.events)
        return tuple(sorted(every, key=lambda e: (e.month, e.strategy, e.number or 0)))

    def strategy(self, key: int | str) -> Strategy:
        """A strategy by its number (1-6) or id."""
        for strategy in self.strategies:
            if key in (strategy.number, strategy.id):
                return strategy
        raise KeyError(f"no strategy {key!r} in {self.title}")

    def strategy_for_form(self, form_id: str) -> Strategy | None:
        """The strategy whose events the form records, if any."""
        return next((s for s in self.strategies if s.form == form_id), None)

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> Programme:
        lengths = {
            key: Length(key, v["label"], float(v["hours"])) for key, v in data["lengths"].items()
        }
        strategies = tuple(
            Strategy(
                number=s["number"],
                id=s["id"],
                name=s["name"],
                delivered_by=s["delivered_by"],
                spacing=s.get("spacing", ""),
                form=s.get("form"),
                events=tuple(
                    Event(
                        **{**e, "length": lengths[e["length"]] if "length" in e else None},
                        strategy=s["number"],
                    )
                    for e in s["events"]
                ),
            )
            for s in data["strategies"]
        )
        return cls(
            id=data["id"],
            title=data["title"],
            source=data["source"],
            months=data["months"],
            lengths=lengths,
            strategies=strategies,
        )
