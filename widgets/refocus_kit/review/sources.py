"""What the review reads, and nothing else: the store's tidy export (one row per response and
item), the sessions, the teams' kept timetables and the exercises' export. Helpers here turn
the tidy rows back into one row per response, or per entry of a list, with pandas alone."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from refocus_kit.review.exercises import ExerciseTable, exercises_table
from refocus_kit.sessions import Session, team_sessions
from refocus_kit.store.export import COLUMNS, tidy
from refocus_kit.store.store import Store
from refocus_kit.timetable import Timetable, team_timetable, timetabled_teams

__all__ = ["NO_TEAM", "Sources", "entries", "no_sources", "per_response", "read_sources"]

NO_TEAM = "(no team)"
_ENTRY = r"^(?P<group>\w+)\[(?P<n>\d+)\]\.(?P<field>\w+)$"


@dataclass(frozen=True)
class Sources:
    tidy: pd.DataFrame
    sessions: tuple[Session, ...]
    timetables: dict[str, Timetable]
    exercises: ExerciseTable
    today: dt.date

    @property
    def teams(self) -> list[str]:
        named = set(self.tidy["team"].dropna()) | {s.team for s in self.sessions}
        with_exercises = set(self.exercises.table["team"].dropna())
        return sorted(named | set(self.timetables) | with_exercises)


def _dated(table: pd.DataFrame) -> pd.DataFrame:
    table["created_on"] = pd.to_datetime(table["created_at"], utc=True, format="ISO8601").dt.date
    return table


def read_sources(store: Store, today: dt.date | None = None) -> Sources:
    table = _dated(tidy(store))
    timetables = {t: team_timetable(store, t) for t in timetabled_teams(store)}
    return Sources(
        tidy=table,
        sessions=tuple(team_sessions(store)),
        timetables={t: plan for t, plan in timetables.items() if plan is not None},
        exercises=exercises_table(),
        today=today or dt.date.today(),
    )


def no_sources(today: dt.date | None = None) -> Sources:
    """What an empty store holds, for a review opened before any store is made."""
    return Sources(
        tidy=_dated(pd.DataFrame(columns=COLUMNS)),
        sessions=(),
        timetables={},
        exercises=exercises_table(),
        today=today or dt.date.today(),
    )


def _of_form(table: pd.DataFrame, form_id: str) -> pd.DataFrame:
    return table[table["form_id"] == form_id]


def per_response(table: pd.DataFrame, form_id: str, items: list[str]) -> pd.DataFrame:
    """One row per response of the form: its team, session, date and the named items' values
    (None where unanswered)."""
    rows = _of_form(table, form_id)
    base = rows.drop_duplicates("response_id").set_index("response_id")
    base = base[["team", "session", "created_on", "demo"]]
    wanted = rows[rows["item"].isin(items)]
    values = wanted.pivot(index="response_id", columns="item", values="value")
    values = values.reindex(columns=items)
    return base.join(values).reset_index()


def entries(table: pd.DataFrame, form_id: str, group: str) -> pd.DataFrame:
    """One row per entry of a list (`group[n].field` items), fields as columns, with the
    response's id, team and session."""
    rows = _of_form(table, form_id)
    rows = rows[rows["item"].str.startswith(f"{group}[")]
    parts = rows["item"].str.extract(_ENTRY)
    rows = rows.assign(n=parts["n"].astype("Int64"), field=parts["field"])
    if rows.empty:
        return pd.DataFrame(columns=["response_id", "n", "team", "session", "created_on"])
    wide = rows.pivot(index=["response_id", "n"], columns="field", values="value").reset_index()
    base = rows.drop_duplicates("response_id")[["response_id", "team", "session", "created_on"]]
    return wide.merge(base, on="response_id")
