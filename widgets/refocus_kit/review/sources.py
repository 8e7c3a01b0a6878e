"""What the review reads, and nothing else: the store's tidy export, the sessions, the teams'
kept timetables and the exercises' export. Of the export it asks only for what it uses. Of
most forms it only counts the responses (`response_counts`: how many per form, team, month
and demo or not), with no row per response. Of the forms whose answers it reads, named with
those answers in `READS`, declared here once, it reads one row per response and each one's
answers (`response_answers`), picked as they are read into tidy tables: one row per response
with the answers named, and one row per entry of each list read. No row is made of an answer
the review does not read, and no response's answers are kept once picked from."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass, replace
from functools import cached_property, partial
from typing import Any

import pandas as pd

from refocus_kit.forms.loader import load_form
from refocus_kit.review.exercises import ExerciseTable, exercises_table
from refocus_kit.sessions import Session, team_sessions
from refocus_kit.store.ahead import read_ahead
from refocus_kit.store.export import (
    count_columns,
    item_value,
    no_collection,
    response_answers,
    response_counts,
)
from refocus_kit.store.store import Store
from refocus_kit.timetable import Timetable, team_timetable, timetabled_teams

__all__ = [
    "ITEM_FORMS",
    "NO_TEAM",
    "READS",
    "RESPONSES_READ",
    "Read",
    "Sources",
    "entries",
    "month_of",
    "no_sources",
    "per_response",
    "read_sources",
    "source_reads",
]


@dataclass(frozen=True)
class Read:
    """What the review reads of a form's answers: some answers, one column each, and some
    lists (group answers), each with the fields of its entries read."""

    answers: tuple[str, ...]
    lists: dict[str, tuple[str, ...]]


NO_TEAM = "(no team)"
# What the review reads of each care record audited.
AUDITED = (
    "values_recorded",
    "strengths_recorded",
    "goals_recorded",
    "goals",
    "independent_actions",
    "joint_actions",
    "passive_actions",
    "strengths_marks",
)
# The forms whose answers the review reads (delivery, reflection, practice), and what of them:
# of the other forms it counts the responses only.
READS = {
    "attendance": Read(("strategy", "session_number", "session_date"), {"attendees": ("status",)}),
    "team_reflection_session": Read(
        ("session_number", "progress", "enablers", "challenges", "recovery_stories"),
        {"actions": ("what", "who", "by_when")},
    ),
    "manager_reflection_group": Read(
        ("group_number", "progress", "experiences", "problems", "enablers", "blocks"),
        {"agreed": ("what", "who", "by_when")},
    ),
    "partnership_project_proposal": Read(
        ("title", "panel_decision", "amount_spent"), {"costs": ("amount",)}
    ),
    "care_record_audit": Read(("audited_on",), {"records": AUDITED}),
    "strengths_worksheet": Read(("strengths",), {}),
}
ITEM_FORMS = tuple(READS)
# What the review keeps of each response of the forms READS reads (and created_at's UTC date,
# `created_on`): its response_id is a number the review gives it, not read from the store.
RESPONSES_READ = ["response_id", "form_id", "team", "session", "created_at", "demo"]


@dataclass(frozen=True)
class Sources:
    """What the review reads. Its `response_id` is a number standing for the response (its
    row in `responses`), not the store's id: the review only joins on it, and numbers join
    faster than 32 letters."""

    responses: pd.DataFrame  # one row per response of the forms READS reads: RESPONSES_READ
    # every other form's responses counted: count_columns (with respondent, when read)
    counts: pd.DataFrame
    # form -> one row per response that answered anything: response_id and READS' answers
    answers: dict[str, pd.DataFrame]
    # (form, list) -> one row per entry: response_id, n (from 1) and READS' fields
    lists: dict[tuple[str, str], pd.DataFrame]
    sessions: tuple[Session, ...]
    timetables: dict[str, Timetable]
    exercises: ExerciseTable
    today: dt.date

    @property
    def teams(self) -> list[str]:
        named = {s.team for s in self.sessions}
        for table in (self.responses, self.counts):
            named.update(table["team"].dropna().unique())
        with_exercises = set(self.exercises.table["team"].dropna())
        return sorted(named | set(self.timetables) | with_exercises)

    @property
    def demo_teams(self) -> frozenset[str]:
        """The teams with any demo response."""
        demo = [t.loc[t["demo"].astype(bool), "team"] for t in (self.responses, self.counts)]
        return frozenset(team for found in demo for team in found.dropna().unique())

    @cached_property
    def _responses_by_form(self) -> dict[str, pd.DataFrame]:
        """The responses of each form (split once, not filtered again for each use)."""
        return {str(form): rows for form, rows in self.responses.groupby("form_id", sort=False)}

    def responses_of(self, form_id: str) -> pd.DataFrame:
        """The form's responses, one row each: of a form READS reads."""
        return self._responses_by_form.get(form_id, self.responses.iloc[:0])

    def counted(self, form_ids: Collection[str] | None = None) -> pd.DataFrame:
        """How many responses the forms named (every form if None) have: count_columns (with
        respondent, when read), whether the review reads their answers or not."""
        counts, read = self.counts, self.responses
        if form_ids is not None:
            counts = counts[counts["form_id"].isin(form_ids)]
            read = read[read["form_id"].isin(form_ids)]
        if read.empty:
            return counts.reset_index(drop=True)
        keys = [name for name in counts.columns if name in read.columns]  # respondent too
        grouped = (
            read.assign(month=month_of(read["created_at"]))
            .groupby([*keys, "month"], dropna=False, sort=False)
            .agg(responses=("response_id", "size"), first_on=("created_on", "min"))
            .reset_index()
        )
        found = [t for t in (counts, grouped[counts.columns]) if not t.empty]
        return pd.concat(found, ignore_index=True)

    def of_teams(self, teams: Collection[str]) -> Sources:
        """The same sources with only the named teams' responses (and their answers)."""
        responses = self.responses[self.responses["team"].isin(teams)]
        kept = set(responses["response_id"])
        return replace(
            self,
            responses=responses.reset_index(drop=True),
            counts=self.counts[self.counts["team"].isin(teams)].reset_index(drop=True),
            answers={f: t[t["response_id"].isin(kept)] for f, t in self.answers.items()},
            lists={key: t[t["response_id"].isin(kept)] for key, t in self.lists.items()},
        )


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


class _Picked:
    """One form's responses and list entries, as rows of what READS reads of them, picked
    as each response is read (its answers are let go of once picked from)."""

    def __init__(self, read: Read):
        self.read = read
        self.rows: list[tuple] = []
        self.lists: dict[str, list[tuple]] = {group: [] for group in read.lists}

    def add(self, number: int, answers: dict[str, Any]) -> None:
        if not answers:
            return
        get = answers.get
        self.rows.append((number, *map(get, self.read.answers)))
        for group, found in self.lists.items():
            listed = get(group)
            if listed.__class__ is list:
                _entries(found, self.read.lists[group], number, listed)

    def tables(self, form_id: str) -> tuple[pd.DataFrame, dict[str, pd.DataFrame]]:
        """The table of the form's answers read, and the table of each list read."""
        chosen = _multiple_choices(form_id)
        lists = {group: _table(found, ["response_id", "n"], self.read.lists[group], chosen)
                 for group, found in self.lists.items()}  # fmt: skip
        return _table(self.rows, ["response_id"], self.read.answers, chosen), lists


def _multiple_choices(form_id: str) -> set[str]:
    """The form's multiple-choice answers, in it or in its lists' entries."""
    fields = [f for top in load_form(form_id).fields for f in (top, *top.fields)]
    return {f.id for f in fields if f.kind == "multi_choice"}


def _entries(found: list[tuple], fields: tuple[str, ...], number: int, listed: list) -> None:
    """A row of each entry with any of the fields answered (the others are no entries of the
    review's)."""
    for n, entry in enumerate(listed, start=1):
        if entry.__class__ is dict:
            values = tuple(map(entry.get, fields))
            if values.count(None) < len(values):
                found.append((number, n, *values))


def _table(
    rows: list[tuple], keys: list[str], names: tuple[str, ...], chosen: set[str]
) -> pd.DataFrame:
    """The rows as integer `keys` and object columns of answers (None where unanswered, a
    multiple choice (of `chosen`) as its options joined by "; ", as the tidy export's values
    are)."""
    table = pd.DataFrame(rows, columns=[*keys, *names], dtype=object)
    for key in keys:
        table[key] = table[key].astype("int64")
    for name in chosen.intersection(names):
        table[name] = [item_value(value) for value in table[name].to_numpy()]
    return table


@no_collection()
def read_sources(
    store: Store, today: dt.date | None = None, *, respondents: bool = False
) -> Sources:
    """What the review reads; with `respondents`, each response's respondent too (the review
    served on a hub counts each member of a team's responses: review/teams.py). The cyclic
    collector is held off meanwhile (see `no_collection`). The store is read ahead of the
    picking (store/ahead.py): each form READS reads is read while the one before it is picked
    from (the first while the sessions, timetables and exercises are read), and the other forms
    are counted while the last is."""
    reads = source_reads(store, respondents=respondents)
    with read_ahead(reads, background=store.shared_by_threads) as results:
        timetables = {t: team_timetable(store, t) for t in timetabled_teams(store)}
        sessions, exercises = tuple(team_sessions(store)), exercises_table()
        responses, tables, lists = _picked(results)
        counts = next(results)
    return Sources(
        responses=_dated(responses),
        counts=counts,
        answers=tables,
        lists=lists,
        sessions=sessions,
        timetables={t: plan for t, plan in timetables.items() if plan is not None},
        exercises=exercises,
        today=today or dt.date.today(),
    )


def source_reads(store: Store, *, respondents: bool = False) -> list[Callable[[], Any]]:
    """The store's reads read_sources makes, in its order: each form READS reads (its
    responses, RESPONSES_READ but the id, with the respondent with `respondents`, and their
    answers: response_answers), then the other forms' counts (response_counts)."""
    columns = [*RESPONSES_READ[1:], *(["respondent"] if respondents else [])]  # not the id
    reads: list[Callable[[], Any]] = [
        partial(response_answers, store, [form_id], columns=columns) for form_id in READS
    ]
    reads.append(partial(response_counts, store, excluding=ITEM_FORMS, respondents=respondents))
    return reads


def _picked(results: Iterator[Any]) -> tuple:
    """The responses of the forms READS reads (one table, form after form) and READS' tables
    of them, from each form's responses and answers in turn (read_ahead's results, in the
    order of READS; a response known by its number: its place in that table)."""
    found: list[pd.DataFrame] = []
    tables: dict[str, pd.DataFrame] = {}
    lists: dict[tuple[str, str], pd.DataFrame] = {}
    start = 0
    for form_id, read in READS.items():
        responses, answers = next(results)
        picked = _Picked(read)
        for number, answered in enumerate(answers, start=start):
            picked.add(number, answered)
        found.append(responses)
        start += len(responses)
        tables[form_id], listed = picked.tables(form_id)
        lists.update({(form_id, group): table for group, table in listed.items()})
    responses = pd.concat([t for t in found if len(t)] or found[:1], ignore_index=True)
    responses.insert(0, "response_id", range(len(responses)))
    return responses, tables, lists


def no_sources(today: dt.date | None = None, *, respondents: bool = False) -> Sources:
    """What an empty store holds, for a review opened before any store is made (with the
    respondents' columns, as read_sources makes them, with `respondents`)."""
    more = ["respondent"] if respondents else []
    return Sources(
        responses=_dated(pd.DataFrame(columns=[*RESPONSES_READ, *more])),
        counts=pd.DataFrame(columns=count_columns(respondents)),
        answers={},
        lists={},
        sessions=(),
        timetables={},
        exercises=exercises_table(),
        today=today or dt.date.today(),
    )


_BASE = ["response_id", "team", "session", "created_on", "demo"]


def _read(form_id: str) -> Read:
    read = READS.get(form_id)
    if read is None:
        raise ValueError(f"the review reads no answers of {form_id!r}: add it to READS")
    return read


def per_response(sources: Sources, form_id: str, items: list[str]) -> pd.DataFrame:
    """One row per response of a form READS reads (every response when no answers are named;
    those that answered anything when some are): its id, team, session, date and the named
    answers (None where unanswered), which READS must name. Of the other forms the review
    counts the responses only (`Sources.counted`)."""
    read = _read(form_id)
    base = sources.responses_of(form_id)[_BASE]
    if not items:
        return base.reset_index(drop=True)
    unread = [item for item in items if item not in read.answers]
    if unread:
        raise ValueError(f"READS names no answer {', '.join(unread)} of {form_id!r}")
    found = sources.answers.get(form_id)
    if found is None:
        return base.iloc[:0].reindex(columns=[*_BASE, *items])
    return base.merge(found[["response_id", *items]], on="response_id")


def entries(
    sources: Sources, form_id: str, group: str, fields: Collection[str] | None = None
) -> pd.DataFrame:
    """One row per entry of a list (the answer `group`) with any of its fields read (or of
    those named) answered: the response's id, the entry's number `n`, those fields as
    columns, and the response's team, session and date; in the order of responses and
    entries."""
    read = _read(form_id).lists.get(group)
    if read is None:
        raise ValueError(f"READS names no list {group!r} of {form_id!r}")
    names = [f for f in read if fields is None or f in fields]
    found = sources.lists.get((form_id, group))
    if found is None or found.empty:
        return pd.DataFrame(columns=["response_id", "n", "team", "session", "created_on"])
    found = found[["response_id", "n", *names]]
    if len(names) < len(read):
        found = found[found[names].notna().any(axis=1)]
    base = sources.responses_of(form_id)[["response_id", "team", "session", "created_on"]]
    return found.merge(base, on="response_id")
