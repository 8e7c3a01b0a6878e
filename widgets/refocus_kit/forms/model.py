"""Typed, read-only views of a form definition, built from the validated YAML."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from refocus_kit.provenance import kit_own, kit_own_note

__all__ = ["Axis", "Check", "Field", "Form", "Option", "Room", "Section"]

DEFAULT_MAX_LENGTH = {"short_text": 200, "long_text": 5000, "matrix": 5000}


@dataclass(frozen=True)
class Option:
    value: str
    label: str


@dataclass(frozen=True)
class Axis:
    """A row or column of a matrix field."""

    id: str
    label: str
    help: str = ""


@dataclass(frozen=True)
class Field:
    id: str
    kind: str
    label: str
    help: str = ""
    prompts: tuple[str, ...] = ()
    required: bool = False
    max_length: int | None = None
    placeholder: str = ""
    options: tuple[Option, ...] = ()
    max_selected: int | None = None
    min: float | None = None
    max: float | None = None
    min_label: str = ""
    max_label: str = ""
    integer: bool = False
    item_label: str = ""
    min_items: int = 0
    max_items: int | None = None
    fields: tuple[Field, ...] = ()
    rows: tuple[Axis, ...] = ()
    columns: tuple[Axis, ...] = ()
    cell_prompts: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)
    kit_own: bool = False  # a field the kit adds to the manual's instrument; its help says so

    @property
    def limit(self) -> int | None:
        """Characters allowed in one text answer (text and matrix fields)."""
        return self.max_length or DEFAULT_MAX_LENGTH.get(self.kind)

    def option_label(self, value: str) -> str:
        return next((o.label for o in self.options if o.value == value), value)

    def prompts_for(self, row: str, column: str) -> tuple[str, ...]:
        return self.cell_prompts.get(row, {}).get(column, ())

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> Field:
        data = dict(data)
        data["prompts"] = tuple(data.get("prompts", ()))
        data["options"] = tuple(Option(**o) for o in data.get("options", ()))
        data["fields"] = tuple(cls.from_data(f) for f in data.get("fields", ()))
        data["rows"] = tuple(Axis(**a) for a in data.get("rows", ()))
        data["columns"] = tuple(Axis(**a) for a in data.get("columns", ()))
        data["cell_prompts"] = {
            r: {c: tuple(p) for c, p in cols.items()}
            for r, cols in data.get("cell_prompts", {}).items()
        }
        if data.get("kit_own"):
            data["help"] = kit_own_note(data.get("help", ""), "addition")
        return cls(**data)


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    fields: tuple[Field, ...]
    help: str = ""
    prompts: tuple[str, ...] = ()
    heading: str = ""  # a heading of the manual's over this section, e.g. Appendix 3's VALUES


def _money(amount: float) -> str:
    return f"\u00a3{amount:,.2f}"


@dataclass(frozen=True)
class Check:
    """A rule across fields (see the schema's `check` definitions)."""

    kind: str
    group: str
    field: str
    message: str
    max: float | None = None
    values: tuple[str, ...] = ()
    label: str = ""

    def total(self, entries: list[dict[str, Any]] | None) -> float:
        """The sum of this check's field over a group's entries (numbers only)."""
        values = [e.get(self.field) for e in entries or () if isinstance(e, dict)]
        return sum(v for v in values if isinstance(v, int | float) and not isinstance(v, bool))

    @property
    def total_label(self) -> str:
        return self.label or "Total"

    def total_line(self, entries: list[dict[str, Any]] | None) -> str:
        """The running total as the widget and the printout both show it, e.g.
        "Total budget required: £120.00 of £500.00"."""
        amount = self.total(entries)
        limit = f" of {_money(self.max)}" if self.max is not None else ""
        over = " (over the limit)" if self.max is not None and amount > self.max else ""
        return f"{self.total_label}: {_money(amount)}{limit}{over}"


@dataclass(frozen=True)
class Room:
    """Which programme strategy a room form records, and the fields a session fills in."""

    strategy: str
    number_field: str | None = None
    number_prefix: str = ""
    month_field: str | None = None
    mode_field: str | None = None


@dataclass(frozen=True)
class Form:
    id: str
    version: int
    title: str
    source: str
    respondent: str
    audience: tuple[str, ...]
    sections: tuple[Section, ...]
    introduction: str = ""
    instructions: str = ""
    checks: tuple[Check, ...] = ()
    room: Room | None = None
    kit_own: bool = False  # a form the kit adds itself; its source line says so

    @property
    def session_fields(self) -> tuple[str, ...]:
        """The fields a session fills in (its number, month and format): not the person's
        answer, so a response holding only these is blank."""
        room = self.room
        found = (room.number_field, room.month_field, room.mode_field) if room else ()
        return tuple(f for f in found if f)

    def totals(self, group_id: str) -> tuple[Check, ...]:
        """The checks that sum a field over this group, so a total is shown under it."""
        return tuple(c for c in self.checks if c.kind == "sum_at_most" and c.group == group_id)

    @property
    def fields(self) -> tuple[Field, ...]:
        """Top-level fields in order, across sections."""
        return tuple(f for s in self.sections for f in s.fields)

    def field(self, field_id: str) -> Field:
        for f in self.fields:
            if f.id == field_id:
                return f
        raise KeyError(f"form {self.id!r} has no field {field_id!r}")

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> Form:
        sections = tuple(
            Section(
                id=s["id"],
                title=s["title"],
                help=s.get("help", ""),
                prompts=tuple(s.get("prompts", ())),
                fields=tuple(Field.from_data(f) for f in s["fields"]),
                heading=s.get("heading", ""),
            )
            for s in data["sections"]
        )
        checks = tuple(
            Check(**{**c, "values": tuple(c.get("values", ()))}) for c in data.get("checks", ())
        )
        own = bool(data.get("kit_own"))
        source = f"{_sentence(kit_own('form'))}; made for {data['source']}" if own else None
        introduction = data.get("introduction", "")
        return cls(
            id=data["id"],
            version=data["version"],
            title=data["title"],
            source=source or data["source"],
            respondent=data["respondent"],
            audience=tuple(data["audience"]),
            sections=sections,
            introduction=kit_own_note(introduction, "guidance") if introduction else "",
            instructions=data.get("instructions", ""),
            checks=checks,
            room=Room(**data["room"]) if "room" in data else None,
            kit_own=own,
        )


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]
