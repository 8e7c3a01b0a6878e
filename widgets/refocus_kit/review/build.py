"""The progress review, built once from its sources (review/sources.py) into one table per
part, and one tidy table of measures (team, month, section, measure, value) for charts and
comparisons. What a team lacks is said in words (`missing`), never raised."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from refocus_kit.review.delivery import delivery_table
from refocus_kit.review.exercises import ExerciseTable
from refocus_kit.review.index import implementation_index
from refocus_kit.review.practice import (
    audit_shares,
    audit_table,
    practice_table,
    worksheet_marks,
)
from refocus_kit.review.reflection import actions_table, partnership_table, supervision_table
from refocus_kit.review.sources import Sources, month_of, no_sources, read_sources
from refocus_kit.store.export import no_collection
from refocus_kit.store.store import Store
from refocus_kit.timetable import Timetable

__all__ = ["MEASURE_COLUMNS", "Review", "build_review", "kit_review", "review_from"]

MEASURE_COLUMNS = ["team", "month", "section", "measure", "value"]


@dataclass(frozen=True)
class Review:
    today: dt.date
    teams: list[str]
    delivery: pd.DataFrame
    actions: pd.DataFrame
    supervision: pd.DataFrame
    partnership: pd.DataFrame
    audit: pd.DataFrame
    practice: pd.DataFrame
    worksheets: pd.DataFrame
    exercises: ExerciseTable
    index: pd.DataFrame
    measures: pd.DataFrame
    demo_teams: frozenset[str]
    timetables: dict[str, Timetable]

    @property
    def empty(self) -> bool:
        return not self.teams

    def of(self, name: str, team: str) -> pd.DataFrame:
        table = getattr(self, name)
        return table[table["team"] == team]

    def shares(self, team: str) -> dict[str, float | None]:
        return audit_shares(self.of("audit", team))

    def missing(self, team: str) -> list[str]:
        """What the team has no data for yet, in words a facilitator can act on."""
        if team not in self.teams:
            return [f"nothing at all is stored for {team!r} yet"]
        needs = {
            "delivery": f"no timetable: run `refocus timetable --team {team!r} --start YYYY-MM-DD`",
            "actions": "no agreed actions recorded in team sessions or manager groups",
            "supervision": "no supervision reflection forms used",
            "partnership": "no partnership project proposal",
            "audit": "no care-record audit (the kit's own form care_record_audit)",
            "practice": "no practice records saved by the working-practice tools",
        }
        return [what for name, what in needs.items() if self.of(name, team).empty]


def _measures(delivery, supervision, audit, practice) -> pd.DataFrame:
    parts = []
    held = delivery[delivery["status"] == "held"].assign(month=lambda d: month_of(d["held_on"]))
    parts.append(
        held.groupby(["team", "month"])
        .size()
        .rename("value")
        .reset_index()
        .assign(section="delivery", measure="events held")
    )
    came = held.dropna(subset=["present"])
    parts.append(
        came.groupby(["team", "month"])["present"]
        .sum()
        .rename("value")
        .reset_index()
        .assign(section="delivery", measure="attendance")
    )
    parts.append(
        supervision.rename(columns={"forms": "value"}).assign(
            section="reflection", measure="supervision forms"
        )
    )
    audited = audit.groupby(["team", "month"])  # its groups found once, for each measure
    shares = audited[["values", "strengths", "goals"]].mean()
    for column, measure in (("values", "values recorded"), ("strengths", "strengths recorded"),
                            ("goals", "goals recorded")):  # fmt: skip
        share = shares[column].rename("value").reset_index()
        parts.append(share.assign(section="audit", measure=measure))
    goals = audited[["approach_goals", "goal_count"]].sum()
    approach = goals["approach_goals"] / goals["goal_count"].where(goals["goal_count"] > 0)
    parts.append(
        approach.rename("value").reset_index().assign(section="audit", measure="approach goals")
    )
    parts.append(
        practice.groupby(["team", "month"])["records"].sum().rename("value").reset_index()
        .assign(section="practice", measure="practice records")
    )  # fmt: skip
    found = [p[MEASURE_COLUMNS] for p in parts if not p.empty]
    if not found:
        return pd.DataFrame(columns=MEASURE_COLUMNS)
    return pd.concat(found, ignore_index=True).sort_values(["team", "month", "section"])


@no_collection()
def review_from(sources: Sources) -> Review:
    """The review of what the sources hold, built with the cyclic collector held off: the
    build makes and lets go of hundreds of thousands of small objects (some 25 of them in
    cycles, freed at the next collection after), and each collection meanwhile would look over
    every one still held."""
    teams = sources.teams
    delivery = delivery_table(sources)
    supervision = supervision_table(sources)
    audit = audit_table(sources)
    practice = practice_table(sources)
    return Review(
        today=sources.today,
        teams=teams,
        delivery=delivery,
        actions=actions_table(sources),
        supervision=supervision,
        partnership=partnership_table(sources),
        audit=audit,
        practice=practice,
        worksheets=worksheet_marks(sources),
        exercises=sources.exercises,
        index=implementation_index(teams, delivery, audit),
        measures=_measures(delivery, supervision, audit, practice),
        demo_teams=sources.demo_teams,
        timetables=dict(sources.timetables),
    )


@no_collection()
def build_review(store: Store, today: dt.date | None = None) -> Review:
    """The whole review from the store, the sessions, the timetables and the exercises."""
    return review_from(read_sources(store, today))


def kit_review(today: dt.date | None = None) -> Review:
    """The review of the kit's own store, creating nothing: before the store is made, the
    review of an empty one (for pages that only read)."""
    store = Store.existing()
    if store is None:
        return review_from(no_sources(today))
    with store:
        return build_review(store, today)
