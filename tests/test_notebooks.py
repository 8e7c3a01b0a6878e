"""Every notebook a trainer, staff member or facilitator opens runs top to bottom, and none is
committed with outputs."""

import pytest
from nbclient import NotebookClient

from tests.support.notebooks import ROOT, cells_with_outputs, notebooks_under, read_notebook

FOLDERS = ["course", "exercises/source", "facilitator_guides"]
MAX_CODE_LINES = 15
NOTEBOOKS = notebooks_under(*FOLDERS)


def test_there_are_notebooks_to_run():
    assert NOTEBOOKS


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: str(p.relative_to(ROOT)))
def test_notebook_has_no_outputs(path):
    if path.suffix == ".md":  # a MyST notebook cannot hold outputs; check it reads as one
        assert (
            read_notebook(path).metadata["jupytext"]["text_representation"]["format_name"] == "myst"
        )
        return
    dirty = cells_with_outputs(path)
    assert not dirty, f"cells {dirty} carry outputs: strip them before committing"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: str(p.relative_to(ROOT)))
def test_notebook_is_thin_and_opens_with_its_purpose(path):
    """Logic lives in the library: a long code cell is a function waiting to move."""
    notebook = read_notebook(path)
    assert notebook.cells[0].cell_type == "markdown"
    long_cells = [
        i
        for i, cell in enumerate(notebook.cells)
        if cell.cell_type == "code" and len(cell.source.splitlines()) > MAX_CODE_LINES
    ]
    assert not long_cells, f"cells {long_cells} have more than {MAX_CODE_LINES} lines of code"


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: str(p.relative_to(ROOT)))
def test_notebook_executes_and_writes_nothing_beside_it(path, data_dir):
    """Nor in the data folder: a notebook run top to bottom stores nothing (the practice tools
    store only when the person presses Save or changes something)."""
    before = sorted(p.name for p in path.parent.iterdir())
    notebook = read_notebook(path)
    client = NotebookClient(
        notebook,
        timeout=300,
        startup_timeout=180,  # a loaded machine (CI, a full suite) can take over a minute
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
    )
    client.execute()  # raises CellExecutionError, naming the cell, if any cell fails
    assert sorted(p.name for p in path.parent.iterdir()) == before
    assert list(data_dir.iterdir()) == [], "running it wrote to the data folder"
