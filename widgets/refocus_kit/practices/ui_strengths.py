"""Widget for working practice 2, assessing strengths (REFOCUS manual, chapter 4): the Strengths
Worksheet with its checklist prompts on demand, for a practice case or for the worker's own
strengths (Appendix 7), and the quality check against the seven marks of section 4.3."""

from __future__ import annotations

from datetime import date
from html import escape
from typing import Any

import ipywidgets as w

from refocus_kit.forms.model import Form
from refocus_kit.practices.records import PracticeRecords
from refocus_kit.practices.strengths_quality import check_strengths, marks
from refocus_kit.practices.ui_common import (
    FIT_BUTTONS,
    bullet_list,
    button,
    labelled,
    toggle,
    verdict_row,
)
from refocus_kit.practices.ui_records import RecordsBar

__all__ = ["MODES", "StrengthsTool"]

MODES = (("A practice case (fictional)", "practice"), ("My own strengths", "own"))
_RATINGS = [("not rated yet", None), ("yes", "yes"), ("partly", "partly"), ("no", "no")]
# The three self-rated marks, labels whole and aligned: the longest, "Captures skills, talents,
# accomplishments and abilities", needs about 27em.
_RATING_LABELS = {"description_width": "28em"}
_BOTTOM_LABELS = {"description_width": "7em"}  # "Anything else" and "Updated", aligned


def _form(form_id: str) -> Form:
    from refocus_kit.forms import load_form

    return load_form(form_id)


def _title(answers: dict[str, Any]) -> str:
    """A saved worksheet's name in the list: its case, or its first words."""
    if answers.get("practice_case"):
        return str(answers["practice_case"])
    cells = (t for row in (answers.get("strengths") or {}).values() for t in row.values())
    first = next(iter(cells), "") or str(answers.get("anything_else") or "")
    return first[:40]


class StrengthsTool(w.VBox):
    """The worksheet as one accordion panel per life domain, with prompts shown on request;
    saved as a Strengths Worksheet response, to be opened again later."""

    def __init__(
        self,
        form: Form | None = None,
        own_form: Form | None = None,
        *,
        respondent: str | None = None,
        team: str | None = None,
        store=None,
    ) -> None:
        self.form = form or _form("strengths_worksheet")
        self._kept: dict[str, Any] = {}
        self._own_form = own_form
        self.matrix = self.form.field("strengths")
        self.mode = w.ToggleButtons(options=MODES, style=FIT_BUTTONS)
        self.own_questions = w.HTML()
        self.cells = {
            (r.id, c.id): w.Textarea(placeholder=c.label, layout=w.Layout(width="95%"))
            for r in self.matrix.rows
            for c in self.matrix.columns
        }
        self.prompt_buttons = {r.id: toggle("Show prompts") for r in self.matrix.rows}
        self.prompts = {r.id: w.HTML() for r in self.matrix.rows}
        self.anything_else = w.Textarea(
            description="Anything else", layout=w.Layout(width="95%"), style=_BOTTOM_LABELS
        )
        self.updated = w.DatePicker(description="Updated", value=date.today(), style=_BOTTOM_LABELS)
        self.ratings = {
            m["id"]: w.Dropdown(
                options=_RATINGS,
                index=0,
                description=m["label"],
                style=_RATING_LABELS,
                layout=w.Layout(width="40em"),
            )
            for m in marks()
            if m["how"] == "self_rated"
        }
        self.check_button = button("Check quality", button_style="primary")
        self.result = w.HTML()
        records = PracticeRecords(
            self.form, respondent=respondent, team=team, store=store, title=_title
        )
        self.records = RecordsBar(records, self.answers, self.load)
        self._wire()
        super().__init__(
            [
                labelled("Whose", self.mode),
                self.own_questions,
                self._accordion(),
                self.anything_else,
                self.updated,
                w.HTML("<b>Three marks to rate yourself</b>"),
                w.VBox(list(self.ratings.values())),
                self.check_button,
                self.result,
                self.records,
            ]
        )

    def _wire(self) -> None:
        for row, prompt_toggle in self.prompt_buttons.items():
            prompt_toggle.observe(
                lambda change, r=row: self._show_prompts(r, change["new"]), names="value"
            )
        self.mode.observe(lambda _: self._show_own_questions(), names="value")
        self.check_button.on_click(lambda _: self.check())
        for box in (*self.cells.values(), self.anything_else):
            box.observe(self.records.changed, names="value")

    def _accordion(self) -> w.Accordion:
        panels = []
        for row in self.matrix.rows:
            boxes = [
                w.VBox([w.HTML(f"<b>{escape(c.label)}</b>"), self.cells[row.id, c.id]])
                for c in self.matrix.columns
            ]
            panels.append(w.VBox([self.prompt_buttons[row.id], self.prompts[row.id], *boxes]))
        accordion = w.Accordion(children=panels)
        for i, row in enumerate(self.matrix.rows):
            accordion.set_title(i, row.label)
        return accordion

    def _show_prompts(self, row: str, show: bool) -> None:
        parts = [
            f"<b>{escape(c.label)}</b>" + bullet_list(self.matrix.prompts_for(row, c.id))
            for c in self.matrix.columns
        ]
        self.prompts[row].value = "".join(parts) if show else ""

    def _show_own_questions(self) -> None:
        if self.mode.value != "own":
            self.own_questions.value = ""
            return
        own = self._own_form or _form("worker_identity_exercise")
        items = [f"{f.label} {f.help}" for f in own.fields]
        self.own_questions.value = (
            f"<p>Questions to start from ({escape(own.source)}):</p>" + bullet_list(items)
        )

    def answers(self) -> dict[str, Any]:
        """The worksheet in the forms engine's answer shape."""
        strengths = {
            r.id: {c.id: self.cells[r.id, c.id].value for c in self.matrix.columns}
            for r in self.matrix.rows
        }
        return {**self._kept, "strengths": strengths, "anything_else": self.anything_else.value}

    def load(self, answers: dict[str, Any]) -> None:
        """Put a worksheet in; answers the tool has no box for (the case, the worker) are kept
        as they are, so saving it again loses nothing."""
        self._kept = {k: v for k, v in answers.items() if k not in ("strengths", "anything_else")}
        for (row, column), box in self.cells.items():
            box.value = str(((answers.get("strengths") or {}).get(row) or {}).get(column) or "")
        self.anything_else.value = str(answers.get("anything_else") or "")

    def check(self) -> None:
        ratings = {k: d.value for k, d in self.ratings.items()}
        results = check_strengths(self.answers(), self.updated.value, ratings)
        self.result.value = "".join(
            verdict_row(r.passed, f"{r.label} ({r.how.replace('_', '-')})", (r.manual, *r.reasons))
            for r in results
        )
