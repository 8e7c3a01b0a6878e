"""The notebooks people open, as git knows them (committed or new, never ignored files), and the
check that they are committed without outputs: the suite runs it, and so does the pre-commit
hook (`python -m tests.support.notebooks FILE...`, exit 1 naming each notebook that carries any)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

__all__ = ["ROOT", "cells_with_outputs", "notebooks_under"]

ROOT = Path(__file__).resolve().parents[2]


def notebooks_under(*folders: str) -> list[Path]:
    """Every notebook in these folders of the repository, so a new one is covered at once."""
    listed = subprocess.run(
        ["git", "ls-files", "-co", "--exclude-standard", "*.ipynb"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    found = sorted(ROOT / p for p in listed.split())
    return [p for p in found if any(p.is_relative_to(ROOT / folder) for folder in folders)]


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
