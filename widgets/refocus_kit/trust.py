"""Notebooks with nothing to trust are trusted as they are, by both of the kit's servers.

Jupyter Server warns "Notebook … is not trusted" for every notebook whose signature it does not
hold, even one without a single output: for the kit's participant pages, each time a page is
made, and for its course notebooks, each time one is opened. Trust decides only whether a
notebook's stored outputs (HTML, JavaScript) may be shown; a notebook without outputs has none,
so it is marked trusted without a signature and without a word. A notebook with outputs is
checked, and warned about, as before."""

from __future__ import annotations

from jupyter_server.services.contents.largefilemanager import (
    AsyncLargeFileManager,
    LargeFileManager,
)

__all__ = ["LabContents", "NothingToTrust", "PagesContents"]


class NothingToTrust:
    """Contents-manager mixin: a notebook with no output is trusted without a signature."""

    def mark_trusted_cells(self, nb, path=""):
        if all(not cell.get("outputs") for cell in nb.cells if cell.cell_type == "code"):
            self.notary.mark_cells(nb, True)
        else:
            super().mark_trusted_cells(nb, path)


# jupyter_server's own async manager redefines resolve_path; mypy sees the clash in its bases.
class LabContents(NothingToTrust, AsyncLargeFileManager):  # type: ignore[misc]
    """JupyterLab's contents (Jupyter Server's default manager, plus the rule above)."""


class PagesContents(NothingToTrust, LargeFileManager):
    """The participant server's contents (Voila's manager, plus the rule above)."""
