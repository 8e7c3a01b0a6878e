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

__all__ = [
    "FIT_BUTTONS",
    "bullet_list",
    "button",
    "export_folder",
    "figure_image",
    "fit",
    "labelled",
    "mark",
    "paragraphs",
    "toggle",
    "verdict_row",
]

# Text colours, each at least 4.5:1 against white (WCAG AA for text).
_MARKS = {True: ("\u2714", "#2e7d32"), False: ("\u2718", "#c62828"), None: ("?", "#b45309")}

# JupyterLab draws every button 148 px wide and cuts longer words short ("Show what was a\u2026"):
# the kit's buttons keep that width as a minimum and grow to fit their words.
_BUTTON_WIDTH = "148px"
FIT_BUTTONS = {"button_width": "auto"}  # the style of a ToggleButtons whose options must fit


def fit(**layout: str) -> w.Layout:
    """A layout that grows to fit its words, never narrower than JupyterLab's buttons."""
    return w.Layout(width="max-content", min_width=_BUTTON_WIDTH, **layout)


def labelled(label: str, control: w.Widget) -> w.HBox:
    """A control with its label beside it, set out as JupyterLab sets out descriptions (80 px,
    right-aligned): a ToggleButtons' own description would sit on a line of its own above it."""
    text = w.HTML(
        f'<div style="text-align:right">{escape(label)}</div>',
        layout=w.Layout(width="80px", min_width="80px", margin="0 8px 0 2px"),
    )
    return w.HBox([text, control], layout=w.Layout(align_items="baseline"))


def button(description: str, **kwargs) -> w.Button:
    """A button as wide as its words."""
    return w.Button(description=description, layout=fit(), **kwargs)


def toggle(description: str, **kwargs) -> w.ToggleButton:
    """A toggle button as wide as its words."""
    return w.ToggleButton(description=description, layout=fit(), **kwargs)


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
