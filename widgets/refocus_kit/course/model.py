"""Typed, read-only views of a trainer-led session: its agenda, its reading beforehand, its
checks, joined to the programme event it delivers (see loader.py)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from refocus_kit.programme import Event

__all__ = ["LEADS", "Check", "CheckItem", "Part", "Reading", "Session"]

# Who leads a part: strategies 1 and 2 pair a trainer speaking from a professional perspective
# with one speaking from lived experience; strategy 3 has one trainer (manual, chapter 6).
LEADS = {
    "professional": "Professional trainer",
    "lived_experience": "Lived-experience trainer",
    "both": "Both trainers",
    "trainer": "The trainer",
}


@dataclass(frozen=True)
class Reading:
    what: str
    why: str


@dataclass(frozen=True)
class Part:
    key: str
    title: str
    minutes: int
    lead: str | None = None
    room: str = ""
    covers: tuple[str, ...] = ()
    is_break: bool = False

    @property
    def lead_label(self) -> str:
        return LEADS.get(self.lead or "", "")


@dataclass(frozen=True)
class CheckItem:
    text: str
    answer: str
    why: str


@dataclass(frozen=True)
class Check:
    id: str
    kind: str
    prompt: str
    items: tuple[CheckItem, ...]
    options: tuple[str, ...] = ()
    kit_own: bool = False
    source: str = ""


@dataclass(frozen=True)
class Session:
    event: Event
    notebook: str
    title: str
    summary: str
    minutes: int  # the event's length, or the session's own where the manual gives none
    length_kit_own: bool
    before: tuple[Reading, ...]
    materials: tuple[str, ...]
    collect: tuple[str, ...]
    agenda: tuple[Part, ...]
    checks: tuple[Check, ...] = ()
    discussion: str | None = None
    length_why: str = ""

    @property
    def id(self) -> str:
        return self.event.id

    @property
    def folder(self) -> str:
        """The notebook's folder, e.g. `03-recovery-training-1`: the name its outputs take."""
        return self.notebook.split("/")[-2]

    def check(self, check_id: str) -> Check:
        for check in self.checks:
            if check.id == check_id:
                return check
        known = ", ".join(c.id for c in self.checks) or "none"
        raise KeyError(f"session {self.id} has no check {check_id!r} (its checks: {known})")

    def part(self, key: str) -> Part:
        for part in self.agenda:
            if part.key == key:
                return part
        raise KeyError(f"session {self.id} has no agenda part {key!r}")

    @classmethod
    def from_data(cls, data: dict[str, Any], event: Event) -> Session:
        own = data.get("length")
        return cls(
            event=event,
            notebook=data["notebook"],
            title=data["title"],
            summary=data["summary"],
            minutes=own["minutes"] if own else round(event.length.hours * 60),  # type: ignore[union-attr]
            length_kit_own=bool(own),
            length_why=own.get("why", "") if own else "",
            before=tuple(Reading(**r) for r in data["before"]),
            materials=tuple(data["materials"]),
            collect=tuple(data["collect"]),
            agenda=tuple(
                Part(
                    key=p["key"],
                    title=p["title"],
                    minutes=p["minutes"],
                    lead=p.get("lead"),
                    room=p.get("room", ""),
                    covers=tuple(p.get("covers", ())),
                    is_break=p.get("break", False),
                )
                for p in data["agenda"]
            ),
            checks=tuple(
                Check(
                    id=c["id"],
                    kind=c["kind"],
                    prompt=c["prompt"],
                    options=tuple(c.get("options", ())),
                    kit_own=c.get("kit_own", False),
                    source=c.get("source", ""),
                    items=tuple(CheckItem(**i) for i in c["items"]),
                )
                for c in data.get("checks", ())
            ),
            discussion=data.get("discussion"),
        )
