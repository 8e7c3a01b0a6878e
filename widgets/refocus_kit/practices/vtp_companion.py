"""A conversation companion for the VTP interview guide (REFOCUS manual, chapter 3, Appendix 3).

The manual intends the guide to be worked through "over time ... though not necessarily in the
order given", in many conversations. So the companion keeps notes and a progress mark for each
area, lets the worker open any area at any time, shows the guide's prompts only when asked for,
and shows what has and has not been discussed yet. The areas and prompts come from the form
definition (`values_treatment_preferences`); the companion keeps no copy of them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from refocus_kit.forms.model import Form

__all__ = ["FORM_ID", "STATUSES", "Area", "VTPCompanion"]

FORM_ID = "values_treatment_preferences"
STATUSES = ("not_yet", "started", "discussed")


@dataclass(frozen=True)
class Area:
    """One area of the guide: its questions, and the shorter probes under them."""

    id: str
    title: str
    help: str
    questions: tuple[str, ...]
    probes: tuple[str, ...]


def _load_form() -> Form:
    from refocus_kit.forms import load_form

    return load_form(FORM_ID)


class VTPCompanion:
    """Notes and progress per area of one (fictional) practice conversation series."""

    def __init__(self, form: Form | None = None, practice_case: str = "") -> None:
        self.form = form or _load_form()
        self.practice_case = practice_case
        self.areas = tuple(self._areas())
        self.notes = {a.id: "" for a in self.areas}
        self.status = {a.id: "not_yet" for a in self.areas}

    def _areas(self):
        for section in self.form.sections:
            fields = {f.id: f for f in section.fields}
            notes = fields.get(f"{section.id}_notes")
            if notes is not None and f"{section.id}_discussed" in fields:
                yield Area(section.id, section.title, section.help, section.prompts, notes.prompts)

    @property
    def opening(self) -> str:
        """The question the guide asks for every area."""
        return self.form.instructions

    def area(self, area_id: str) -> Area:
        for area in self.areas:
            if area.id == area_id:
                return area
        raise KeyError(f"no area {area_id!r} in {self.form.id}")

    def write(self, area_id: str, text: str) -> None:
        """Keep notes for an area; writing in an untouched area marks it as started."""
        self.area(area_id)
        self.notes[area_id] = text
        if text.strip() and self.status[area_id] == "not_yet":
            self.status[area_id] = "started"

    def mark(self, area_id: str, status: str) -> None:
        self.area(area_id)
        if status not in STATUSES:
            raise ValueError(f"status must be one of {', '.join(STATUSES)}")
        self.status[area_id] = status

    def progress(self) -> dict[str, list[str]]:
        """Area titles grouped by how far each has been discussed, in the guide's order."""
        return {s: [a.title for a in self.areas if self.status[a.id] == s] for s in STATUSES}

    def fraction_discussed(self) -> float:
        return sum(v == "discussed" for v in self.status.values()) / len(self.areas)

    def answers(self) -> dict[str, Any]:
        """The conversation in the form's answer shape, ready for the store."""
        data: dict[str, Any] = {"practice_case": self.practice_case} if self.practice_case else {}
        for area in self.areas:
            data[f"{area.id}_notes"] = self.notes[area.id]
            data[f"{area.id}_discussed"] = self.status[area.id]
        return data

    @classmethod
    def from_answers(cls, answers: dict[str, Any], form: Form | None = None) -> VTPCompanion:
        companion = cls(form, str(answers.get("practice_case", "")))
        for area in companion.areas:
            companion.notes[area.id] = str(answers.get(f"{area.id}_notes") or "")
            companion.status[area.id] = answers.get(f"{area.id}_discussed") or "not_yet"
        return companion
