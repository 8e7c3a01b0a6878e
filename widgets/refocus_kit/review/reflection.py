"""Reflection: the actions teams and manager groups agreed (owner, date, and whether the next
session followed them up), the supervision reflection forms used, and the partnership project.

Followed up is the kit's own reading: an action agreed at session n counts as followed up when
the record of session n + 1 mentions it, sharing a word of five letters or more with it."""

from __future__ import annotations

import re

import pandas as pd

from refocus_kit.forms.loader import load_form
from refocus_kit.review.sources import Sources, entries, per_response

__all__ = [
    "ACTION_COLUMNS",
    "ACTION_SERIES",
    "FOLLOW_UP_RULE",
    "actions_table",
    "budget_limit",
    "partnership_table",
    "supervision_table",
]

FOLLOW_UP_RULE = (
    "The kit's own rule: an action counts as followed up when the next session's record "
    "mentions it (shares a word of five letters or more with it)."
)
# form -> (its list of agreed actions, its number field and prefix, the answers read for mentions)
ACTION_SERIES = {
    "team_reflection_session": (
        "actions",
        "session_number",
        "s",
        ["progress", "enablers", "challenges", "recovery_stories"],
    ),
    "manager_reflection_group": (
        "agreed",
        "group_number",
        "g",
        ["progress", "experiences", "problems", "enablers", "blocks"],
    ),
}
ACTION_COLUMNS = ["team", "series", "number", "what", "who", "by_when", "follow_up"]
_WORD = re.compile(r"[a-z]{5,}")
_COMMON = frozenset({"about", "their", "there", "which", "would", "should", "every", "other"})


def _words(text: object) -> set[str]:
    return set(_WORD.findall(str(text or "").lower())) - _COMMON


def _numbered(records: pd.DataFrame, field: str, prefix: str) -> pd.Series:
    """The records' numbers ("s3" -> 3), each distinct answer read once (a series has few)."""
    codes, answers = pd.factorize(records[field])
    text = pd.Series(answers, dtype="string").str.removeprefix(prefix)
    numbers = pd.to_numeric(text, errors="coerce").astype("Int64")
    return pd.Series(numbers.array.take(codes, allow_fill=True), index=records.index)


def _mentioned(records: pd.DataFrame, said: list[str]) -> dict[tuple[str, int], set[str]]:
    """(team, session number) -> the words its records say, in any of the `said` answers (the
    answers of each gathered first, and their words found once)."""
    numbered = records.dropna(subset=["number"])
    texts = zip(*(numbered[column].tolist() for column in said), strict=True)
    keys = zip(numbered["team"].tolist(), numbered["number"].tolist(), strict=True)
    gathered: dict[tuple[str, int], list[str]] = {}
    for key, answers in zip(keys, texts, strict=True):
        found = gathered.get(key)
        if found is None:
            found = gathered[key] = []
        found.extend([text for text in answers if text.__class__ is str])
    return {key: set(_WORD.findall("\n".join(found).lower())) - _COMMON
            for key, found in gathered.items()}  # fmt: skip


def _follow_up(what: object, later: set[str] | None) -> str:
    if later is None:
        return "next session not yet recorded"
    return "followed up" if _words(what) & later else "not mentioned"


def _series_actions(sources: Sources, form_id: str) -> dict[str, list]:
    """The form's agreed actions, as lists of ACTION_COLUMNS."""
    group, field, prefix, said = ACTION_SERIES[form_id]
    records = per_response(sources, form_id, [field, *said])
    agreed = entries(sources, form_id, group)
    if records.empty or agreed.empty:
        return {column: [] for column in ACTION_COLUMNS}
    records["number"] = _numbered(records, field, prefix)
    mentioned = _mentioned(records, said)
    agreed = agreed.merge(records[["response_id", "number"]], on="response_id")
    teams = agreed["team"].tolist()
    numbers = agreed["number"].astype(object).where(agreed["number"].notna(), None).tolist()
    whats = agreed["what"].tolist()
    follow = [
        _follow_up(what, mentioned.get((team, number + 1)) if number else None)
        for team, number, what in zip(teams, numbers, whats, strict=True)
    ]
    return {
        "team": teams,
        "series": [load_form(form_id).title] * len(agreed),
        "number": numbers,
        "what": whats,
        "who": agreed["who"].tolist(),
        "by_when": agreed["by_when"].tolist(),
        "follow_up": follow,
    }


def actions_table(sources: Sources) -> pd.DataFrame:
    series = [_series_actions(sources, form_id) for form_id in ACTION_SERIES]
    columns = {column: [v for found in series for v in found[column]] for column in ACTION_COLUMNS}
    table = pd.DataFrame(columns if columns["team"] else [], columns=ACTION_COLUMNS)
    return table.sort_values(["team", "series", "number"], ignore_index=True)


def supervision_table(sources: Sources) -> pd.DataFrame:
    """Supervision reflection forms used, per team and month."""
    used = sources.counted(["supervision_reflection"])
    counted = used.groupby(["team", "month"])["responses"].sum().rename("forms").reset_index()
    return counted if not counted.empty else pd.DataFrame(columns=["team", "month", "forms"])


def budget_limit() -> float:
    """The manual's £500 (section 2.7), as the proposal form's own budget check holds it."""
    form = load_form("partnership_project_proposal")
    limit = next(c.max for c in form.checks if c.kind == "sum_at_most")
    assert limit is not None, "the proposal form's budget check has no maximum"
    return float(limit)


def partnership_table(sources: Sources) -> pd.DataFrame:
    """Each team's proposals: requested total, the panel's decision, spent against £500."""
    form = load_form("partnership_project_proposal")
    decision = next(f for f in form.fields if f.id == "panel_decision")
    found = per_response(sources, form.id, ["title", "panel_decision", "amount_spent"])
    costs = entries(sources, form.id, "costs")
    requested = (
        pd.to_numeric(costs["amount"], errors="coerce").groupby(costs["response_id"]).sum()
        if "amount" in costs
        else pd.Series(dtype=float)
    )
    found["requested"] = found["response_id"].map(requested).fillna(0.0)
    found["decision"] = found["panel_decision"].map(
        lambda v: decision.option_label(v) if isinstance(v, str) else "Not yet decided"
    )
    found["spent"] = pd.to_numeric(found["amount_spent"], errors="coerce")
    found["limit"] = budget_limit()
    columns = ["team", "title", "requested", "decision", "spent", "limit"]
    return found[columns]
