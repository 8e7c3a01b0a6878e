"""A tidy table of responses (one row per response and item) and its CSV, XLSX and JSON forms.
The `demo` column marks the kit's fictional demo data.

Reports and the dashboard read this table, never the raw store. Text that a spreadsheet would
run as a formula is defused in CSV and XLSX. The rows are built and written without pandas
(a command-line export does not pay for importing it); `tidy` gives them as a DataFrame."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from refocus_kit.forms.loader import load_forms
from refocus_kit.forms.model import Field, Form
from refocus_kit.forms.safety import neutralise_formula
from refocus_kit.store.store import Response, Store

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["COLUMNS", "FORMATS", "tidy", "tidy_rows", "write_export"]

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
FORMATS = ("csv", "xlsx", "json")


def _answer_text(field: Field, value: Any) -> Any:
    """The value as a person reads it: option labels instead of option ids."""
    if field.kind == "choice":
        return field.option_label(value)
    if field.kind == "multi_choice":
        return "; ".join(field.option_label(v) for v in value)
    return value


def _items(field: Field, value: Any, path: str, label: str) -> Iterator[tuple[str, str, Any, Any]]:
    if field.kind == "group":
        for n, entry in enumerate(value, start=1):
            for sub in field.fields:
                if sub.id in entry:
                    yield from _items(
                        sub,
                        entry[sub.id],
                        f"{path}[{n}].{sub.id}",
                        f"{field.item_label or label} {n}: {sub.label}",
                    )
    elif field.kind == "matrix":
        rows, columns = {r.id: r.label for r in field.rows}, {c.id: c.label for c in field.columns}
        for row, cells in value.items():
            for column, text in cells.items():
                yield (
                    f"{path}.{row}.{column}",
                    f"{label}: {rows.get(row, row)} / {columns.get(column, column)}",
                    text,
                    text,
                )
    else:
        raw = "; ".join(value) if isinstance(value, list) else value
        yield path, label, raw, _answer_text(field, value)


def _rows(form: Form | None, response: Response) -> Iterator[dict[str, Any]]:
    base = {
        "response_id": response.id,
        "form_id": response.form_id,
        "form_version": response.form_version,
        "team": response.team,
        "session": response.session,
        "respondent": response.respondent,
        "created_at": response.created_at.isoformat(),
        "updated_at": response.updated_at.isoformat(),
        "revision": response.revision,
        "demo": response.demo,
    }
    fields = {f.id: f for f in form.fields} if form else {}
    for key, value in response.answers.items():
        field = fields.get(key)
        if field is None:  # a field since removed from the form: keep the data, raw
            yield {**base, "item": key, "label": key, "value": json.dumps(value), "answer": None}
            continue
        for item, label, raw, answer in _items(field, value, key, field.label):
            yield {**base, "item": item, "label": label, "value": raw, "answer": answer}


def tidy_rows(
    store: Store,
    form_id: str | None = None,
    *,
    forms: dict[str, Form] | None = None,
    **filters: str,
) -> list[dict[str, Any]]:
    """One row (a dict of COLUMNS) per response and answered item, in the order responses
    were made."""
    forms = load_forms() if forms is None else forms
    return [
        row
        for response in store.responses(form_id, **filters)
        for row in _rows(forms.get(response.form_id), response)
    ]


def tidy(
    store: Store,
    form_id: str | None = None,
    *,
    forms: dict[str, Form] | None = None,
    **filters: str,
) -> pd.DataFrame:
    """The tidy rows as a DataFrame, for reports and the dashboard."""
    import pandas as pd

    return pd.DataFrame(tidy_rows(store, form_id, forms=forms, **filters), columns=COLUMNS)


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
