"""What a session notebook calls: the agenda, the reading beforehand, a short check, and the
live room. Each call is one line in the notebook; the data comes from the session's YAML."""

from __future__ import annotations

import html

import ipywidgets as w
from IPython.display import HTML

from refocus_kit.course.checks import Marks, mark_check
from refocus_kit.course.loader import session
from refocus_kit.course.model import Check
from refocus_kit.course.pages import agenda_html, before_html
from refocus_kit.provenance import kit_own

__all__ = ["ChooseCheck", "agenda", "before", "check", "room"]

CHOOSE = "Choose…"


def agenda(event_id: str) -> HTML:
    """The session's agenda: running times, who leads, what the room does, and the total."""
    return HTML(agenda_html(event_id))


def before(event_id: str) -> HTML:
    """What to read or watch before the session."""
    return HTML(before_html(event_id))


class ChooseCheck(w.VBox):
    """One answer per item, from the check's options; Check answers marks each item, with its
    feedback, and the score. Everything shown is escaped."""

    def __init__(self, data: Check):
        self.data = data
        self.choices = [
            w.Dropdown(
                options=[(CHOOSE, None), *((o, o) for o in data.options)],
                value=None,
                layout=w.Layout(width="18em"),
            )
            for _ in data.items
        ]
        self.feedback = [w.HTML() for _ in data.items]
        self.score = w.HTML()
        self.mark_button = w.Button(description="Check answers", button_style="primary")
        self.mark_button.on_click(lambda _b: self.mark())
        rows = [
            w.VBox(
                [
                    w.HTML(f"<p><strong>{n}.</strong> {html.escape(item.text)}</p>"),
                    w.HBox([choice, feedback]),
                ]
            )
            for n, (item, choice, feedback) in enumerate(
                zip(data.items, self.choices, self.feedback, strict=True), start=1
            )
        ]
        notes = []
        if data.source:
            notes.append(html.escape(data.source))
        if data.kit_own:
            notes.append(f"{html.escape(kit_own('items').capitalize())}.")
        super().__init__(
            [
                w.HTML(f"<h3>{html.escape(data.prompt)}</h3>"),
                *rows,
                w.HBox([self.mark_button, self.score]),
                w.HTML("".join(f'<p class="refocus-source">{n}</p>' for n in notes)),
            ]
        )

    def mark(self) -> Marks:
        """Mark the answers chosen so far and show each item's feedback and the score."""
        marks = mark_check(self.data, [c.value for c in self.choices])
        for item, shown in zip(marks.items, self.feedback, strict=True):
            if not item.answered:
                shown.value = "<span>Not answered yet.</span>"
                continue
            verdict = "Right" if item.correct else f"Not quite: {html.escape(item.answer)}"
            shown.value = f"<span><strong>{verdict}.</strong> {html.escape(item.why)}</span>"
        self.score.value = f"<strong>{html.escape(marks.summary)}</strong>"
        return marks


KINDS = {"choose": ChooseCheck}


def check(event_id: str, check_id: str) -> w.Widget:
    """The session's check `check_id`, built by the widget its kind names."""
    data = session(event_id).check(check_id)
    return KINDS[data.kind](data)


def room(event_id: str) -> w.Widget:
    """The live room: a facilitator's desk for the session's discussion form (open a session,
    show its QR code and link, see the answers grouped as they arrive)."""
    from refocus_kit.facilitator.live import SessionDesk

    found = session(event_id)
    if not found.discussion:
        return w.HTML(f"<p>{html.escape(found.title)} has no discussion form for phones.</p>")
    return SessionDesk(form=found.discussion)
