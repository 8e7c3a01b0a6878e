"""The participant server's pages: one notebook per form whose definition names `participant`
in its audience, written at server start into a folder of their own, so that adding a
participant form is one definition and nothing else."""

from __future__ import annotations

from pathlib import Path

import nbformat

from refocus_kit.sessions import participant_forms

__all__ = ["page_notebook", "write_pages"]


def page_notebook(form_id: str) -> nbformat.NotebookNode:
    """The page of one form: a single cell that shows it (ParticipantPage, page.py)."""
    cell = nbformat.v4.new_code_cell(
        f"from refocus_kit.participant import participant_page\n\nparticipant_page({form_id!r})",
        id="page",
    )
    return nbformat.v4.new_notebook(
        cells=[cell],
        metadata={
            "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
            "language_info": {"name": "python"},
        },
    )


def write_pages(folder: Path) -> list[Path]:
    """Write a page for every participant form into `folder` (which holds nothing else the
    server would publish), and return their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for form_id in participant_forms():
        path = folder / f"{form_id}.ipynb"
        nbformat.write(page_notebook(form_id), path)
        written.append(path)
    return written
