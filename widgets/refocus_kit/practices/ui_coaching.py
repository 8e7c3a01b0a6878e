"""Widget for following a REACH (manual, section 2.6) or GROW (section 5.3) coaching
conversation step by step in a role-play, noting what was agreed at each stage."""

from __future__ import annotations

from html import escape

import ipywidgets as w

from refocus_kit.practices.coaching import CoachingConversation
from refocus_kit.practices.ui_common import bullet_list, button, toggle
from refocus_kit.provenance import kit_own_note, quoted

__all__ = ["CoachingTool"]


class CoachingTool(w.VBox):
    """One stage at a time: its purpose, questions on request, and a box for notes."""

    def __init__(self, model: str = "REACH") -> None:
        self.conversation = CoachingConversation(model)
        self.heading = w.HTML()
        self.show_questions = toggle("Questions to try")
        self.questions = w.HTML()
        self.notes = w.Textarea(layout=w.Layout(width="95%", height="6em"))
        self.back_button = button("\u25c0 Back")
        self.next_button = button("Next \u25b6", button_style="primary")
        self.agreed_button = button("Show what was agreed")
        self.agreed = w.HTML()
        self.back_button.on_click(lambda _: self._move(self.conversation.back))
        self.next_button.on_click(lambda _: self._move(self.conversation.next))
        self.agreed_button.on_click(lambda _: self.show_agreed())
        self.show_questions.observe(lambda _: self._render(), names="value")
        super().__init__(
            [
                self.heading,
                self.show_questions,
                self.questions,
                self.notes,
                w.HBox([self.back_button, self.next_button, self.agreed_button]),
                self.agreed,
            ]
        )
        self._render()

    def _move(self, step) -> None:
        self.conversation.note(self.notes.value)
        step()
        self._render()

    def _render(self) -> None:
        conv = self.conversation
        stage = conv.stage
        self.heading.value = (
            f"<h4>{escape(conv.model)} stage {conv.position + 1} of {len(conv.stages)}: "
            f"{escape(stage.title)}</h4><p><i>{escape(quoted(stage.manual, conv.source))}</i></p>"
            f"<p>{escape(kit_own_note(stage.guide, 'guide'))}</p>"
        )
        label = f"<p>{escape(kit_own_note('Questions to try', 'questions'))}:</p>"
        questions = label + bullet_list(stage.questions)
        self.questions.value = questions if self.show_questions.value else ""
        self.notes.description = ""
        self.notes.placeholder = stage.record
        self.notes.value = conv.notes.get(stage.id, "")
        self.back_button.disabled = conv.position == 0
        self.next_button.disabled = conv.position == len(conv.stages) - 1

    def show_agreed(self) -> None:
        """The record of the conversation, stage by stage, with any gaps named."""
        self.conversation.note(self.notes.value)
        record = self.conversation.record()
        rows = "".join(
            f"<tr><th style='text-align:left'>{escape(s['title'])}</th>"
            f"<td>{escape(s['notes']) or '<i>nothing noted yet</i>'}</td></tr>"
            for s in record["stages"]
        )
        missing = self.conversation.missing()
        gaps = f"<p>Still to cover: {escape(', '.join(missing))}</p>" if missing else ""
        self.agreed.value = f"<h4>{escape(record['title'])}</h4><table>{rows}</table>{gaps}"
