"""Check a set of answers against a form definition before anything is stored.

Answers are plain JSON values keyed by field id: text and choices are strings, multiple choice a
list, ratings and numbers numbers, money a number of pounds with at most two decimals, dates
"YYYY-MM-DD", a repeating group a list of objects, and a matrix ``{row: {column: text}}``.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from typing import Any, TypeGuard

from refocus_kit.forms.model import Field, Form
from refocus_kit.forms.safety import contains_nhs_number, control_characters

__all__ = [
    "DRAFT_EDITS",
    "AnswersError",
    "FieldError",
    "clean_answers",
    "field_errors",
    "fit_draft",
    "has_answer",
    "is_blank",
    "validate_answers",
]

DEFAULT_MAX_ITEMS = 50
NHS_MESSAGE = (
    "looks like it contains an NHS number. This kit keeps training and reflection notes, not "
    "patient records: please remove anything that could identify a person using the service."
)


@dataclass(frozen=True)
class FieldError:
    """One problem with one answer: where (a path such as ``costs[2].amount``) and what.

    The message reads on from the label ("Who" + "needs an answer"), or from "This" at the
    field itself, unless it is a `sentence` of its own (a form's rule, or no answer at all)."""

    path: str
    label: str
    message: str
    sentence: bool = False

    def __str__(self) -> str:
        where = f" ({self.path})" if self.path and not self.path.startswith("(") else ""
        return f"{self.label}{where}: {self.message}"


class AnswersError(ValueError):
    """Raised when answers fail validation; nothing has been stored."""

    def __init__(self, errors: list[FieldError]):
        self.errors = errors
        super().__init__("; ".join(str(e) for e in errors))


def is_blank(value: Any) -> bool:
    """True for an answer that says nothing: none, only spaces, or an empty list or table."""
    if isinstance(value, str):
        return not value.strip()
    return value is None or value == [] or value == {}


def clean_answers(form: Form, answers: dict[str, Any]) -> dict[str, Any]:
    """Drop blank answers, blank group entries and blank matrix cells (what an untouched widget
    yields), so that stored answers hold only what a person actually said."""
    cleaned: dict[str, Any] = {}
    known = {f.id: f for f in form.fields}
    for key, value in answers.items():
        field = known.get(key)
        if field is not None and field.kind == "group" and isinstance(value, list):
            value = [_clean_item(item) for item in value]
            value = [item for item in value if not is_blank(item)]
        elif field is not None and field.kind == "matrix" and isinstance(value, dict):
            value = {r: _clean_item(cells) for r, cells in value.items()}
            value = {r: cells for r, cells in value.items() if not is_blank(cells)}
        if not is_blank(value):
            cleaned[key] = value
    return cleaned


def _clean_item(item: Any) -> Any:
    if isinstance(item, dict):
        return {k: v for k, v in item.items() if not is_blank(v)}
    return item


def has_answer(form: Form, answers: dict[str, Any]) -> bool:
    """True if the answers say something beyond what a session fills in (its number, month and
    format): those describe the occasion, not what the person answered."""
    counted = {f.id for f in form.fields} - set(form.session_fields)
    return any(key in counted for key in clean_answers(form, answers))


def _nothing_answered(form: Form) -> FieldError:
    message = "No question is answered yet: please answer at least one before submitting."
    if form.session_fields:
        names = [form.field(f).label for f in form.session_fields]
        listed = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
        message += f" {listed} come from the session, so they do not count on their own."
    return FieldError("(answers)", form.title, message, sentence=True)


def _text(field: Field, value: Any) -> Iterator[str]:
    if not isinstance(value, str):
        yield f"expected text, got {type(value).__name__}"
        return
    bad = control_characters(value)
    if bad:
        yield f"contains control characters ({', '.join(bad)}); please retype the text"
    if field.limit is not None and len(value) > field.limit:
        yield f"is {len(value):,} characters long; the limit is {field.limit:,}"
    if contains_nhs_number(value):
        yield NHS_MESSAGE


def _choice(field: Field, value: Any) -> Iterator[str]:
    allowed = [o.value for o in field.options]
    if not isinstance(value, str) or value not in allowed:
        yield f"must be one of the choices ({', '.join(allowed)}), not {value!r}"


def _multi_choice(field: Field, value: Any) -> Iterator[str]:
    if not isinstance(value, list):
        yield f"must be a list of choices, not {type(value).__name__}"
        return
    for item in value:
        yield from _choice(field, item)
    if len(set(map(str, value))) != len(value):
        yield "repeats a choice"
    if field.max_selected and len(value) > field.max_selected:
        yield f"may have at most {field.max_selected} choices"


def _is_number(value: Any) -> TypeGuard[int | float]:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _range(field: Field, value: float) -> Iterator[str]:
    if field.min is not None and value < field.min:
        yield f"must be at least {field.min:g}, not {value:g}"
    if field.max is not None and value > field.max:
        yield f"must be at most {field.max:g}, not {value:g}"


def _number(field: Field, value: Any) -> Iterator[str]:
    if not _is_number(value):
        yield f"must be a number, not {value!r}"
        return
    if (field.integer or field.kind == "rating") and value != int(value):
        yield f"must be a whole number, not {value:g}"
    yield from _range(field, value)


def _money(field: Field, value: Any) -> Iterator[str]:
    if not _is_number(value):
        yield f"must be an amount in pounds, not {value!r}"
        return
    if abs(round(value * 100) - value * 100) > 1e-6:
        yield f"has more than two decimal places (£{value:g})"
    yield from _range(field, value)


def _date(field: Field, value: Any) -> Iterator[str]:
    try:
        dt.date.fromisoformat(value)
        written = len(value) == 10
    except (TypeError, ValueError):
        written = False
    if not written:
        yield f"must be a date written as YYYY-MM-DD, not {value!r}"


def _group(field: Field, value: Any, path: str) -> Iterator[FieldError]:
    if not isinstance(value, list) or not all(isinstance(i, dict) for i in value):
        yield FieldError(path, field.label, "must be a list of entries")
        return
    limit = field.max_items or DEFAULT_MAX_ITEMS
    if len(value) > limit:
        yield FieldError(path, field.label, f"has {len(value)} entries; the limit is {limit}")
    if len(value) < field.min_items:
        entries = "entry" if field.min_items == 1 else "entries"
        yield FieldError(path, field.label, f"needs at least {field.min_items} {entries}")
    for n, item in enumerate(value[:limit], start=1):
        yield from _fields(field.fields, item, f"{path}[{n}]", f"{field.item_label or 'Entry'} {n}")


def _matrix(field: Field, value: Any, path: str) -> Iterator[FieldError]:
    if not isinstance(value, dict) or not all(isinstance(c, dict) for c in value.values()):
        yield FieldError(path, field.label, "must be a table: {row: {column: text}}")
        return
    rows, columns = {r.id: r for r in field.rows}, {c.id: c for c in field.columns}
    for row_id, cells in value.items():
        for col_id, text in cells.items():
            where = f"{path}.{row_id}.{col_id}"
            if row_id not in rows or col_id not in columns:
                yield FieldError(where, field.label, "is not a cell of this table")
                continue
            label = f"{field.label}: {rows[row_id].label} / {columns[col_id].label}"
            yield from (FieldError(where, label, m) for m in _text(field, text))


_LEAF_CHECKS: dict[str, Callable[[Field, Any], Iterator[str]]] = {
    "short_text": _text,
    "long_text": _text,
    "choice": _choice,
    "multi_choice": _multi_choice,
    "rating": _number,
    "number": _number,
    "money": _money,
    "date": _date,
}


def _field(field: Field, value: Any, path: str) -> Iterator[FieldError]:
    if is_blank(value):
        if field.required:
            yield FieldError(path, field.label, "needs an answer")
        return
    if field.kind == "group":
        yield from _group(field, value, path)
    elif field.kind == "matrix":
        yield from _matrix(field, value, path)
    else:
        yield from (
            FieldError(path, field.label, m) for m in _LEAF_CHECKS[field.kind](field, value)
        )


def _fields(
    fields: tuple[Field, ...], answers: dict, prefix: str, where: str
) -> Iterator[FieldError]:
    known = {f.id for f in fields}
    for key in answers:
        if key not in known:
            path = f"{prefix}.{key}" if prefix else str(key)
            yield FieldError(path, where or str(key), "is not a field of this form")
    for field in fields:
        path = f"{prefix}.{field.id}" if prefix else field.id
        label = f"{where}: {field.label}" if where else field.label
        for error in _field(field, answers.get(field.id), path):
            yield replace(error, label=label) if error.label == field.label else error


def _form_checks(form: Form, answers: dict[str, Any]) -> Iterator[FieldError]:
    for check in form.checks:
        items = answers.get(check.group) or []
        if not isinstance(items, list):
            continue
        values = [i.get(check.field) for i in items if isinstance(i, dict)]
        label = form.field(check.group).label
        if check.kind == "sum_at_most":
            total = sum(v for v in values if _is_number(v))
            if check.max is not None and total > check.max + 1e-9:
                message = f"{check.message} (total now £{total:,.2f})"
                yield FieldError(check.group, label, message, sentence=True)
        elif check.kind == "includes_each" and not set(check.values) <= set(values):
            yield FieldError(check.group, label, check.message, sentence=True)


def field_errors(form: Form, answers: Any) -> list[FieldError]:
    """Every problem with the answers, in form order; an empty list means they can be stored.
    Answers that say nothing (see `has_answer`) are a problem too: a blank form is not saved."""
    if not isinstance(answers, dict):
        return [FieldError("(answers)", form.title, "answers must be an object keyed by field id")]
    errors = [] if has_answer(form, answers) else [_nothing_answered(form)]
    errors += _fields(form.fields, answers, "", "")
    return errors or list(_form_checks(form, answers))


def validate_answers(form: Form, answers: Any) -> dict[str, Any]:
    """Clean and check the answers; return them ready to store or raise AnswersError."""
    cleaned = clean_answers(form, answers) if isinstance(answers, dict) else answers
    errors = field_errors(form, cleaned)
    if errors:
        raise AnswersError(errors)
    return cleaned


# -- drafts ------------------------------------------------------------------------------------
DRAFT_TRIMMED = "is over this form's limits: the saved draft keeps only what Submit would accept"
DRAFT_LEFT_OUT = "cannot be kept in the saved draft as it is; Submit will say what to change"


def _unfinished(field: Field) -> Field:
    """The field as a draft sees it: nothing is required yet."""
    return replace(
        field, required=False, min_items=0, fields=tuple(_unfinished(f) for f in field.fields)
    )


def _trim(field: Field, value: Any) -> Any:
    """Text cut to the field's limit and groups to their number of entries."""
    if isinstance(value, str) and field.limit is not None:
        return value[: field.limit]
    if field.kind == "matrix" and isinstance(value, dict):
        return {
            r: {c: _trim(field, t) for c, t in cells.items()} if isinstance(cells, dict) else cells
            for r, cells in value.items()
        }
    if field.kind == "group" and isinstance(value, list):
        inner = {f.id: f for f in field.fields}
        entries = value[: field.max_items or DEFAULT_MAX_ITEMS]
        return [
            {k: _trim(inner[k], v) if k in inner else v for k, v in e.items()}
            if isinstance(e, dict)
            else e
            for e in entries
        ]
    return value


DRAFT_EDITS = "_response"  # a draft's one bookkeeping key: the id of the response it edits


def fit_draft(form: Form, answers: Any) -> tuple[dict[str, Any], list[FieldError]]:
    """Work in progress cut down to what a submit would accept, however unfinished: answers
    over a limit are trimmed to it, and answers a submit would refuse for any other reason (an
    NHS number, control characters, an unknown field) are left out. Returns the draft to store
    and one note per answer changed; the notes name fields, never what was typed."""
    if not isinstance(answers, dict):
        return {}, [FieldError("(answers)", form.title, DRAFT_LEFT_OUT)]
    known = {f.id: _unfinished(f) for f in form.fields}
    draft: dict[str, Any] = {}
    notes: list[FieldError] = []
    edits = answers.get(DRAFT_EDITS)
    if isinstance(edits, str) and edits.isalnum() and len(edits) <= 64:
        draft[DRAFT_EDITS] = edits  # the saved response this draft is an edit of
    answers = {k: v for k, v in answers.items() if k != DRAFT_EDITS}
    for key, value in clean_answers(form, answers).items():
        field = known.get(key)
        if field is None:
            notes.append(
                FieldError("(unknown)", "An answer to no field of this form", DRAFT_LEFT_OUT)
            )
            continue
        trimmed = _trim(field, value)
        if any(_field(field, trimmed, key)):
            notes.append(FieldError(key, field.label, DRAFT_LEFT_OUT))
            continue
        draft[key] = trimmed
        if trimmed != value:
            notes.append(FieldError(key, field.label, DRAFT_TRIMMED))
    return draft, notes
