"""The one check of a definition against its bundled JSON Schema, for every loader (forms,
programme, course sessions). jsonschema is imported only when a check runs: importing it costs
seconds (see forms/loader.py), and the kit checks its own files in the test suite, not at start."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

__all__ = ["schema_problem"]


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
