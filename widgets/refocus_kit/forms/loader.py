"""Load form definitions from YAML and check them against the versioned JSON Schema.

Importing jsonschema costs over two seconds of CPU here (its optional IRI checker,
rfc3987-syntax, builds its grammars on import: jsonschema#1428), which every participant page's
kernel would pay while it warms. So a process that has checked the bundled forms can vouch for
them (`vouch_for_forms`) to the processes it starts: they skip the schema check, and the import,
when their definitions are byte for byte the ones it checked.
"""

from __future__ import annotations

import hashlib
import json
import os
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from refocus_kit.forms.model import Form

if TYPE_CHECKING:
    import jsonschema

__all__ = [
    "FORMAT_VERSION",
    "FORMS_CHECKED_ENV",
    "DefinitionError",
    "definitions_dir",
    "load_definition",
    "load_form",
    "load_forms",
    "vouch_for_forms",
]

FORMAT_VERSION = 1
FORMS_CHECKED_ENV = "REFOCUS_FORMS_CHECKED"  # digest of the definitions a parent process checked


class DefinitionError(ValueError):
    """A form definition file is malformed; the message names the file, the place and the fault."""


def definitions_dir() -> Path:
    return Path(str(resources.files("refocus_kit.forms") / "definitions"))


@cache
def _validator() -> jsonschema.protocols.Validator:
    import jsonschema

    text = (resources.files("refocus_kit.forms") / "schema" / "form-definition.v1.json").read_text()
    schema = json.loads(text)
    return jsonschema.Draft202012Validator(schema)


def _schema_error(data: object) -> jsonschema.ValidationError | None:
    import jsonschema

    return jsonschema.exceptions.best_match(_validator().iter_errors(data))


def _where(error: jsonschema.ValidationError) -> str:
    path = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in error.absolute_path)
    return path.lstrip(".") or "(top level)"


def _check_format_version(path: Path, data: object) -> None:
    if not isinstance(data, dict):
        raise DefinitionError(f"{path.name}: expected a mapping at the top level")
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
    unknown = set(form.session_fields) - seen
    if unknown:
        raise DefinitionError(
            f"{path.name}: session_fields names unknown fields: {', '.join(sorted(unknown))}"
        )
    _check_checks(path, form)


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


def load_definition(path: Path, *, check_schema: bool = True) -> Form:
    """Read, validate and build one definition file; raise DefinitionError if anything is off."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise DefinitionError(f"{path.name}: not valid YAML: {exc}") from None
    _check_format_version(path, data)
    error = _schema_error(data) if check_schema else None
    if error is not None:
        raise DefinitionError(f"{path.name}: at {_where(error)}: {error.message}")
    form = Form.from_data(data)
    _check_ids(path, form)
    return form


def _bundled() -> list[Path]:
    return sorted(definitions_dir().glob("*.yaml"))


def _digest(paths: list[Path]) -> str:
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


@cache
def load_forms() -> dict[str, Form]:
    """Every bundled form, by id, in file-name order."""
    paths = _bundled()
    vouched = os.environ.get(FORMS_CHECKED_ENV) == _digest(paths)
    return {path.stem: load_definition(path, check_schema=not vouched) for path in paths}


def vouch_for_forms() -> None:
    """Check every bundled form now (DefinitionError if one is wrong), and tell the processes
    started from here that these exact definitions need no schema check again."""
    load_forms()
    os.environ[FORMS_CHECKED_ENV] = _digest(_bundled())


def load_form(form_id: str) -> Form:
    forms = load_forms()
    if form_id not in forms:
        raise KeyError(f"no form {form_id!r}; known forms: {', '.join(forms)}")
    return forms[form_id]
