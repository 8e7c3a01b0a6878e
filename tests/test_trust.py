"""A notebook with no output has nothing to trust: the kit's pages and course notebooks
(committed without outputs) open without a "not trusted" warning, and a notebook whose outputs
are unsigned is still distrusted."""

import logging
from pathlib import Path

import nbformat
import pytest
from jupyter_server.services.contents.largefilemanager import LargeFileManager
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from refocus_kit.trust import LabContents, PagesContents

ROOT = Path(__file__).resolve().parents[1]


def write(folder, name, *cells):
    nbformat.write(new_notebook(cells=list(cells)), folder / name)


def opened(manager_class, folder, name, caplog):
    """The notebook as a server opens it, and the warnings it logs meanwhile."""
    manager = manager_class(root_dir=str(folder), log=logging.getLogger("contents"))
    notebook = nbformat.read(folder / name, as_version=4)
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="contents"):
        manager.mark_trusted_cells(notebook, name)
    return notebook, [r.getMessage() for r in caplog.records]


@pytest.fixture
def notebooks(tmp_path):
    write(tmp_path, "plain.ipynb", new_markdown_cell("# Hello"), new_code_cell("1 + 1"))
    html = new_output("display_data", data={"text/html": "<script>alert(1)</script>"})
    write(tmp_path, "outputs.ipynb", new_code_cell("show()", outputs=[html]))
    return tmp_path


@pytest.mark.parametrize("manager_class", [LabContents, PagesContents])
def test_a_notebook_without_outputs_is_trusted_quietly(manager_class, notebooks, caplog):
    notebook, warnings = opened(manager_class, notebooks, "plain.ipynb", caplog)
    assert warnings == []
    assert notebook.cells[1].metadata.trusted is True


@pytest.mark.parametrize("manager_class", [LabContents, PagesContents])
def test_unsigned_outputs_are_still_distrusted(manager_class, notebooks, caplog):
    notebook, warnings = opened(manager_class, notebooks, "outputs.ipynb", caplog)
    assert warnings == ["Notebook outputs.ipynb is not trusted"]
    assert notebook.cells[0].metadata.trusted is False


def test_stock_jupyter_warns_for_a_notebook_without_outputs(notebooks, caplog):
    _notebook, warnings = opened(LargeFileManager, notebooks, "plain.ipynb", caplog)
    assert warnings == ["Notebook plain.ipynb is not trusted"]  # what the kit's managers avoid


def test_the_participant_pages_have_no_outputs(caplog):
    pages = ROOT / "widgets" / "refocus_kit" / "participant" / "pages"
    for page in sorted(pages.glob("*.ipynb")):
        _notebook, warnings = opened(PagesContents, pages, page.name, caplog)
        assert warnings == [], page.name
