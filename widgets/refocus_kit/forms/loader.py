"""Load form definitions from YAML and check them against the versioned JSON Schema.

The bundled definitions are checked against the schema by the test suite, not each time a
process starts: importing jsonschema costs seconds of CPU (its optional IRI checker,
rfc3987-syntax, builds its grammars on import: jsonschema#1428), which every command and every
participant page's kernel would pay. A definition someone writes is checked in full
(`check_definition`, `refocus forms check PATH`). Loading still checks what ties a definition
together (format version, ids, checks and room fields), which costs nothing.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path

from refocus_kit.forms.model import Form
from refocus_kit.schemas import read_mapping, schema_problem

__all__ = [
    "FORMAT_VERSION",
    "DefinitionError",
    "check_definition",
    "definitions_dir",
    "load_definition",
    "load_form",
    "load_forms",
]

SCHEMA = "form-definition.v1.json"  # under the package's schema/ folder

FORMAT_VERSION = 1


class DefinitionError(ValueError):
    """A form definition file is malformed; the message names the file, the place and the fault."""


def definitions_dir() -> Path:
    return Path(str(resources.files("refocus_kit.forms") / "definitions"))


def _check_format_version(path: Path, data: dict) -> None:
    version = data.get("format_version")
    if not isinstance(version, int):
        raise DefinitionError(f"{path.name}: format_version is missing or not a whole number")
    if version < FORMAT_VERSION:
        raise DefinitionError(
            f"{path.name}: format_version {version} is too old; this kit reads "
            f"format {FORMAT_VERSION}"
        )
    if version > FORMAT_VERSION:
        raise DefinitionError(
            f"{path.name}: format_version {version} is too new; this kit reads "
            f"format {FORMAT_VERSION} (upgrade the kit)"
        )


def _check_ids(path: Path, form: Form) -> None:
    if form.id != path.stem:
        raise DefinitionError(f"{path.name}: id {form.id!r} must match the file name {path.stem!r}")
    seen: set[str] = set()
    for field in form.fields:
        if field.id in seen:
            raise DefinitionError(f"{path.name}: field id {field.id!r} is used twice")
        seen.add(field.id)
        sub_ids = [f.id for f in field.fields]
        if len(sub_ids) != len(set(sub_ids)):
            raise DefinitionError(f"{path.name}: group {field.id!r} repeats a sub-field id")
        _check_cell_prompts(path, field)
    _check_checks(path, form)
    _check_room(path, form)


def _check_cell_prompts(path: Path, field) -> None:
    rows, columns = {r.id for r in field.rows}, {c.id for c in field.columns}
    for row, cells in field.cell_prompts.items():
        unknown = ({row} - rows) | (set(cells) - columns)
        if unknown:
            raise DefinitionError(
                f"{path.name}: {field.id}.cell_prompts names unknown rows or "
                f"columns: {', '.join(sorted(unknown))}"
            )


def _check_checks(path: Path, form: Form) -> None:
    for check in form.checks:
        try:
            group = form.field(check.group)
        except KeyError:
            raise DefinitionError(
                f"{path.name}: check {check.kind} names unknown group {check.group!r}"
            ) from None
        if check.field not in {f.id for f in group.fields}:
            raise DefinitionError(
                f"{path.name}: check {check.kind} names unknown field {check.group}.{check.field}"
            )


def _check_room(path: Path, form: Form) -> None:
    """The fields a session fills in exist and are of a kind that can hold what it puts there."""
    room = form.room
    if room is None:
        return
    kinds = {room.number_field: "choice", room.month_field: "number", room.mode_field: "choice"}
    for field_id, kind in kinds.items():
        if field_id is None:
            continue
        try:
            found = form.field(field_id).kind
        except KeyError:
            raise DefinitionError(f"{path.name}: room names unknown field {field_id!r}") from None
        if found != kind:
            raise DefinitionError(f"{path.name}: room field {field_id!r} must be a {kind} field")


def load_definition(path: Path, *, check_schema: bool = True) -> Form:
    """Read, validate and build one definition file; raise DefinitionError if anything is off."""
    data = read_mapping(path, DefinitionError)
    _check_format_version(path, data)
    problem = schema_problem(__package__, SCHEMA, data) if check_schema else None
    if problem:
        raise DefinitionError(f"{path.name}: {problem}")
    form = Form.from_data(data)
    _check_ids(path, form)
    return form


def check_definition(path: Path) -> Form:
    """The full check of a definition file, its JSON Schema included."""
    return load_definition(path, check_schema=True)


@cache
def load_forms() -> dict[str, Form]:
    """Every bundled form, by id, in file-name order (their schema check is the test suite's)."""
    paths = sorted(definitions_dir().glob("*.yaml"))
    return {path.stem: load_definition(path, check_schema=False) for path in paths}


def load_form(form_id: str) -> Form:
    forms = load_forms()
    if form_id not in forms:
        raise KeyError(f"no form {form_id!r}; known forms: {', '.join(forms)}")
    return forms[form_id]
