"""Check a Strengths Worksheet against the seven marks of a good assessment (manual, 4.3).

Four marks can be measured from what is written: every domain and column filled (complete), the
person's own words present (partnership-based), something outside the person and outside
services named in each domain (external resources), and a recent update date (updated). The other
three need judgement, so the worker rates them; the check never pretends to measure those.
Every mark says why it passed or not, so the check teaches rather than scores, and carries the
manual's own words for it, quoted and cited. The numbers the measured marks use (3 words a box,
90 days) are the kit's own, and every reason that uses one says so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

from refocus_kit.forms import load_form
from refocus_kit.practices.content import load_content, threshold
from refocus_kit.practices.words import word_list
from refocus_kit.provenance import kit_own, quoted

__all__ = [
    "COLUMNS",
    "CURRENT_WITHIN_DAYS",
    "MIN_CELL_WORDS",
    "ROWS",
    "MarkResult",
    "check_strengths",
    "marks",
]

# Row and column ids of the `strengths` matrix (the forms engine's answer shape).
ROWS = (
    "daily_living",
    "financial",
    "occupational",
    "social_supports",
    "health",
    "spiritual_cultural",
)
COLUMNS = ("current", "desires", "resources")
# The kit's own marks, not the manual's (data/strengths_marks.yaml says why); str() labels them.
MIN_CELL_WORDS = threshold("strengths_marks", "min_cell_words")
CURRENT_WITHIN_DAYS = threshold("strengths_marks", "current_within_days")

# Double quotes only: single quotes are also apostrophes ("Sam's mum's flat").
_QUOTED = re.compile(r"[\"\u201c]([^\"\u201d]{3,})[\"\u201d]")
_FIRST_PERSON = re.compile(r"\b(I|I'm|I've|I'd|my|me)\b")


@dataclass(frozen=True)
class MarkResult:
    """One mark: passed (True/False, None if not yet rated), how it was judged, and why;
    `manual` is the manual's own words for the mark, quoted and cited."""

    id: str
    label: str
    how: str
    passed: bool | None
    reasons: tuple[str, ...]
    manual: str = ""


def marks() -> list[dict[str, str]]:
    """The seven marks as declared in data/strengths_marks.yaml."""
    return load_content("strengths_marks")["marks"]


def _cells(answers: dict[str, Any]) -> dict[str, dict[str, str]]:
    matrix = answers.get("strengths") or {}
    return {r: {c: str((matrix.get(r) or {}).get(c) or "").strip() for c in COLUMNS} for r in ROWS}


@cache
def _row_labels() -> dict[str, str]:
    """Short domain names from the worksheet's form definition, for readable reasons."""
    try:
        rows = load_form("strengths_worksheet").field("strengths").rows
    except (KeyError, OSError):
        return {}
    return {r.id: re.split(r" \(| e\.g\.", r.label)[0] for r in rows}


def _label(row: str) -> str:
    return _row_labels().get(row, row.replace("_", " "))


def _complete(cells: dict[str, dict[str, str]]) -> tuple[bool, tuple[str, ...]]:
    empty = [f"{_label(r)} / {c}" for r in ROWS for c in COLUMNS if not cells[r][c]]
    thin = [
        f"{_label(r)} / {c}"
        for r in ROWS
        for c in COLUMNS
        if cells[r][c] and len(word_list(cells[r][c])) < MIN_CELL_WORDS.number
    ]
    reasons = []
    if empty:
        reasons.append(
            f"{len(empty)} of {len(ROWS) * len(COLUMNS)} boxes are empty: " + "; ".join(empty) + "."
        )
    if thin:
        reasons.append(f"Fewer than {MIN_CELL_WORDS} in: " + "; ".join(thin) + ".")
    if not reasons:
        reasons.append(f"Every domain has at least {MIN_CELL_WORDS} in all three columns.")
    return not (empty or thin), tuple(reasons)


def _partnership(cells: dict[str, dict[str, str]], extra: str) -> tuple[bool, tuple[str, ...]]:
    texts = {_label(r): " ".join(cells[r].values()) for r in ROWS}
    texts["anything else"] = extra
    own = [
        name for name, text in texts.items() if _QUOTED.search(text) or _FIRST_PERSON.search(text)
    ]
    if own:
        return True, (
            f'The person\'s own words (quoted, or "I"/"my") appear in: {", ".join(own)}.',
        )
    return False, (
        "No quotation or first-person words from the person were found; "
        "record some of what they said in their own words.",
    )


def _external(cells: dict[str, dict[str, str]]) -> tuple[bool, tuple[str, ...]]:
    vocabulary = set(load_content("strengths_marks")["external_resource_words"])
    found = {r: sorted(vocabulary & set(word_list(" ".join(cells[r].values())))) for r in ROWS}
    missing = [_label(r) for r in ROWS if not found[r]]
    named = [f"{_label(r)} ({', '.join(found[r][:3])})" for r in ROWS if found[r]]
    reasons = []
    if named:
        reasons.append("People, places or groups named in: " + "; ".join(named) + ".")
    if missing:
        reasons.append(
            "No people, places, groups or community resources named in: " + ", ".join(missing) + "."
        )
    return not missing, tuple(reasons)


def _updated(updated: date | None, today: date) -> tuple[bool, tuple[str, ...]]:
    if updated is None:
        return False, ("No date of last update is recorded.",)
    age = (today - updated).days
    if age < 0:
        return False, (f"The update date {updated.isoformat()} is in the future.",)
    if age > CURRENT_WITHIN_DAYS.number:
        return False, (
            f"Last updated {age} days ago, over {CURRENT_WITHIN_DAYS}; review it together.",
        )
    return True, (
        f"Last updated {updated.isoformat()}, {age} days ago, within {CURRENT_WITHIN_DAYS}.",
    )


def _self_rated(mark: dict[str, str], rating: str | None) -> tuple[bool | None, tuple[str, ...]]:
    question = f"{mark['question']} ({kit_own('question')})"
    if rating is None:
        return None, (f"Not rated yet. Ask yourself: {question}",)
    if rating not in load_content("strengths_marks")["self_rating_values"]:
        raise ValueError(f"self-rating for {mark['id']!r} must be yes, partly or no")
    return rating == "yes", (f'Self-rated "{rating}": {question}',)


def check_strengths(
    answers: dict[str, Any],
    updated: date | None = None,
    self_ratings: dict[str, str | None] | None = None,
    today: date | None = None,
) -> tuple[MarkResult, ...]:
    """The seven marks for one worksheet (answers in the forms engine's shape)."""
    today = today or date.today()
    self_ratings = self_ratings or {}
    cells = _cells(answers)
    measured = {
        "complete": lambda: _complete(cells),
        "partnership": lambda: _partnership(cells, str(answers.get("anything_else") or "")),
        "external_resources": lambda: _external(cells),
        "updated": lambda: _updated(updated, today),
    }
    source = load_content("strengths_marks")["source"]
    results = []
    for mark in marks():
        passed: bool | None
        if mark["how"] == "measured":
            passed, reasons = measured[mark["id"]]()
        else:
            passed, reasons = _self_rated(mark, self_ratings.get(mark["id"]))
        manual = quoted(mark["manual"], source)
        results.append(MarkResult(mark["id"], mark["label"], mark["how"], passed, reasons, manual))
    return tuple(results)
