"""What a course notebook prints fits the projected output area: JupyterLab breaks a long printed
line at the edge wherever it falls, mid-word ("l ook after", "agai n")."""

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

COURSE = Path(__file__).resolve().parents[2] / "course"
# Characters of monospace text across a notebook's output area at 1280 x 800, file browser open.
MAX_PRINTED = 100


def _printing_notebooks() -> list[Path]:
    return [
        path
        for path in sorted(COURSE.glob("*/*.ipynb"))
        if any("print(" in c.source for c in nbformat.read(path, as_version=4).cells)
    ]


@pytest.mark.slow
@pytest.mark.parametrize("path", _printing_notebooks(), ids=lambda p: p.parent.name)
def test_printed_lines_fit_the_projected_output(path):
    notebook = nbformat.read(path, as_version=4)
    NotebookClient(notebook, timeout=300, kernel_name="python3").execute(cwd=str(path.parent))
    long_lines = [
        line
        for cell in notebook.cells
        for output in cell.get("outputs", ())
        if output.output_type == "stream"
        for line in output.text.splitlines()
        if len(line) > MAX_PRINTED
    ]
    assert long_lines == []
