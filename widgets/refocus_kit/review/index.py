"""The REFOCUS implementation index: the kit's own single figure for how far a team has taken
the programme up, combining delivery and practice. The manual has no such index.

    delivery = events held / events whose date has come (held + due + overdue; cancelled and
               future events left out)
    practice = the mean of five shares over the team's latest care-record audit: values and
               treatment preferences recorded, strengths recorded, goals recorded, approach
               goals among the goals (goal check), independent or joint actions among actions
    index    = 100 x (delivery + practice) / 2, from 0 to 100

A team with no event due yet, or no audit yet, has no index: the review says which is missing."""

from __future__ import annotations

import pandas as pd

from refocus_kit.provenance import kit_own
from refocus_kit.review.practice import audit_totals, shares_of

__all__ = ["INDEX_COLUMNS", "INDEX_FORMULA", "implementation_index"]

INDEX_FORMULA = (
    "Implementation index = 100 x (delivery + practice) / 2. Delivery: events held / events "
    "whose date has come (held, due or overdue). Practice: the mean of five shares in the "
    "team's latest care-record audit (values and treatment preferences, strengths and goals "
    f"recorded; approach goals; independent or joint actions). ({kit_own('index')})"
)
INDEX_COLUMNS = ["team", "delivery", "practice", "index", "missing"]
_PRACTICE_SHARES = (
    "values_recorded",
    "strengths_recorded",
    "goals_recorded",
    "approach_goals",
    "active_actions",
)


def _practice(shares: dict[str, float | None]) -> float | None:
    """The practice half of the index, from the shares of a team's latest audit."""
    independent, joint = shares.get("independent_actions"), shares.get("joint_actions")
    shares["active_actions"] = None if independent is None else independent + (joint or 0)
    found = [value for k in _PRACTICE_SHARES if (value := shares.get(k)) is not None]
    return sum(found) / len(found) if found else None


def _latest(audit: pd.DataFrame) -> pd.DataFrame:
    """Each team's latest audit."""
    return audit[audit["audited_on"] == audit.groupby("team")["audited_on"].transform("max")]


def _delivery_scores(delivery: pd.DataFrame) -> dict[str, float]:
    """Each team's delivery half, for the teams with an event whose date has come."""
    come = delivery[delivery["status"].isin(["held", "due", "overdue"])]
    held = (come["status"] == "held").groupby(come["team"]).mean()
    return {team: float(share) for team, share in held.items()}


def implementation_index(teams, delivery: pd.DataFrame, audit: pd.DataFrame) -> pd.DataFrame:
    scores = _delivery_scores(delivery)
    totals = audit_totals(_latest(audit), by="team") if len(audit) else None
    practices = {} if totals is None else {
        team: _practice(shares_of(row)) for team, row in totals.iterrows()
    }  # fmt: skip
    rows = []
    for team in teams:
        done = scores.get(team)
        practice = practices.get(team)
        missing = [
            what
            for what, value in (("no event due yet or no timetable", done), ("no audit", practice))
            if value is None
        ]
        index = None if missing else round(100 * (done + practice) / 2, 1)  # type: ignore[operator]
        rows.append([team, done, practice, index, "; ".join(missing)])
    return pd.DataFrame(rows, columns=INDEX_COLUMNS)
