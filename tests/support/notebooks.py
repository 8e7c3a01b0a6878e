"""The notebooks people open, as git knows them (committed or new, never ignored files), and the
check that they are committed without outputs: the suite runs it, and so does the pre-commit
hook (`python -m tests.support.notebooks FILE...`, exit 1 naming each notebook that carries any).

The session notebooks are MyST Markdown (`course/*/session.md`, read through jupytext): a text
notebook holds no outputs by its nature, and is run and opened like any other."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

__all__ = ["ROOT", "TEXT_NOTEBOOKS", "cells_with_outputs", "notebooks_under", "read_notebook"]

ROOT = Path(__file__).resolve().parents[2]
TEXT_NOTEBOOKS = "session.md"  # the MyST session notebooks' name, one per session folder


def notebooks_under(*folders: str) -> list[Path]:
    """Every notebook in these folders of the repository, so a new one is covered at once."""
    listed = subprocess.run(
        ["git", "ls-files", "-co", "--exclude-standard", "*.ipynb", f"*/{TEXT_NOTEBOOKS}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    found = sorted(ROOT / p for p in listed.split())
    return [p for p in found if any(p.is_relative_to(ROOT / folder) for folder in folders)]


def read_notebook(path: Path):
    """A notebook, as .ipynb or (a session notebook) MyST Markdown through jupytext."""
    if path.suffix == ".md":
        import jupytext

        return jupytext.read(path)
    import nbformat

    return nbformat.read(path, as_version=4)


def cells_with_outputs(path: Path) -> list[int]:
    """The indexes of the cells that carry outputs or an execution count."""
    notebook = json.loads(path.read_text(encoding="utf-8"))
    return [
        i
        for i, cell in enumerate(notebook["cells"])
        if cell.get("outputs") or cell.get("execution_count")
    ]


def text_notebook_problem(path: Path) -> str | None:
    """Why a session notebook is not a MyST notebook jupytext reads (None if it is)."""
    try:
        notebook = read_notebook(path)
    except Exception as exc:  # jupytext's own errors name the fault
        return f"not readable as a notebook: {exc}"
    text = notebook.metadata.get("jupytext", {}).get("text_representation", {})
    if text.get("format_name") != "myst":
        return "needs jupytext front matter with format_name: myst"
    return None


def main(paths: list[str]) -> int:
    texts = [p for p in paths if p.endswith(".md")]
    problems = {path: text_notebook_problem(Path(path)) for path in texts}
    for path, problem in problems.items():
        if problem:
            print(f"{path}: {problem}")
    paths = [p for p in paths if p not in texts]
    if any(problems.values()):
        return 1
    dirty = {path: cells_with_outputs(Path(path)) for path in paths}
    for path, cells in dirty.items():
        if cells:
            print(f"{path}: cells {cells} carry outputs; clear them before committing")
    return 1 if any(dirty.values()) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
