"""A tidy table of responses (one row per response and item) and its CSV, XLSX and JSON forms.
The `demo` column marks the kit's fictional demo data.

Reports and the dashboard read this table, never the raw store. Text that a spreadsheet would
run as a formula is defused in CSV and XLSX."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd

from refocus_kit.forms.loader import load_forms
from refocus_kit.forms.model import Field, Form
from refocus_kit.forms.safety import neutralise_formula
from refocus_kit.store.store import Response, Store

__all__ = ["COLUMNS", "FORMATS", "tidy", "write_export"]

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


def tidy(
    store: Store,
    form_id: str | None = None,
    *,
    forms: dict[str, Form] | None = None,
    **filters: str,
) -> pd.DataFrame:
    """One row per response and answered item, in the order responses were made."""
    forms = load_forms() if forms is None else forms
    rows = [
        row
        for response in store.responses(form_id, **filters)
        for row in _rows(forms.get(response.form_id), response)
    ]
    return pd.DataFrame(rows, columns=COLUMNS)


def _defused(table: pd.DataFrame) -> pd.DataFrame:
    return table.apply(lambda column: column.map(neutralise_formula))


def write_export(table: pd.DataFrame, fmt: str, out: Path) -> Path:
    """Write the tidy table as csv, xlsx or json; return the path written."""
    out.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "csv":
        _defused(table).to_csv(out, index=False)
    elif fmt == "xlsx":
        _defused(table).to_excel(out, index=False, sheet_name="responses", engine="openpyxl")
    elif fmt == "json":
        out.write_text(
            table.to_json(orient="records", indent=2, force_ascii=False), encoding="utf-8"
        )
    else:
        raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    return out
