"""What the review reads, and nothing else: the store's tidy export, the sessions, the teams'
kept timetables and the exercises' export. Of the tidy export it asks only for what it uses:
one row per response of every form (`response_table`: the review counts some forms' responses
and reads nothing else of them) and the answered items of the forms whose answers it reads
(`ITEM_FORMS`). Helpers here turn the item rows back into one row per response, or per entry
of a list, with pandas alone."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection
from dataclasses import dataclass
from functools import cached_property

import numpy as np
import pandas as pd

from refocus_kit.review.exercises import ExerciseTable, exercises_table
from refocus_kit.sessions import Session, team_sessions
from refocus_kit.store.export import response_table, tidy
from refocus_kit.store.store import Store
from refocus_kit.timetable import Timetable, team_timetable, timetabled_teams

__all__ = [
    "ITEMS_READ",
    "ITEM_FORMS",
    "NO_TEAM",
    "RESPONSES_READ",
    "Sources",
    "entries",
    "month_of",
    "no_sources",
    "per_response",
    "read_sources",
]

NO_TEAM = "(no team)"
# The forms whose answers the review reads (delivery, reflection, practice): of the others it
# counts the responses only.
ITEM_FORMS = (
    "attendance",
    "team_reflection_session",
    "manager_reflection_group",
    "partnership_project_proposal",
    "care_record_audit",
    "strengths_worksheet",
)
# What the review keeps of the tidy export: of each response (and created_at's UTC date,
# `created_on`), and of each answered item.
RESPONSES_READ = ["response_id", "form_id", "team", "session", "created_at", "demo"]
ITEMS_READ = ["response_id", "item", "value"]
_MAX_ENTRIES = 1_000_000  # more than any list holds
_ENTRY = re.compile(r"^(?P<group>\w+)\[(?P<n>\d+)\]\.(?P<field>\w+)$")


@dataclass(frozen=True)
class Sources:
    """What the review reads. Its `response_id` is a number standing for the response (its
    row in `responses`), not the store's id: the review only joins on it, and numbers join
    faster than 32 letters."""

    responses: pd.DataFrame  # one row per response of every form: RESPONSES_READ, dated
    items: dict[str, pd.DataFrame]  # form -> one row per answered item: ITEMS_READ
    sessions: tuple[Session, ...]
    timetables: dict[str, Timetable]
    exercises: ExerciseTable
    today: dt.date

    @property
    def teams(self) -> list[str]:
        named = set(self.responses["team"].dropna().unique()) | {s.team for s in self.sessions}
        with_exercises = set(self.exercises.table["team"].dropna())
        return sorted(named | set(self.timetables) | with_exercises)

    @cached_property
    def _responses_by_form(self) -> dict[str, pd.DataFrame]:
        """The responses of each form (split once, not filtered again for each use)."""
        return {str(form): rows for form, rows in self.responses.groupby("form_id", sort=False)}

    def responses_of(self, form_id: str) -> pd.DataFrame:
        return self._responses_by_form.get(form_id, self.responses.iloc[:0])

    def items_of(self, form_id: str) -> pd.DataFrame:
        return self.items.get(form_id, _NO_ITEMS)


_NO_ITEMS = pd.DataFrame({"response_id": pd.Series(dtype="int64"), "item": pd.Series(dtype=object),
                          "value": pd.Series(dtype=object)})  # fmt: skip


def _dated(table: pd.DataFrame) -> pd.DataFrame:
    table["created_at"] = pd.to_datetime(table["created_at"], utc=True)
    table["created_on"] = table["created_at"].dt.date
    return table


def month_of(when: pd.Series) -> pd.Series:
    """Each date's month as text, "YYYY-MM" (each distinct month written once)."""
    at = pd.to_datetime(when)
    codes, months = pd.factorize(at.dt.year * 100 + at.dt.month)
    names = pd.array([f"{int(m) // 100:04d}-{int(m) % 100:02d}" for m in months], dtype="str")
    return pd.Series(names.take(codes, allow_fill=True), index=when.index)


def _keyed(responses: pd.DataFrame, items: dict[str, pd.DataFrame]) -> None:
    """Each response's id replaced by its row number in `responses`, in both tables (items of
    a response made between the two reads, in no row, left out)."""
    ids = pd.Index(responses["response_id"])
    responses["response_id"] = range(len(responses))
    for form_id, rows in items.items():
        found = ids.get_indexer(rows["response_id"])
        items[form_id] = rows.assign(response_id=found)[found >= 0]


def read_sources(
    store: Store, today: dt.date | None = None, *, respondents: bool = False
) -> Sources:
    """What the review reads; with `respondents`, each response's respondent too (the review
    served on a hub counts each member of a team's responses: review/teams.py)."""
    columns = [*RESPONSES_READ, "respondent"] if respondents else RESPONSES_READ
    responses = response_table(store, columns=columns)
    items = {form: tidy(store, form, columns=ITEMS_READ) for form in ITEM_FORMS}
    _keyed(responses, items)
    timetables = {t: team_timetable(store, t) for t in timetabled_teams(store)}
    return Sources(
        responses=_dated(responses),
        items=items,
        sessions=tuple(team_sessions(store)),
        timetables={t: plan for t, plan in timetables.items() if plan is not None},
        exercises=exercises_table(),
        today=today or dt.date.today(),
    )


def no_sources(today: dt.date | None = None) -> Sources:
    """What an empty store holds, for a review opened before any store is made."""
    return Sources(
        responses=_dated(pd.DataFrame(columns=RESPONSES_READ)),
        items={},
        sessions=(),
        timetables={},
        exercises=exercises_table(),
        today=today or dt.date.today(),
    )


_BASE = ["response_id", "team", "session", "created_on", "demo"]


def per_response(sources: Sources, form_id: str, items: list[str]) -> pd.DataFrame:
    """One row per response of the form with answered items (every response, when no items
    are named): its id, team, session, date and the named items' values (None where
    unanswered)."""
    base = sources.responses_of(form_id)[_BASE]
    if not items:
        return base.reset_index(drop=True)
    rows = sources.items_of(form_id)
    base = base[base["response_id"].isin(rows["response_id"])]
    wanted = rows[rows["item"].isin(items)]
    values = wanted.pivot(index="response_id", columns="item", values="value")
    values = values.reindex(columns=items)
    return base.join(values, on="response_id").reset_index(drop=True)


def _parts(items: pd.Series, group: str, fields: Collection[str] | None) -> tuple:
    """Each item's entry number in `group` (0 for an item outside it, or of a field not
    wanted) and its field, each distinct item parsed once."""
    codes, distinct = pd.factorize(items)
    numbers, names = [], []
    for item in distinct:
        found = _ENTRY.match(item)
        inside = found is not None and found["group"] == group
        wanted = found and inside and (fields is None or found["field"] in fields)
        numbers.append(int(found["n"]) if found and wanted else 0)
        names.append(found["field"] if found and wanted else None)
    return np.array(numbers, dtype="int64")[codes], np.array(names, dtype=object)[codes]


def entries(
    sources: Sources, form_id: str, group: str, fields: Collection[str] | None = None
) -> pd.DataFrame:
    """One row per entry of a list (`group[n].field` items), its fields (or those named) as
    columns, with the response's id, team, session and date; in the order of responses and
    entries."""
    rows = sources.items_of(form_id)
    n, names = _parts(rows["item"], group, fields)
    inside = n > 0
    if not inside.any():
        return pd.DataFrame(columns=["response_id", "n", "team", "session", "created_on"])
    # (response, entry) as one number: a pivot on one number is quicker than on two
    key = rows["response_id"].to_numpy()[inside] * _MAX_ENTRIES + n[inside]
    found = pd.DataFrame(
        {"key": key, "field": names[inside], "value": rows["value"].to_numpy()[inside]}
    )
    wide = found.pivot(index="key", columns="field", values="value")
    keys = wide.index.to_numpy()
    wide = wide.reset_index(drop=True)
    wide.insert(0, "response_id", keys // _MAX_ENTRIES)
    wide.insert(1, "n", keys % _MAX_ENTRIES)
    base = sources.responses_of(form_id)[["response_id", "team", "session", "created_on"]]
    return wide.merge(base, on="response_id")
