"""A session notebook as its audiences see it: read from MyST Markdown (jupytext), stripped of
every cell tagged `facilitator-only`, and given the still face of each call it makes (the agenda,
the reading, a check's items, the room's questions), for slides and handouts where no kernel
runs. Headless."""

from __future__ import annotations

import ast
from collections.abc import Callable
from pathlib import Path

import nbformat

from refocus_kit.course import pages

__all__ = ["FACILITATOR_ONLY", "LIVE_NOTE", "participant_notebook", "read_notebook", "still_face"]

FACILITATOR_ONLY = "facilitator-only"
LIVE_NOTE = "<p><em>Live in the room: the trainers run this activity in JupyterLab.</em></p>"

STILL: dict[str, Callable[..., str]] = {
    "agenda": pages.agenda_html,
    "before": pages.before_html,
    "check": pages.check_html,
    "room": pages.room_html,
}


def read_notebook(path: Path) -> nbformat.NotebookNode:
    """A session notebook (MyST Markdown, or any format jupytext reads) as a notebook."""
    import jupytext

    return jupytext.read(path)


def _call(source: str) -> tuple[str, list[str]] | None:
    """`name("a", "b")` as (name, ["a", "b"]): the one call a course code cell makes."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return None
    if len(tree.body) != 1 or not isinstance(tree.body[0], ast.Expr):
        return None
    call = tree.body[0].value
    if not isinstance(call, ast.Call) or not isinstance(call.func, ast.Name):
        return None
    args = [a.value for a in call.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
    return (call.func.id, args) if len(args) == len(call.args) and not call.keywords else None


def still_face(source: str) -> str | None:
    """The HTML a code cell shows where nothing runs: the call's still face, a note that the
    activity is live in the room, or None for a cell that shows nothing (imports, settings)."""
    found = _call(source)
    if found and found[0] in STILL:
        return STILL[found[0]](*found[1])
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return LIVE_NOTE
    quiet = (ast.Import, ast.ImportFrom, ast.Assign, ast.AnnAssign)
    return None if all(isinstance(node, quiet) for node in tree.body) else LIVE_NOTE


def participant_notebook(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """A copy with no facilitator-only cell, and each code cell's still face as its output."""
    kept = nbformat.from_dict(notebook)
    kept.cells = [c for c in kept.cells if FACILITATOR_ONLY not in c.metadata.get("tags", [])]
    for cell in kept.cells:
        if cell.cell_type != "code":
            continue
        face = still_face(cell.source)
        cell.outputs = (
            [nbformat.v4.new_output("display_data", data={"text/html": face})] if face else []
        )
    return kept
