"""Widgets for working practice 1, understanding values and treatment preferences (REFOCUS
manual, chapter 3): the VTP conversation companion, the narrative writer and the agreed summary."""

from __future__ import annotations

from html import escape
from typing import Any

import ipywidgets as w

from refocus_kit.forms.model import Form
from refocus_kit.practices.narrative import Narrative, narrative_prompts, sharing_options
from refocus_kit.practices.records import PracticeRecords
from refocus_kit.practices.summary import (
    RECORD_HEADINGS,
    compose_record,
    draft_strengths,
    draft_values_summary,
    record_labels,
    record_text,
)
from refocus_kit.practices.ui_common import FIT_BUTTONS, bullet_list, button, paragraphs, toggle
from refocus_kit.practices.ui_records import RecordsBar
from refocus_kit.practices.vtp_companion import STATUSES, VTPCompanion

__all__ = ["NarrativeTool", "SummaryTool", "VTPCompanionTool"]

_WIDE = w.Layout(width="95%")
_STATUS_LABELS = {"not_yet": "Not discussed yet", "started": "Started", "discussed": "Discussed"}


class VTPCompanionTool(w.VBox):
    """Pick any area, ask for its prompts when wanted, keep notes, and see overall progress;
    save the conversation as a VTP guide response and open it again later."""

    def __init__(
        self,
        form: Form | None = None,
        companion: VTPCompanion | None = None,
        *,
        respondent: str | None = None,
        team: str | None = None,
        store=None,
    ) -> None:
        self.companion = companion or VTPCompanion(form)
        records = PracticeRecords(
            self.companion.form,
            respondent=respondent,
            team=team,
            store=store,
            title=lambda a: str(a.get("practice_case") or ""),
        )
        self.records = RecordsBar(records, lambda: self.companion.answers(), self.load)
        areas = self.companion.areas
        self.area = w.Dropdown(
            options=[(a.title, a.id) for a in areas], description="Area", layout=_WIDE
        )
        self.show_prompts = toggle("Show prompts")
        self.prompts = w.HTML()
        self.notes = w.Textarea(
            placeholder="What the person chose to share, in their words",
            layout=w.Layout(width="95%", height="8em"),
        )
        self.status = w.ToggleButtons(
            options=[(_STATUS_LABELS[s], s) for s in STATUSES], style=FIT_BUTTONS
        )
        self.progress = w.HTML()
        self._loading = False
        self.area.observe(lambda _: self._show_area(), names="value")
        self.show_prompts.observe(lambda _: self._show_prompts(), names="value")
        self.notes.observe(self._save, names="value")
        self.status.observe(self._save, names="value")
        opening = w.HTML(f"<p><i>{escape(self.companion.opening)}</i></p>")
        super().__init__(
            [
                opening,
                self.area,
                self.show_prompts,
                self.prompts,
                self.notes,
                self.status,
                self.progress,
                self.records,
            ]
        )
        self._show_area()

    def load(self, answers: dict[str, Any]) -> None:
        """Carry on a saved conversation."""
        self.companion = VTPCompanion.from_answers(answers, self.companion.form)
        self._show_area()

    def _show_area(self) -> None:
        self._loading = True
        self.notes.value = self.companion.notes[self.area.value]
        self.status.value = self.companion.status[self.area.value]
        self._loading = False
        self._show_prompts()
        self._show_progress()

    def _show_prompts(self) -> None:
        area = self.companion.area(self.area.value)
        html = ""
        if self.show_prompts.value:
            html = bullet_list(area.questions)
            if area.probes:
                html += "<p>Prompts: " + escape("; ".join(area.probes)) + "</p>"
        self.prompts.value = html

    def _save(self, change: dict[str, Any]) -> None:
        if self._loading:
            return
        area = self.area.value
        self.companion.mark(area, self.status.value)
        self.companion.write(area, self.notes.value)
        if self.status.value != self.companion.status[area]:
            self.status.value = self.companion.status[area]
        self._show_progress()
        self.records.changed(change)

    def _show_progress(self) -> None:
        done = self.companion.fraction_discussed()
        groups = self.companion.progress()
        html = f"<p><b>{done:.0%} of areas discussed.</b></p>"
        for status in STATUSES:
            html += f"<p>{_STATUS_LABELS[status]} ({len(groups[status])})</p>"
            html += bullet_list(groups[status])
        self.progress.value = html


class NarrativeTool(w.VBox):
    """A box per writing prompt, each with the person's choice of who it is for."""

    def __init__(self) -> None:
        self.narrative = Narrative()
        self.boxes: dict[str, w.Textarea] = {}
        self.sharing: dict[str, w.ToggleButtons] = {}
        rows = []
        options = [(s["label"], s["id"]) for s in sharing_options()]
        for prompt in narrative_prompts():
            box = w.Textarea(layout=_WIDE)
            share = w.ToggleButtons(options=options, style=FIT_BUTTONS)
            box.observe(lambda c, p=prompt["id"]: self.narrative.write(p, c["new"]), names="value")
            share.observe(
                lambda c, p=prompt["id"]: self.narrative.share(p, c["new"]), names="value"
            )
            self.boxes[prompt["id"]], self.sharing[prompt["id"]] = box, share
            rows.append(w.VBox([w.HTML(f"<b>{escape(prompt['text'])}</b>"), box, share]))
        self.show_button = button("Show what I am sharing", button_style="primary")
        self.shared = w.HTML()
        self.show_button.on_click(lambda _: self.show_shared())
        super().__init__([*rows, self.show_button, self.shared])

    def show_shared(self) -> None:
        """Only the pieces marked for the worker; private pieces are counted, never shown."""
        pieces = self.narrative.shared_with("worker")
        html = "".join(f"<p><b>{escape(q)}</b><br>{paragraphs(t)}</p>" for q, t in pieces)
        html = html or "<i>Nothing is marked to share with the worker yet.</i>"
        kept = self.narrative.kept_private()
        if kept:
            html += f"<p><i>{kept} piece(s) kept for yourself or others, not shown here.</i></p>"
        self.shared.value = html


class SummaryTool(w.VBox):
    """Draft the Appendix 8 record from the conversation, edit it together, and read it back."""

    def __init__(
        self,
        companion: VTPCompanion,
        worksheet: dict[str, Any] | None = None,
        goals: list[str] | None = None,
        practice_case: str = "",
    ) -> None:
        self.companion = companion
        self.worksheet = worksheet or {}
        self.practice_case = practice_case or companion.practice_case
        self.include = {
            a.id: w.Checkbox(
                value=bool(companion.notes[a.id].strip()),
                description=a.title,
                indent=False,
                layout=w.Layout(width="auto"),
            )
            for a in companion.areas
        }
        self.draft_button = button("Draft from the conversation")
        self.values = w.Textarea(layout=w.Layout(width="95%", height="8em"))
        drafts = draft_strengths(self.worksheet)
        self.strengths = {k: w.Textarea(value=v, layout=_WIDE) for k, v in drafts.items()}
        self.goals = w.Textarea(
            value="\n".join(goals or []), placeholder="One goal per line", layout=_WIDE
        )
        self.agreed = w.Checkbox(description="Agreed with the person", indent=False)
        self.show_button = button("Show the record", button_style="primary")
        self.output = w.HTML()
        self.draft_button.on_click(lambda _: self.draft())
        self.show_button.on_click(lambda _: self.show())
        super().__init__(
            [
                w.HTML("<b>Areas the person agrees to include</b>"),
                w.VBox(list(self.include.values())),
                self.draft_button,
                *self._headed_boxes(),
                self.agreed,
                self.show_button,
                self.output,
            ]
        )

    def _headed_boxes(self) -> list[w.Widget]:
        """The boxes under the Appendix 8 record's headings and labels, whole: most are too long
        for a description beside the box ("Occupational e.g. educational, vocational, leisure")."""
        headings, labels = dict(RECORD_HEADINGS), record_labels()
        strengths = [
            w.VBox([w.HTML(escape(labels.get(key, key))), box])
            for key, box in self.strengths.items()
        ]
        return [
            w.VBox([w.HTML(f"<b>{escape(headings['values_summary'])}</b>"), self.values]),
            w.HTML(f"<b>{escape(headings['strengths'])}</b>"),
            *strengths,
            w.VBox([w.HTML(f"<b>{escape(headings['goals'])}</b>"), self.goals]),
        ]

    def draft(self) -> None:
        chosen = [a for a, box in self.include.items() if box.value]
        self.values.value = draft_values_summary(self.companion, chosen)

    def record(self) -> dict[str, Any]:
        strengths = {k: box.value for k, box in self.strengths.items()}
        return compose_record(
            self.values.value, strengths, self.goals.value.splitlines(), self.practice_case
        )

    def show(self) -> None:
        status = "Agreed with the person." if self.agreed.value else "Draft: not yet agreed."
        self.output.value = (
            f"<p><b>{status}</b></p>"
            f"<pre style='white-space:pre-wrap'>{escape(record_text(self.record()))}</pre>"
        )
