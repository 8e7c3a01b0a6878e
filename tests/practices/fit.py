"""Would a widget's words fit where JupyterLab puts them? Measured headless, from widget state.

JupyterLab's widget stylesheet (@jupyter-widgets/controls 8) gives every control a fixed size
unless the kit says otherwise: buttons 148 px wide with 10 px padding each side, description
labels 80 px, text boxes and dropdowns 300 px. Text that does not fit is cut with an ellipsis
("Show what was a…"). The words are measured in the font Chromium uses for widgets on Debian
(DejaVu Sans, 13 px), the same way the browser lays them out, so a label that is cut on the
projector fails here.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator

import ipywidgets as w
from ipywidgets.widgets.widget_description import DescriptionWidget
from matplotlib.font_manager import FontProperties
from matplotlib.textpath import TextToPath

__all__ = ["blank_choices", "cut_texts", "shown_html", "text_px"]

FONT = FontProperties(family="DejaVu Sans", size=13)
OUTPUT_WIDTH = 840  # px: a notebook's output area in JupyterLab at 1280 x 800, file browser open
BUTTON, BUTTON_PADDING = 148, 20
LABEL, LABEL_MARGIN = 80, 8
CONTROL = 300
CHECKBOX_BOX = 21  # the box and its margin, left of a checkbox's description
SELECT_ARROW = 28  # a dropdown's arrow and padding
INPUT_PADDING = 16
_MEASURE = TextToPath()


def text_px(text: str) -> float:
    """The width of text in pixels in the widget font."""
    return _MEASURE.get_text_width_height_descent(text, FONT, ismath=False)[0]


def _size(value: str | None, default: float) -> float:
    """A CSS width as pixels: unset is the default, 'auto'-like widths grow to fit (infinite)."""
    if not value:
        return default
    if value in {"auto", "initial", "max-content", "fit-content"}:
        return math.inf
    number = re.fullmatch(r"([\d.]+)(px|em|%)", value.strip())
    if not number:
        raise ValueError(f"cannot read the width {value!r}")
    amount, unit = float(number.group(1)), number.group(2)
    return {"px": amount, "em": amount * FONT.get_size(), "%": amount / 100 * OUTPUT_WIDTH}[unit]


def _walk(widget: w.Widget) -> Iterator[w.Widget]:
    yield widget
    for child in getattr(widget, "children", ()):
        yield from _walk(child)


def _label_px(widget: w.Widget) -> float:
    """The width taken by a control's description label (none when it has no description)."""
    if not getattr(widget, "description", ""):
        return 0
    return _size(widget.style.description_width, LABEL) + LABEL_MARGIN


def _words(widget: w.Widget) -> Iterator[tuple[str, float]]:
    """(text, pixels available to it) for each piece of text a widget shows on one line."""
    width = widget.layout.width
    if isinstance(widget, w.Button | w.ToggleButton):
        yield widget.description, _size(width, BUTTON) - BUTTON_PADDING
        return
    if isinstance(widget, w.ToggleButtons):
        button = _size(widget.style.button_width, BUTTON) - BUTTON_PADDING
        yield from ((label, button) for label in widget._options_labels)
    if isinstance(widget, w.Checkbox):
        indent = LABEL + LABEL_MARGIN if widget.indent else 0
        yield widget.description, _size(width, CONTROL) - indent - CHECKBOX_BOX
        return
    if getattr(widget, "description", "") and isinstance(widget, DescriptionWidget):
        yield widget.description, _size(widget.style.description_width, LABEL)
    if isinstance(widget, w.Dropdown):
        room = _size(width, CONTROL) - _label_px(widget) - SELECT_ARROW
        yield from ((label, room) for label in widget._options_labels)
    if isinstance(widget, w.Text) and widget.placeholder:
        yield widget.placeholder, _size(width, CONTROL) - _label_px(widget) - INPUT_PADDING


def cut_texts(widget: w.Widget) -> list[str]:
    """Every text in the widget tree that JupyterLab would cut short, with the room it has."""
    return [
        f"{text!r} needs {text_px(text):.0f} px, has {room:.0f}"
        for item in _walk(widget)
        for text, room in _words(item)
        if text_px(text) > room
    ]


def blank_choices(widget: w.Widget) -> list[str]:
    """Dropdowns that show an empty box: ipywidgets selects nothing (index None) when the first
    option's value is None, so "not asked yet" is never shown unless the index is given."""
    return [
        f"{item.description or item._options_labels[0]!r} shows nothing"
        for item in _walk(widget)
        if isinstance(item, w.Dropdown) and item.options and item.index is None
    ]


def shown_html(widget: w.Widget) -> str:
    """The HTML of every HTML widget in the tree, in order: the headings and notes a tool shows."""
    return "\n".join(item.value for item in _walk(widget) if isinstance(item, w.HTML))
