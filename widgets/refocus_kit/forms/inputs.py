"""One input per field kind: an ipywidgets control with its label, help, prompts on demand and
its messages, shown at the control and marked on it. Each input reads and writes the answer
shapes of ``validate.py``."""

from __future__ import annotations

import datetime as dt
import html
import uuid
from collections.abc import Callable
from typing import Any

import ipywidgets as w

from refocus_kit.forms.fixed import fixed
from refocus_kit.forms.messages import Marked, at_field
from refocus_kit.forms.model import Field
from refocus_kit.forms.validate import FieldError, is_blank

__all__ = ["FieldInput", "make_input", "prompts_html"]

Callback = Callable[[], None]
INVALID = "refocus-invalid"  # marks a control with a problem (red border; aria-invalid in Voila)


def _div(text: str, css: str, anchor: str = "") -> str:
    """`text`, escaped, in a div of class `css` (and id `anchor`); nothing for no text."""
    where = f' id="{anchor}"' if anchor else ""
    return f'<div class="{css}"{where}>{html.escape(text)}</div>' if text else ""


def _anchor() -> str:
    """An element id for a field's label, unique on the page, that the summary links to."""
    return f"refocus-{uuid.uuid4().hex[:12]}"


def _html(text: str, css: str) -> w.HTML:
    return fixed(w.HTML, value=_div(text, css))


def prompts_html(prompts: tuple[str, ...], summary: str = "Prompts") -> str:
    """The prompts folded away under a summary the person opens (a native disclosure: it works
    by keyboard and tells screen readers whether it is open); nothing if there are none."""
    if not prompts:
        return ""
    items = "".join(f"<li>{html.escape(p)}</li>" for p in prompts)
    return (
        f'<details class="refocus-prompts"><summary>{html.escape(summary)}</summary>'
        f"<ul>{items}</ul></details>"
    )


def label_for_screen_readers(widget: w.Widget, text: str) -> None:
    """Give a control its label as an ipywidgets description (a real <label for=...>),
    hidden on screen where the field already shows its label above the control."""
    widget.description = text
    widget.description_allow_html = False
    widget.add_class("refocus-sr-label")


class Message:
    """The problems with one control, said in `box` just after `after` (or last), made the
    first time there is something to say and taken out when there is nothing; and the control
    (`marked`) marked."""

    def __init__(self, box: w.Box, after: w.Widget | None, marked: w.Widget | None, anchor: str):
        self.box, self.after, self.marked, self.anchor = box, after, marked, anchor
        self.widget: w.HTML | None = None

    def show(self, errors: list[FieldError]) -> None:
        if self.marked is not None:
            (self.marked.add_class if errors else self.marked.remove_class)(INVALID)
        if not errors:
            if self.widget is not None and self.widget in self.box.children:
                self.widget.value = ""
                self.box.children = tuple(c for c in self.box.children if c is not self.widget)
            return
        lines = "".join(f"<p>{html.escape(at_field(e))}</p>" for e in errors)
        if self.widget is None:
            self.widget = fixed(w.HTML)
        self.widget.value = f'<div class="refocus-error" id="{self.anchor}-error">{lines}</div>'
        if self.widget not in self.box.children:
            children = list(self.box.children)
            at = children.index(self.after) + 1 if self.after is not None else len(children)
            children.insert(at, self.widget)
            self.box.children = children


class FieldInput:
    """Base: subclasses build ``control`` and convert between widget values and answers.

    The field's label, help and prompts are one HTML widget; the label carries the anchor that
    the summary of problems links to."""

    marks_control = True  # a problem with the answer marks the field (a group's does not)

    def __init__(self, field: Field):
        self.field = field
        self.anchor = _anchor()
        self.control = self.build()
        for widget in self.labelled_widgets():
            label_for_screen_readers(widget, field.label)
        marker = " *" if field.required else ""
        head = _div(field.label + marker, "refocus-label", self.anchor)
        head += _div(field.help, "refocus-help") + prompts_html(field.prompts)
        self.box = fixed(w.VBox, children=[fixed(w.HTML, value=head), self.control])
        self.box.add_class("refocus-field")
        marked = self.box if self.marks_control else None
        self._message = Message(self.box, None, marked, self.anchor)

    @property
    def message(self) -> w.HTML | None:
        """The message under the field, once there has been one."""
        return self._message.widget

    def build(self) -> w.Widget:
        raise NotImplementedError

    def get(self) -> Any:
        return self.control.value

    def set(self, value: Any) -> None:
        self.control.value = value

    def value_widgets(self) -> list[w.Widget]:
        return [self.control]

    def labelled_widgets(self) -> list[w.Widget]:
        """The controls that take the field's label as their accessible name."""
        return [self.control]

    def on_change(self, callback: Callback) -> None:
        for widget in self.value_widgets():
            widget.observe(lambda _change: callback(), "value")

    def show_errors(self, errors: list[FieldError], path: str, label: str) -> list[Marked]:
        """Show, and mark, the errors about this answer (found at `path`, e.g. ``costs[2].item``;
        seen as `label`), or take away those shown before; return what was shown."""
        mine = [e for e in errors if e.path == path]
        self._message.show(mine)
        return [Marked(e, self.anchor, label) for e in mine]

    def set_disabled(self, disabled: bool) -> None:
        for widget in self.value_widgets():
            widget.disabled = disabled


class TextInput(FieldInput):
    def build(self) -> w.Widget:
        cls = w.Textarea if self.field.kind == "long_text" else w.Text
        extra: dict[str, Any] = {"rows": 4} if cls is w.Textarea else {}
        return fixed(
            cls,
            value="",
            placeholder=self.field.placeholder,
            continuous_update=True,
            layout={"width": "100%"},
            **extra,
        )

    def set(self, value: Any) -> None:
        self.control.value = value if isinstance(value, str) else ""


class ChoiceInput(FieldInput):
    def build(self) -> w.Widget:
        options = [(o.label, o.value) for o in self.field.options]
        if len(options) > 6:
            return fixed(w.Dropdown, options=[("—", None), *options], value=None)
        return fixed(w.RadioButtons, options=options, value=None, layout={"width": "auto"})

    def set(self, value: Any) -> None:
        known = {o.value for o in self.field.options}
        self.control.value = value if value in known else None


class MultiChoiceInput(FieldInput):
    def build(self) -> w.Widget:
        self.boxes = {
            o.value: fixed(w.Checkbox, value=False, description=o.label, indent=False)
            for o in self.field.options
        }
        return fixed(w.VBox, children=list(self.boxes.values()))

    def get(self) -> list[str]:
        return [value for value, box in self.boxes.items() if box.value]

    def set(self, value: Any) -> None:
        chosen = set(value) if isinstance(value, list) else set()
        for option, box in self.boxes.items():
            box.value = option in chosen

    def value_widgets(self) -> list[w.Widget]:
        return list(self.boxes.values())

    def labelled_widgets(self) -> list[w.Widget]:
        return []  # each checkbox is labelled by its option


class RatingInput(FieldInput):
    def build(self) -> w.Widget:
        assert self.field.min is not None and self.field.max is not None  # the schema's rule
        low, high = int(self.field.min), int(self.field.max)
        self.buttons = fixed(
            w.ToggleButtons,
            options=[(str(n), n) for n in range(low, high + 1)],
            value=None,
            style={"button_width": "3em"},
        )
        ends = f"{self.field.min_label} … {self.field.max_label}".strip(" …")
        parts = [self.buttons, _html(ends, "refocus-help")] if ends else [self.buttons]
        return fixed(w.VBox, children=parts)

    def get(self) -> int | None:
        return self.buttons.value

    def set(self, value: Any) -> None:
        allowed = [v for _label, v in self.buttons.options]
        self.buttons.value = value if value in allowed and not isinstance(value, bool) else None

    def value_widgets(self) -> list[w.Widget]:
        return [self.buttons]

    def labelled_widgets(self) -> list[w.Widget]:
        return [self.buttons]


class NumberInput(FieldInput):
    """Numbers are typed as text so a blank stays blank and a typo gets a message, not a 0."""

    def build(self) -> w.Widget:
        placeholder = "£0.00" if self.field.kind == "money" else ""
        return fixed(w.Text, value="", placeholder=placeholder, continuous_update=True)

    def get(self) -> Any:
        text = self.control.value.strip().replace(",", "")
        if self.field.kind == "money":
            text = text.removeprefix("£")
        if not text:
            return None
        try:
            number = float(text)
        except ValueError:
            return self.control.value
        return int(number) if number.is_integer() and "." not in text else number

    def set(self, value: Any) -> None:
        self.control.value = "" if value is None else str(value)


class DateInput(FieldInput):
    def build(self) -> w.Widget:
        return fixed(w.DatePicker, value=None)

    def get(self) -> str | None:
        return self.control.value.isoformat() if self.control.value else None

    def set(self, value: Any) -> None:
        try:
            self.control.value = dt.date.fromisoformat(value) if value else None
        except (TypeError, ValueError):
            self.control.value = None


class GroupInput(FieldInput):
    """A repeating group: numbered entries, each with the group's sub-fields."""

    marks_control = False  # its own message (e.g. over the budget) is about every entry

    def build(self) -> w.Widget:
        self.entries: list[tuple[str, dict[str, FieldInput], w.Widget]] = []
        self.callbacks: list[Callback] = []
        what = self.field.item_label or "entry"
        self.add_button = fixed(w.Button, description=f"Add {what.lower()}", icon="plus")
        self.add_button.on_click(lambda _b: self.add_entry())
        self.list = fixed(w.VBox)
        return fixed(w.VBox, children=[self.list, self.add_button])

    def add_entry(self, values: dict[str, Any] | None = None) -> None:
        inputs = {f.id: make_input(f) for f in self.field.fields}
        for field_id, value in (values or {}).items():
            if field_id in inputs:
                inputs[field_id].set(value)
        for callback in self.callbacks:
            for entry_input in inputs.values():
                entry_input.on_change(callback)
        key = uuid.uuid4().hex
        remove = fixed(w.Button, description="Remove", icon="trash", button_style="warning")
        remove.on_click(lambda _b: self.remove_entry(key))
        box = fixed(w.VBox, children=[*(i.box for i in inputs.values()), remove])
        self.entries.append((key, inputs, box))
        self._redraw()
        self._changed()

    def remove_entry(self, key: str) -> None:
        self.entries = [e for e in self.entries if e[0] != key]
        self._redraw()
        self._changed()

    def _redraw(self) -> None:
        what = self.field.item_label or "Entry"
        self.list.children = [
            fixed(w.VBox, children=[_html(f"{what} {n}", "refocus-item-label"), box]).add_class(
                "refocus-entry"
            )
            for n, (_key, _inputs, box) in enumerate(self.entries, start=1)
        ]

    def _changed(self) -> None:
        for callback in self.callbacks:
            callback()

    def get(self) -> list[dict[str, Any]]:
        return [{k: i.get() for k, i in inputs.items()} for _key, inputs, _box in self.entries]

    def set(self, value: Any) -> None:
        self.entries = []
        for entry in value if isinstance(value, list) else []:
            self.add_entry(entry if isinstance(entry, dict) else {})
        self._redraw()

    def on_change(self, callback: Callback) -> None:
        self.callbacks.append(callback)
        for _key, inputs, _box in self.entries:
            for entry_input in inputs.values():
                entry_input.on_change(callback)

    def labelled_widgets(self) -> list[w.Widget]:
        return []  # a heading; each entry's fields carry their own labels

    def show_errors(self, errors: list[FieldError], path: str, label: str) -> list[Marked]:
        """The group's own errors under it; each entry's at the entry's own fields. Blank
        entries are not saved, so the answers number the entries after them one lower."""
        shown = super().show_errors(errors, path, label)
        what, saved = self.field.item_label or "Entry", 0
        for number, (_key, inputs, _box) in enumerate(self.entries, start=1):
            blank = all(is_blank(i.get()) for i in inputs.values())
            saved += not blank
            for sub_id, sub in inputs.items():
                shown += sub.show_errors(
                    [] if blank else errors,
                    f"{path}[{saved}].{sub_id}",
                    f"{what} {number}: {sub.field.label}",
                )
        return shown

    def set_disabled(self, disabled: bool) -> None:
        self.add_button.disabled = disabled
        for _key, inputs, _box in self.entries:
            for entry_input in inputs.values():
                entry_input.set_disabled(disabled)


class MatrixInput(FieldInput):
    """A table of free-text cells, laid out row by row so it reads on a phone."""

    marks_control = False  # a problem with a cell marks that cell

    def build(self) -> w.Widget:
        self.cells: dict[tuple[str, str], w.Textarea] = {}
        self.cell_messages: dict[tuple[str, str], Message] = {}
        table = fixed(w.VBox)
        parts: list[w.Widget] = []
        for row in self.field.rows:
            head = _div(row.label, "refocus-row-label") + _div(row.help, "refocus-help")
            for column in self.field.columns:
                cell = fixed(
                    w.Textarea, value="", rows=3, continuous_update=True, layout={"width": "100%"}
                )
                self.cells[row.id, column.id] = cell
                label_for_screen_readers(cell, self._cell_label(row.id, column.id))
                anchor = f"{self.anchor}-{row.id}-{column.id}"
                self.cell_messages[row.id, column.id] = Message(table, cell, cell, anchor)
                head += _div(column.label, "refocus-column-label", anchor)
                head += prompts_html(self.field.prompts_for(row.id, column.id))
                parts += [fixed(w.HTML, value=head), cell]
                head = ""
        table.children = parts
        return table

    def _cell_label(self, row_id: str, column_id: str) -> str:
        row = next(r for r in self.field.rows if r.id == row_id)
        column = next(c for c in self.field.columns if c.id == column_id)
        return f"{row.label}: {column.label}"

    def show_errors(self, errors: list[FieldError], path: str, label: str) -> list[Marked]:
        shown = super().show_errors(errors, path, label)
        for (row, column), message in self.cell_messages.items():
            mine = [e for e in errors if e.path == f"{path}.{row}.{column}"]
            message.show(mine)
            shown += [Marked(e, message.anchor, self._cell_label(row, column)) for e in mine]
        return shown

    def get(self) -> dict[str, dict[str, str]]:
        answer: dict[str, dict[str, str]] = {}
        for (row, column), cell in self.cells.items():
            answer.setdefault(row, {})[column] = cell.value
        return answer

    def set(self, value: Any) -> None:
        value = value if isinstance(value, dict) else {}
        for (row, column), cell in self.cells.items():
            text = value.get(row, {}).get(column, "") if isinstance(value.get(row), dict) else ""
            cell.value = text if isinstance(text, str) else ""

    def value_widgets(self) -> list[w.Widget]:
        return list(self.cells.values())

    def labelled_widgets(self) -> list[w.Widget]:
        return []  # every cell is labelled by its row and column


_KINDS: dict[str, type[FieldInput]] = {
    "short_text": TextInput,
    "long_text": TextInput,
    "choice": ChoiceInput,
    "multi_choice": MultiChoiceInput,
    "rating": RatingInput,
    "number": NumberInput,
    "money": NumberInput,
    "date": DateInput,
    "group": GroupInput,
    "matrix": MatrixInput,
}


def make_input(field: Field) -> FieldInput:
    return _KINDS[field.kind](field)
