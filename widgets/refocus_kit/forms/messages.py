"""How a problem with an answer is said: at the field itself, where the question is in view, as
a sentence that does not repeat it; and in the summary by the Submit button, under a short label
that links to the field, wherever on the page that field is."""

from __future__ import annotations

import html
from dataclasses import dataclass

from refocus_kit.forms.validate import FieldError

__all__ = ["Marked", "at_field", "short_label", "summary_html"]

SHORT_LABEL = 60  # characters of a question the summary shows (the kit's choice)


@dataclass(frozen=True)
class Marked:
    """An error shown at a field: the field's anchor (an element id) and its label as seen."""

    error: FieldError
    anchor: str
    label: str


def at_field(error: FieldError) -> str:
    """The message under the field: "This needs an answer.", not the question again."""
    text = error.message if error.sentence else f"This {error.message}"
    return text if text.endswith((".", "!", "?", ")")) else f"{text}."


def short_label(label: str) -> str:
    """The label cut at a word to at most SHORT_LABEL characters, with an ellipsis if cut."""
    if len(label) <= SHORT_LABEL:
        return label
    return label[: SHORT_LABEL - 1].rsplit(" ", 1)[0] + "…"


def _item(marked: Marked) -> str:
    link = f'<a href="#{marked.anchor}">{html.escape(short_label(marked.label))}</a>'
    joint = ": " if marked.error.sentence else " "
    return f"<li>{link}{joint}{html.escape(marked.error.message)}</li>"


def summary_html(errors: list[FieldError], marked: list[Marked]) -> str:
    """What was wrong, said by the Submit button: the fields' problems as links to them, then
    anything no single field holds (such as a form left blank)."""
    if not errors:
        return ""
    shown = {id(m.error) for m in marked}
    loose = [e for e in errors if id(e) not in shown]
    head = "<strong>Nothing was saved.</strong>"
    if marked:
        count = f"{len(marked)} answer{'s' if len(marked) != 1 else ''}"
        head += f" Please check {count}, marked in red:"
    items = [_item(m) for m in marked]
    items += [f"<li>{html.escape(e.message if e.sentence else str(e))}</li>" for e in loose]
    return (
        f'<div class="refocus-error-summary" role="alert"><p>{head}</p>'
        f"<ul>{''.join(items)}</ul></div>"
    )
