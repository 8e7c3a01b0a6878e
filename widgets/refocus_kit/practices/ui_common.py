"""Small pieces shared by the practice tools' widgets.

Everything a person typed is passed through ``html.escape`` before it reaches an HTML widget,
so notes can never inject markup into the page they are shown on.
"""

from __future__ import annotations

import io
import tempfile
from collections.abc import Iterable
from html import escape
from pathlib import Path

import ipywidgets as w
from matplotlib.figure import Figure

from refocus_kit.practices.figures import DPI

__all__ = ["bullet_list", "export_folder", "figure_image", "mark", "paragraphs", "verdict_row"]

_MARKS = {True: ("\u2714", "#2e7d32"), False: ("\u2718", "#c62828"), None: ("?", "#ef6c00")}


def mark(passed: bool | None) -> str:
    """A coloured tick, cross or question mark (HTML) for passed / not passed / to ask."""
    symbol, colour = _MARKS[passed]
    return f'<span style="color:{colour};font-weight:bold">{symbol}</span>'


def bullet_list(items: Iterable[str]) -> str:
    """An HTML list of plain-text items, each escaped."""
    return "<ul>" + "".join(f"<li>{escape(i)}</li>" for i in items) + "</ul>"


def paragraphs(text: str) -> str:
    """Plain text shown as HTML with its line breaks kept, escaped."""
    return "<br>".join(escape(line) for line in text.splitlines())


def verdict_row(passed: bool | None, label: str, reasons: Iterable[str]) -> str:
    """One checked item: its mark, its label and the reasons underneath."""
    return f"<div>{mark(passed)} <b>{escape(label)}</b>{bullet_list(reasons)}</div>"


def figure_image(fig: Figure) -> w.Image:
    """A figure as a PNG image widget (works headless: no display or pyplot needed)."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=DPI)
    return w.Image(value=buffer.getvalue(), format="png", layout=w.Layout(max_width="800px"))


def export_folder(folder: Path | str | None) -> Path:
    """Where exports go: the folder given, or a fresh temporary folder (never the course tree)."""
    return Path(folder) if folder else Path(tempfile.mkdtemp(prefix="refocus-"))
