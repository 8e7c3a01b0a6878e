"""Reading the kit's YAML (one reader for every file: definitions, the programme, the
exercises' catalogue, the practice tools' content), and the one check of a definition file
against its bundled JSON Schema, for every loader (forms, programme, course sessions). YAML is
parsed by libyaml when PyYAML has it (its wheels do): ten times quicker than PyYAML's own
Python parser (4 ms against 37 ms for the programme), which each participant page's kernel
pays as it loads its form and the programme. jsonschema is imported only when a check
runs: importing it costs seconds (see forms/loader.py), and the kit checks its own files in the
test suite, not at start."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

__all__ = ["load_yaml", "read_mapping", "schema_problem"]

# libyaml's safe loader where PyYAML was built with it, else PyYAML's own: the same documents
# either way (the safe subset of YAML), at a tenth of the time.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(text: str) -> Any:
    """A YAML document, read as `yaml.safe_load` reads it."""
    return yaml.load(text, Loader=_LOADER)  # noqa: S506 - a safe loader, C or Python


def read_mapping(path: Path, error: type[Exception]) -> dict:
    """The YAML file's top-level mapping; `error`, naming the file, if it is not valid YAML or
    not a mapping."""
    try:
        data = load_yaml(path.read_text(encoding="utf-8"))
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
