"""Reading a definition file, and the one check of it against its bundled JSON Schema, for
every loader (forms, programme, course sessions). jsonschema is imported only when a check
runs: importing it costs seconds (see forms/loader.py), and the kit checks its own files in the
test suite, not at start."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

__all__ = ["read_mapping", "schema_problem"]


def read_mapping(path: Path, error: type[Exception]) -> dict:
    """The YAML file's top-level mapping; `error`, naming the file, if it is not valid YAML or
    not a mapping."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise error(f"{path.name}: not valid YAML: {exc}") from None
    if not isinstance(data, dict):
        raise error(f"{path.name}: expected a mapping at the top level")
    return data


@cache
def _validator(package: str, name: str) -> Any:
    import jsonschema

    text = (resources.files(package) / "schema" / name).read_text(encoding="utf-8")
    return jsonschema.Draft202012Validator(json.loads(text))


def schema_problem(package: str, name: str, data: object) -> str | None:
    """The most telling fault of `data` against `package`'s schema/`name`, as "at <place>:
    <message>", or None if it conforms."""
    import jsonschema

    error = jsonschema.exceptions.best_match(_validator(package, name).iter_errors(data))
    if error is None:
        return None
    where = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in error.absolute_path)
    return f"at {where.lstrip('.') or '(top level)'}: {error.message}"
