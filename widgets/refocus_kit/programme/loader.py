"""Load the programme from YAML. The bundled file is checked against its JSON Schema by the test
suite (and any file by `refocus programme check`), not at every start: jsonschema is slow to
import, and the kit's servers and kernels read the programme often."""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path

from refocus_kit.programme.model import Programme
from refocus_kit.schemas import read_mapping, schema_problem

__all__ = [
    "FORMAT_VERSION",
    "ProgrammeError",
    "bundled_path",
    "check_programme",
    "load_programme",
    "programme",
]

SCHEMA = "programme.v1.json"  # under the package's schema/ folder

FORMAT_VERSION = 1


class ProgrammeError(ValueError):
    """A programme file is malformed; the message names the file, the place and the fault."""


def bundled_path() -> Path:
    return Path(str(resources.files("refocus_kit.programme") / "refocus.yaml"))


def _read(path: Path) -> dict:
    data = read_mapping(path, ProgrammeError)
    version = data.get("format_version")
    if version != FORMAT_VERSION:
        raise ProgrammeError(
            f"{path.name}: format_version {version!r} is not {FORMAT_VERSION}, the format this "
            "kit reads"
        )
    return data


def _problems(programme: Programme) -> list[str]:
    """What the schema cannot say: ids, numbers and months that must agree with each other."""
    problems: list[str] = []
    if [s.number for s in programme.strategies] != list(range(1, len(programme.strategies) + 1)):
        problems.append("strategies must be numbered 1, 2, 3... in order")
    ids = [e.id for e in programme.events]
    problems += [
        f"event id {i!r} is used twice" for i in sorted({i for i in ids if ids.count(i) > 1})
    ]
    for strategy in programme.strategies:
        numbers = [e.number for e in strategy.numbered]
        if numbers != list(range(1, len(numbers) + 1)):
            problems.append(
                f"strategy {strategy.number}: events must be numbered 1, 2, 3... in order"
            )
        for event in strategy.events:
            last = event.until_month or event.month
            if not 1 <= event.month <= last <= programme.months:
                span = f"{event.month}-{last}"
                problems.append(f"event {event.id}: months {span} are outside 1-{programme.months}")
    return problems


def load_programme(path: Path, *, check_schema: bool = True) -> Programme:
    """Read and build a programme file; raise ProgrammeError naming every fault found."""
    data = _read(path)
    problem = schema_problem(__package__, SCHEMA, data) if check_schema else None
    if problem:
        raise ProgrammeError(f"{path.name}: {problem}")
    try:
        built = Programme.from_data(data)
    except (KeyError, TypeError) as exc:  # only reachable when the schema check was skipped
        raise ProgrammeError(
            f"{path.name}: malformed ({exc}); run `refocus programme check`"
        ) from None
    problems = _problems(built)
    if problems:
        raise ProgrammeError(f"{path.name}: " + "; ".join(problems))
    return built


def check_programme(path: Path) -> Programme:
    """The full check, schema included, for a file someone wrote."""
    return load_programme(path, check_schema=True)


@cache
def programme() -> Programme:
    """The bundled REFOCUS programme (checked against its schema by the test suite)."""
    return load_programme(bundled_path(), check_schema=False)
