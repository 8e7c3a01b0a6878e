"""The bar under each practice tool: Save, and Open saved work (with any unsaved draft).

A tool hands the bar two functions, one giving its work as answers and one putting answers
back, and calls ``changed(change)`` from its observers. Only changes the person makes in the
browser keep a draft: a notebook cell that fills a tool in for a worked example writes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import Any

import ipywidgets as w

from refocus_kit.forms.messages import summary_html
from refocus_kit.forms.validate import AnswersError
from refocus_kit.practices.records import PracticeRecords
from refocus_kit.practices.ui_common import button

__all__ = ["DRAFT", "RecordsBar", "from_person"]

DRAFT = "draft"  # the option value of the unsaved draft in the list
_NO_RESPONDENT = (
    "<p><i>Saving is off: this tool was given no pseudonym (respondent). "
    "See the notebook's first cell for how to set yours.</i></p>"
)


def from_person(change: dict[str, Any]) -> bool:
    """True for a change sent by the browser (ipywidgets locks the property while it applies
    a change from the front end), False for one made by code in a cell."""
    return change.get("name") in getattr(change.get("owner"), "_property_lock", {})


class RecordsBar(w.VBox):
    """Save the tool's work to the store and open it again later."""

    def __init__(
        self,
        records: PracticeRecords,
        get_answers: Callable[[], dict[str, Any]],
        set_answers: Callable[[dict[str, Any]], None],
    ) -> None:
        self.records, self._get, self._set = records, get_answers, set_answers
        self.save_button = button("Save", button_style="primary", icon="save")
        self.open_button = button("Open saved work", icon="folder-open")
        self.choices = w.Dropdown(options=[], layout=w.Layout(width="95%", display="none"))
        self.load_button = button("Open this")
        self.load_button.layout.display = "none"
        self.status = w.HTML()
        self.save_button.on_click(lambda _: self.save())
        self.open_button.on_click(lambda _: self.list_saved())
        self.load_button.on_click(lambda _: self.open_saved(self.choices.value))
        enabled = records.respondent is not None
        self.save_button.disabled = self.open_button.disabled = not enabled
        super().__init__(
            [
                w.HBox([self.save_button, self.open_button]),
                w.HBox([self.choices, self.load_button]),
                self.status,
            ]
        )
        self.status.value = "" if enabled else _NO_RESPONDENT

    def changed(self, change: dict[str, Any] | None = None) -> None:
        """Keep a draft after a change the person made (change None: a button they pressed)."""
        if self.records.respondent is None or (change is not None and not from_person(change)):
            return
        self.records.keep_draft(self._get())

    def save(self):
        """Store the work; on a problem, say which answer and store nothing."""
        try:
            response = self.records.save(self._get())
        except AnswersError as exc:
            self.status.value = summary_html(exc.errors, [])
            return None
        self.status.value = (
            '<p class="refocus-status-ok" role="status">Saved '
            f"(reference {escape(response.id[:8])}, version {response.revision}). "
            "Find it again with <b>Open saved work</b>.</p>"
        )
        return response

    def list_saved(self) -> None:
        """Show the person's saved records of this tool, most recent first, and any draft."""
        options = [(s.label, s.response.id) for s in self.records.saved()]
        if self.records.draft():
            options.insert(0, ("Unsaved changes (draft)", DRAFT))
        self.choices.options = options
        self.choices.value = options[0][1] if options else None  # the most recent
        shown = "" if options else "none"
        self.choices.layout.display = self.load_button.layout.display = shown
        self.status.value = (
            "<p>Choose one and press <b>Open this</b>.</p>"
            if options
            else "<p><i>Nothing saved yet.</i></p>"
        )

    def open_saved(self, choice: str | None) -> None:
        """Put a saved record (or the draft) back into the tool."""
        if not choice:
            return
        answers = self.records.open_draft() if choice == DRAFT else self.records.open(choice)
        self._set(answers or {})
        self.choices.options = []
        self.choices.layout.display = self.load_button.layout.display = "none"
        what = "your unsaved changes" if choice == DRAFT else "the saved work"
        self.status.value = f"<p>Opened {what}; <b>Save</b> keeps your changes.</p>"
