"""The kit's instruments as one table for the welcome notebook: every title and source whole.

A pandas DataFrame would cut text past 50 characters ("REFOCUS manual (Bird et al. 2011),
Appendix 9:...") and JupyterLab right-aligns its cells; this table wraps long text and reads
left to right, with everything escaped.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

import ipywidgets as w

from refocus_kit.forms.model import Form

__all__ = ["MANUAL", "instruments_table"]

MANUAL = "REFOCUS manual (Bird et al. 2011), "
_CELL = "text-align:left;vertical-align:top;padding:6px 16px 6px 0;border-bottom:1px solid #d0d0d0"
_HEADINGS = ("Form", "Id, for render_form", "Where in the REFOCUS manual (Bird et al. 2011)")


def _row(cells: Iterable[str], tag: str = "td") -> str:
    return "<tr>" + "".join(f'<{tag} style="{_CELL}">{c}</{tag}>' for c in cells) + "</tr>"


def instruments_table(forms: Iterable[Form] | None = None) -> w.HTML:
    """Every form (all the kit's, unless given): its title, its id and where it comes from."""
    if forms is None:
        from refocus_kit.forms.loader import load_forms

        forms = load_forms().values()
    rows = "".join(
        _row(
            (escape(f.title), f"<code>{escape(f.id)}</code>", escape(f.source.removeprefix(MANUAL)))
        )
        for f in forms
    )
    head = _row((escape(h) for h in _HEADINGS), "th")
    return w.HTML(
        f'<table style="border-collapse:collapse;font-size:14px;line-height:1.4">'
        f"<thead>{head}</thead><tbody>{rows}</tbody></table>"
    )
