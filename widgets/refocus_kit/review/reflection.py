"""Reflection: the actions teams and manager groups agreed (owner, date, and whether the next
session followed them up), the supervision reflection forms used, and the partnership project.

Followed up is the kit's own reading: an action agreed at session n counts as followed up when
the record of session n + 1 mentions it, sharing a word of five letters or more with it."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pandas as pd

from refocus_kit.forms.loader import load_form
from refocus_kit.review.sources import Sources, entries, per_response

__all__ = [
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
_WORD = re.compile(r"[a-z]{5,}")
_COMMON = frozenset({"about", "their", "there", "which", "would", "should", "every", "other"})


def _words(text: object) -> set[str]:
    return set(_WORD.findall(str(text or "").lower())) - _COMMON


def _numbered(records: pd.DataFrame, field: str, prefix: str) -> pd.Series:
    text = records[field].astype("string").str.removeprefix(prefix)
    return pd.to_numeric(text, errors="coerce").astype("Int64")


def _series_actions(sources: Sources, form_id: str) -> Iterator[dict]:
    group, field, prefix, said = ACTION_SERIES[form_id]
    records = per_response(sources.tidy, form_id, [field, *said])
    if records.empty:
        return
    records["number"] = _numbered(records, field, prefix)
    mentioned: dict[tuple[str, int], set[str]] = {}
    for row in records.dropna(subset=["number"]).itertuples():
        words = set().union(*(_words(getattr(row, s)) for s in said))
        mentioned.setdefault((row.team, int(row.number)), set()).update(words)
    agreed = entries(sources.tidy, form_id, group).merge(
        records[["response_id", "number"]], on="response_id"
    )
    title = load_form(form_id).title
    for row in agreed.itertuples():
        number = None if pd.isna(row.number) else int(row.number)
        later = mentioned.get((row.team, number + 1)) if number else None
        if number is None or later is None:
            follow = "next session not yet recorded"
        else:
            follow = "followed up" if _words(row.what) & later else "not mentioned"
        yield {
            "team": row.team,
            "series": title,
            "number": number,
            "what": row.what,
            "who": getattr(row, "who", None),
            "by_when": getattr(row, "by_when", None),
            "follow_up": follow,
        }


def actions_table(sources: Sources) -> pd.DataFrame:
    rows = [row for form_id in ACTION_SERIES for row in _series_actions(sources, form_id)]
    columns = ["team", "series", "number", "what", "who", "by_when", "follow_up"]
    table = pd.DataFrame(rows, columns=columns)
    return table.sort_values(["team", "series", "number"], ignore_index=True)


def supervision_table(sources: Sources) -> pd.DataFrame:
    """Supervision reflection forms used, per team and month."""
    used = per_response(sources.tidy, "supervision_reflection", [])
    used["month"] = pd.to_datetime(used["created_on"]).dt.strftime("%Y-%m")
    counted = used.groupby(["team", "month"]).size().rename("forms").reset_index()
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
    found = per_response(sources.tidy, form.id, ["title", "panel_decision", "amount_spent"])
    costs = entries(sources.tidy, form.id, "costs")
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
