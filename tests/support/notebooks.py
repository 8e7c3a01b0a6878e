"""Notebooks are committed without outputs: the check the suite runs, and the pre-commit hook
(`python -m tests.support.notebooks FILE...`, exit 1 naming each notebook that carries any)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

__all__ = ["cells_with_outputs"]


def cells_with_outputs(path: Path) -> list[int]:
    """The indexes of the cells that carry outputs or an execution count."""
    notebook = json.loads(path.read_text(encoding="utf-8"))
    return [
        i
        for i, cell in enumerate(notebook["cells"])
        if cell.get("outputs") or cell.get("execution_count")
    ]


def main(paths: list[str]) -> int:
    dirty = {path: cells_with_outputs(Path(path)) for path in paths}
    for path, cells in dirty.items():
        if cells:
            print(f"{path}: cells {cells} carry outputs; clear them before committing")
    return 1 if any(dirty.values()) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
