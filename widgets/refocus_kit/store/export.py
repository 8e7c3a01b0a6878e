"""A tidy table of responses (one row per response and item) and its CSV, XLSX and JSON forms.
The `demo` column marks the kit's fictional demo data.

Reports and the dashboard read this table, never the raw store. Text that a spreadsheet would
run as a formula is defused in CSV and XLSX. The rows are built and written without pandas
(a command-line export does not pay for importing it); `tidy` gives them as a DataFrame.

A reader may ask for some forms and some columns of the table only (the store reads those
forms alone; an answer's option label is looked up only when the `answer` column is asked
for). A reader of many responses that picks a few answers itself (the progress review) reads
those forms' responses, one row each without items, and each one's decoded answers
(`response_answers`), with no item rows made; of the forms whose responses it only counts, it
reads counts (`response_counts`), not a row each. The rows come as the database driver hands
them (`Store.scan`), each response's answers parsed once and turned into items by a plan made
once per form."""

from __future__ import annotations

import csv
import datetime as dt
import gc
import json
from collections.abc import Callable, Collection, Iterator, Sequence
from contextlib import contextmanager
from itertools import repeat
from pathlib import Path
from typing import TYPE_CHECKING, Any

from refocus_kit.forms.loader import load_forms
from refocus_kit.forms.model import Field, Form
from refocus_kit.forms.safety import neutralise_formula
from refocus_kit.store.store import Store, stored_answers, stored_iso

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "BASE_COLUMNS",
    "COLUMNS",
    "COUNT_COLUMNS",
    "FORMATS",
    "ITEM_COLUMNS",
    "count_columns",
    "item_value",
    "no_collection",
    "response_answers",
    "response_counts",
    "tidy",
    "tidy_rows",
    "write_export",
]

COLUMNS = [
    "response_id",
    "form_id",
    "form_version",
    "team",
    "session",
    "respondent",
    "created_at",
    "updated_at",
    "revision",
    "demo",
    "item",
    "label",
    "value",
    "answer",
]
BASE_COLUMNS = COLUMNS[:10]  # the response's
ITEM_COLUMNS = COLUMNS[10:]  # the answered item's
FORMATS = ("csv", "xlsx", "json")


class _Plan:
    """How a form's answers become items (item, label, value, answer), made once per form and
    export, not per response: the ids and labels of a group's entries, the labels of a
    choice's options. Without `readable`, answers are not looked up (the answer slot holds the
    raw value, for a table that does not keep it)."""

    def __init__(self, form: Form | None, readable: bool = True):
        self.fields = {f.id: f for f in form.fields} if form else {}
        self.readable = readable
        self._direct = _PLAIN if readable else _PLAIN | {"choice"}
        self._entries: dict[tuple[str, int], list[tuple[str, str, str, Field, bool]]] = {}
        self._options: dict[int, dict[Any, str]] = {}

    def entry(self, group: Field, path: str, label: str, n: int) -> list:
        """(sub-field id, item, label, sub-field, read as it is) for a group's n-th entry."""
        found = self._entries.get((path, n))
        if found is None:
            head = group.item_label or label
            found = [(s.id, f"{path}[{n}].{s.id}", f"{head} {n}: {s.label}", s,
                      s.kind in self._direct) for s in group.fields]  # fmt: skip
            self._entries[(path, n)] = found
        return found

    def option_label(self, field: Field, value: Any) -> str:
        options = self._options.get(id(field))
        if options is None:
            options = self._options[id(field)] = {}
            for option in field.options:  # the first option of a value names it
                options.setdefault(option.value, option.label)
        return options.get(value, value)

    def answer(self, field: Field, value: Any) -> Any:
        """The value as a person reads it: option labels instead of option ids."""
        if field.kind == "choice":
            return self.option_label(field, value)
        if field.kind == "multi_choice":
            return "; ".join(self.option_label(field, v) for v in value)
        return value

    def response(self, answers: dict[str, Any], out: list[tuple]) -> None:
        """Append the items of one response's answers."""
        fields, direct = self.fields, self._direct
        for key, value in answers.items():
            field = fields.get(key)
            if field is None:  # a field since removed from the form: keep the data, raw
                out.append((key, key, json.dumps(value), None))
            elif field.kind in direct and not isinstance(value, list):
                out.append((key, field.label, value, value))
            else:
                self.items(field, value, key, field.label, out)

    def items(self, field: Field, value: Any, path: str, label: str, out: list[tuple]) -> None:
        """Append the items under one field."""
        kind = field.kind
        if kind == "group":
            made = self._entries
            for n, entry in enumerate(value, start=1):
                subs = made.get((path, n)) or self.entry(field, path, label, n)
                for sub_id, item, named, sub, direct in subs:
                    if sub_id in entry:
                        found = entry[sub_id]
                        if direct and not isinstance(found, list):
                            out.append((item, named, found, found))
                        else:
                            self.items(sub, found, item, named, out)
        elif kind == "matrix":
            rows = {r.id: r.label for r in field.rows}
            columns = {c.id: c.label for c in field.columns}
            for row, cells in value.items():
                for column, text in cells.items():
                    named = f"{label}: {rows.get(row, row)} / {columns.get(column, column)}"
                    out.append((f"{path}.{row}.{column}", named, text, text))
        else:
            raw = item_value(value)
            out.append((path, label, raw, self.answer(field, value) if self.readable else raw))


def item_value(answer: Any) -> Any:
    """An answer as the tidy table's `value` holds it: a multiple choice as its options joined
    by "; ", anything else as it is."""
    return "; ".join(answer) if isinstance(answer, list) else answer


# Kinds whose answer is the value itself: their items need no look-up.
_PLAIN = frozenset({"short_text", "long_text", "number", "date", "money", "rating"})


def _wanted(form_id: str | None, form_ids: Collection[str] | None) -> Collection[str] | None:
    if form_id is None:
        return form_ids
    return [form_id] if form_ids is None or form_id in form_ids else []


def _chosen(columns: Sequence[str] | None, among: list[str]) -> list[str]:
    if columns is None:
        return list(among)
    unknown = [c for c in columns if c not in among]
    if unknown:
        raise ValueError(f"no such columns: {', '.join(unknown)}; choose among {', '.join(among)}")
    return list(columns)


def _fields(names: Sequence[str]) -> list[str]:
    """The response fields (Store.scan) holding these BASE_COLUMNS."""
    return ["id" if name == "response_id" else name for name in names]


def _iso_texts(values: Sequence[Any]) -> tuple[str, ...]:
    return tuple(map(stored_iso, values))


def _bases(
    rows: Sequence[Sequence[Any]],
    fields: list[str],
    times: Callable[[Sequence[Any]], Any] = _iso_texts,
) -> dict[str, Any]:
    """The rows' fields as columns, under their BASE_COLUMNS names: timestamps as ISO text
    (or as `times` makes a column of them), demo a bool."""
    columns: dict[str, Any] = dict(zip(fields, zip(*rows, strict=False), strict=False))
    for name in fields:
        found = columns.get(name, ())
        if name in ("created_at", "updated_at"):
            found = times(found)
        elif name == "demo":
            found = tuple(map(bool, found))
        columns[name] = found
    return {("response_id" if f == "id" else f): columns[f] for f in fields}


@contextmanager
def no_collection() -> Iterator[None]:
    """The cyclic garbage collector held off while hundreds of thousands of small tuples are
    made (it would scan them over and over, finding nothing to free)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _flat(
    store: Store,
    form_ids: Collection[str] | None,
    forms: dict[str, Form] | None,
    filters: dict,
    names: list[str],
    readable: bool = True,
) -> tuple[dict[str, tuple], list[int], list[tuple]]:
    """The BASE_COLUMNS `names` (as columns) of the responses that have answered items; for
    each item, the index of its response; and the items, each a tuple of ITEM_COLUMNS (their
    answers not looked up unless `readable`)."""
    forms = load_forms() if forms is None else forms
    plans: dict[str, _Plan] = {}
    fields = ["form_id", *(field for field in _fields(names) if field != "form_id")]
    kept: list[Sequence[Any]] = []
    owners: list[int] = []
    items: list[tuple] = []
    with no_collection():
        for row in store.scan(form_ids, fields=fields, **filters):
            plan = plans.get(row[0])
            if plan is None:
                plan = plans[row[0]] = _Plan(forms.get(row[0]), readable)
            before = len(items)
            plan.response(stored_answers(row[-1]), items)
            if len(items) > before:
                owners.extend(repeat(len(kept), len(items) - before))
                kept.append(row)
    bases = _bases(kept, fields)
    return {name: bases[name] for name in names}, owners, items


def tidy_rows(
    store: Store,
    form_id: str | None = None,
    *,
    form_ids: Collection[str] | None = None,
    forms: dict[str, Form] | None = None,
    **filters: str,
) -> list[dict[str, Any]]:
    """One row (a dict of COLUMNS) per response and answered item, in the order responses
    were made: of one form, of the forms in `form_ids`, or of all."""
    bases, owners, items = _flat(store, _wanted(form_id, form_ids), forms, filters, BASE_COLUMNS)
    responses = list(zip(*bases.values(), strict=True))
    return [
        dict(zip(COLUMNS, (*responses[owner], *item), strict=True))
        for owner, item in zip(owners, items, strict=True)
    ]


def tidy(
    store: Store,
    form_id: str | None = None,
    *,
    form_ids: Collection[str] | None = None,
    columns: Sequence[str] | None = None,
    forms: dict[str, Form] | None = None,
    **filters: str,
) -> pd.DataFrame:
    """The tidy rows as a DataFrame, for reports and the dashboard. Only what is asked for is
    read and made: the responses of `form_ids` (all forms if None) and the `columns` (of
    COLUMNS, all if None; answers, with their option labels, cost the most)."""

    names = _chosen(columns, COLUMNS)
    with no_collection():
        return _tidy_table(store, _wanted(form_id, form_ids), names, forms, filters)


def _tidy_table(
    store: Store,
    form_ids: Collection[str] | None,
    names: list[str],
    forms: dict[str, Form] | None,
    filters: dict,
) -> pd.DataFrame:
    """The tidy table's `names` columns (what the items were made of is let go of on return,
    before the collector is back)."""
    import pandas as pd

    base_names = [name for name in names if name in BASE_COLUMNS]
    found = _flat(store, form_ids, forms, filters, base_names, readable="answer" in names)
    bases, owners, items = found
    if not items:
        return pd.DataFrame([], columns=names)
    parts = [pd.DataFrame(bases).take(owners).reset_index(drop=True)] if bases else []
    item_columns = dict(zip(ITEM_COLUMNS, zip(*items, strict=True), strict=True))
    parts.append(pd.DataFrame({name: item_columns[name] for name in names
                               if name in ITEM_COLUMNS}))  # fmt: skip
    return pd.concat(parts, axis=1)[names]


def response_answers(
    store: Store, form_ids: Collection[str], *, columns: Sequence[str] | None = None
) -> tuple[pd.DataFrame, Iterator[dict[str, Any]]]:
    """The named forms' responses, one row each in the order they were made: the tidy
    table's BASE_COLUMNS (or the `columns` named of them) without items, timestamps as pandas
    datetimes in UTC (unlike the tidy table, it holds responses with no answered item too). And
    each one's answers in the same order, decoded one at a time as the iterator is read. From
    one read of the store, for a reader that picks a few answers of many responses itself, as
    the progress review does, keeping none of the rest."""
    names = _chosen(columns, BASE_COLUMNS)
    with no_collection():
        rows = store.scan(form_ids, fields=_fields(names))
        table = _response_frame(rows, names)
    return table, (stored_answers(row[-1]) for row in rows)


COUNT_COLUMNS = ["form_id", "team", "month", "demo", "responses", "first_on"]


def count_columns(respondents: bool = False) -> list[str]:
    """The columns of `response_counts`: COUNT_COLUMNS, with `respondent` after `demo` when
    counted per respondent."""
    return [*COUNT_COLUMNS[:4], *(["respondent"] if respondents else []), *COUNT_COLUMNS[4:]]


def response_counts(
    store: Store, *, excluding: Collection[str] = (), respondents: bool = False
) -> pd.DataFrame:
    """How many responses each form has, per team, month made ("YYYY-MM", in UTC) and demo or
    not, with the day the first was made (a date, in UTC): COUNT_COLUMNS, and `respondent`
    after `demo` with `respondents` (counted per respondent too). Of every form but those
    `excluding` names, oldest first. For a reader that counts responses and reads nothing else
    of them: the database counts them (Store.counted), so no row per response is made."""
    import pandas as pd

    keys = ["form_id", "team", "demo", *(["respondent"] if respondents else [])]
    rows = store.counted(keys, excluding=excluding)
    table = pd.DataFrame(
        [(form, team, month, bool(demo), *more, n, dt.date.fromisoformat(first))
         for form, team, demo, *more, month, n, first in rows],
        columns=count_columns(respondents),
    )  # fmt: skip
    return table.astype({"responses": "int64"})


def _response_frame(rows: Sequence[Sequence[Any]], names: list[str]) -> pd.DataFrame:
    import pandas as pd

    if not rows:
        return pd.DataFrame({n: _empty(n) for n in names})
    return pd.DataFrame(_bases(rows, _fields(names), times=_datetimes))


def _datetimes(values: Sequence[Any]) -> Any:
    import pandas as pd

    return pd.to_datetime(list(values), utc=True, format="ISO8601").as_unit("us")


def _empty(name: str) -> Any:
    import pandas as pd

    if name.endswith("_at"):
        return _datetimes([])
    return pd.Series(dtype=bool if name == "demo" else object)


def _records(table: pd.DataFrame | Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    if hasattr(table, "to_dict"):  # a DataFrame
        return [{k: _plain(v) for k, v in row.items()} for row in table.to_dict("records")]
    return list(table)


def _plain(value: Any) -> Any:
    """A DataFrame cell as the row held it: None for an empty cell, Python for numpy."""
    if hasattr(value, "item"):  # a numpy scalar
        value = value.item()
    return None if isinstance(value, float) and value != value else value


def _defused(records: list[dict[str, Any]]) -> list[list[Any]]:
    return [[neutralise_formula(row.get(c)) for c in COLUMNS] for row in records]


def write_export(table: pd.DataFrame | Sequence[dict[str, Any]], fmt: str, out: Path) -> Path:
    """Write the tidy rows (or the tidy table) as csv, xlsx or json; return the path
    written."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    records = _records(table)
    out.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "csv":
        with out.open("w", newline="", encoding="utf-8") as file:
            writer = csv.writer(file)
            writer.writerow(COLUMNS)
            writer.writerows(_defused(records))
    elif fmt == "xlsx":
        from openpyxl import Workbook

        book = Workbook(write_only=True)
        sheet = book.create_sheet("responses")
        sheet.append(COLUMNS)
        for row in _defused(records):
            sheet.append(row)
        book.save(out)
    else:
        rows = [{c: row.get(c) for c in COLUMNS} for row in records]
        text = json.dumps(rows, indent=2, ensure_ascii=False, default=str)
        out.write_text(text, encoding="utf-8")
    return out
