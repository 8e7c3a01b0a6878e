"""Working practices: the care-record audit (the kit's own form `care_record_audit`) and the
practice records the working-practice tools save.

For each audited record: whether values and treatment preferences, strengths and goals are
recorded; each goal read by the kit's goal check (approach or avoidance, manual 5.3); the
balance of independent, joint and passive actions (5.3, principle 6); and how many of the
seven marks of a good strengths assessment (4.3, the marks the strengths check declares) the
record's assessment shows. Strengths Worksheets saved by the tools are scored by the strengths
check itself (its four measured marks)."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Any

import pandas as pd

from refocus_kit.forms.loader import load_form
from refocus_kit.practices.goals import APPROACH, check_goal
from refocus_kit.practices.strengths_quality import ROWS, check_strengths, marks
from refocus_kit.review.sources import Sources, entries, month_of, per_response

__all__ = [
    "AUDIT_COLUMNS",
    "PRACTICE_FORMS",
    "audit_shares",
    "audit_table",
    "audit_totals",
    "practice_table",
    "shares_of",
    "worksheet_marks",
]

PRACTICE_FORMS = (
    "values_treatment_preferences",
    "strengths_worksheet",
    "life_map",
    "action_plan",
    "care_plan_check",
)
AUDIT_COLUMNS = [
    "team",
    "audited_on",
    "month",
    "values",
    "strengths",
    "goals",
    "goal_count",
    "approach_goals",
    "independent",
    "joint",
    "passive",
    "marks_met",
]


@cache
def _approach(goal: str) -> bool:
    try:
        return check_goal(goal).verdict == APPROACH
    except ValueError:  # no words to check
        return False


def _goals(text: object) -> list[str]:
    return [line.strip() for line in str(text or "").splitlines() if line.strip()]


def _marks_met(marks: object) -> int:
    """How many marks an audited record's assessment shows (its options joined by "; ")."""
    return len([m for m in marks.split("; ") if m]) if isinstance(marks, str) else 0


def _count(column: pd.Series) -> pd.Series:
    return pd.to_numeric(column, errors="coerce").fillna(0).astype(int)


def audit_table(sources: Sources) -> pd.DataFrame:
    """One row per audited care record, with its audit's date and team."""
    audits = per_response(sources, "care_record_audit", ["audited_on"])
    records = entries(sources, "care_record_audit", "records")
    if records.empty:
        return pd.DataFrame(columns=AUDIT_COLUMNS)
    records = records.merge(audits[["response_id", "audited_on"]], on="response_id")
    records = records.reset_index(drop=True)
    goals = [_goals(text) for text in records["goals"].tolist()]
    table = pd.DataFrame(
        {
            "team": records["team"],
            "audited_on": pd.to_datetime(records["audited_on"]).dt.date,
            "values": records["values_recorded"] == "yes",
            "strengths": records["strengths_recorded"] == "yes",
            "goals": records["goals_recorded"] == "yes",
            "goal_count": [len(found) for found in goals],
            "approach_goals": [sum(map(_approach, found)) for found in goals],
            "independent": _count(records["independent_actions"]),
            "joint": _count(records["joint_actions"]),
            "passive": _count(records["passive_actions"]),
            "marks_met": [_marks_met(marks) for marks in records["strengths_marks"].tolist()],
        }
    )
    table["month"] = month_of(table["audited_on"])
    return table[AUDIT_COLUMNS]


# What the shares are made of: counts over the audited records.
_TOTALS = ["records", "values", "strengths", "goals", "goal_count", "approach_goals",
           "independent", "joint", "passive", "marks_of_assessed"]  # fmt: skip


def audit_totals(audit: pd.DataFrame, by: str | None = None) -> pd.DataFrame | pd.Series:
    """The counts the shares are made of, over all the audited records or per `by` (a team)."""
    counted = audit.assign(
        records=1, marks_of_assessed=audit["marks_met"].where(audit["strengths"], 0)
    )
    return counted.groupby(by)[_TOTALS].sum() if by else counted[_TOTALS].sum()


def shares_of(totals: Mapping[str, Any]) -> dict[str, float | None]:
    """Shares over audited records, from their counts (audit_totals): each of values,
    strengths and goals recorded, approach goals among goals, independent, joint or passive
    among actions, marks met among the seven (of records whose strengths are recorded)."""
    records, goals = totals["records"], totals["goal_count"]
    if not records:
        return {}
    actions = totals["independent"] + totals["joint"] + totals["passive"]
    assessed = totals["strengths"]
    return {
        "values_recorded": float(totals["values"] / records),
        "strengths_recorded": float(assessed / records),
        "goals_recorded": float(totals["goals"] / records),
        "approach_goals": float(totals["approach_goals"] / goals) if goals else None,
        "independent_actions": float(totals["independent"] / actions) if actions else None,
        "joint_actions": float(totals["joint"] / actions) if actions else None,
        "passive_actions": float(totals["passive"] / actions) if actions else None,
        "strengths_marks": float(totals["marks_of_assessed"] / assessed / len(marks()))
        if assessed
        else None,
    }


def audit_shares(audit: pd.DataFrame) -> dict[str, float | None]:
    """Shares over the audited records (see shares_of)."""
    return shares_of(audit_totals(audit)) if not audit.empty else {}


def practice_table(sources: Sources) -> pd.DataFrame:
    """Practice records saved by the tools, per team, form and month."""
    saved = sources.counted(PRACTICE_FORMS).groupby(["team", "form_id", "month"])["responses"]
    counted = saved.sum().rename("records").reset_index()
    counted["title"] = counted["form_id"].map(lambda f: load_form(f).title)
    return counted[["team", "form_id", "title", "month", "records"]]


def worksheet_marks(sources: Sources) -> pd.DataFrame:
    """Strengths Worksheets saved by the tools, each through the strengths check: the share of
    worksheets passing each measured mark, per team."""
    found = per_response(sources, "strengths_worksheet", ["strengths"])
    results = []
    for response_id, team, day, cells in zip(
        found["response_id"], found["team"], found["created_on"], found["strengths"], strict=True
    ):
        if not isinstance(cells, dict) or not cells:
            continue
        matrix: dict[str, dict[str, str]] = {r: {} for r in ROWS}
        for row, columns in cells.items():
            matrix.setdefault(row, {}).update(columns)
        for mark in check_strengths({"strengths": matrix}, updated=day):
            if mark.how == "measured":
                results.append((team, response_id, mark.label, bool(mark.passed)))
    table = pd.DataFrame(results, columns=["team", "response_id", "mark", "passed"])
    return table.groupby(["team", "mark"])["passed"].mean().rename("share").reset_index()
