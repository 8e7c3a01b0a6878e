"""Compose the agreed summary in the shape of the Appendix 8 clinical information record.

The manual asks workers to "record an agreed summary" of values, strengths and goals (sections
3.2, 4.2, 5.2). The kit drafts that summary from the conversation (VTP notes, the Strengths
Worksheet, the goals) so the worker and person start from their own material, then edit and
agree it together; only the areas the person agrees to include go into the values summary.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from refocus_kit.practices.strengths_quality import COLUMNS, ROWS
from refocus_kit.practices.vtp_companion import VTPCompanion

__all__ = [
    "RECORD_FORM_ID",
    "RECORD_HEADINGS",
    "compose_record",
    "draft_strengths",
    "draft_values_summary",
    "record_labels",
    "record_text",
]

RECORD_FORM_ID = "clinical_information_record"
RECORD_HEADINGS = (
    ("values_summary", "Values and treatment preferences"),
    ("strengths", "Summary of strengths"),
    ("goals", "Personally valued goals"),
)


def _sentence(text: str) -> str:
    text = " ".join(text.split())
    return text if not text or text[-1] in ".!?" else text + "."


def draft_values_summary(companion: VTPCompanion, include: Iterable[str] | None = None) -> str:
    """One paragraph from the notes of the areas the person agreed to include (all by default)."""
    chosen = set(include) if include is not None else {a.id for a in companion.areas}
    parts = [
        _sentence(companion.notes[a.id])
        for a in companion.areas
        if a.id in chosen and companion.notes[a.id].strip()
    ]
    return " ".join(parts)


def draft_strengths(worksheet: dict[str, Any]) -> dict[str, str]:
    """A text per domain from the worksheet's three columns, plus `other` from anything else."""
    matrix = worksheet.get("strengths") or {}
    drafts = {}
    for row in ROWS:
        cells = matrix.get(row) or {}
        drafts[row] = " ".join(
            _sentence(str(cells.get(c) or "")) for c in COLUMNS if str(cells.get(c) or "").strip()
        )
    drafts["other"] = _sentence(str(worksheet.get("anything_else") or ""))
    return drafts


def compose_record(
    values_summary: str,
    strengths: dict[str, str],
    goals: Iterable[str],
    practice_case: str = "",
) -> dict[str, Any]:
    """Answers for the `clinical_information_record` form (Appendix 8)."""
    record: dict[str, Any] = {"practice_case": practice_case} if practice_case else {}
    record["values_summary"] = values_summary.strip()
    for key in (*ROWS, "other"):
        record[key] = str(strengths.get(key) or "").strip()
    record["goals"] = [{"goal": g.strip()} for g in goals if g.strip()]
    return record


def record_labels() -> dict[str, str]:
    """The Appendix 8 record's label for each of its fields (empty if the form cannot load)."""
    try:
        from refocus_kit.forms import load_form

        return {f.id: f.label for f in load_form(RECORD_FORM_ID).fields}
    except (KeyError, OSError):
        return {}


def record_text(record: dict[str, Any]) -> str:
    """The record as plain text laid out like Appendix 8, for reading back to the person."""
    labels = record_labels()
    lines = [RECORD_HEADINGS[0][1], "", record.get("values_summary") or "(not yet agreed)", ""]
    lines += [RECORD_HEADINGS[1][1], ""]
    for key in (*ROWS, "other"):
        if record.get(key):
            lines += [labels.get(key, key.replace("_", " ").capitalize()), record[key], ""]
    lines += [RECORD_HEADINGS[2][1], ""]
    goals = [g["goal"] for g in record.get("goals", [])]
    lines += [f"Goal {i}: {g}" for i, g in enumerate(goals, 1)] or ["(no goals agreed yet)"]
    return "\n".join(lines)
