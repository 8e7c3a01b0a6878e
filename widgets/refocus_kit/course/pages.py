"""The sessions' displays as HTML (headless, autoescaped): the agenda, the reading beforehand,
and the still face of a check and of the room for slides and handouts, where nothing runs."""

from __future__ import annotations

from markupsafe import Markup, escape

from refocus_kit.course.loader import session
from refocus_kit.course.model import Session
from refocus_kit.provenance import kit_own
from refocus_kit.templating import templates

__all__ = [
    "agenda_html",
    "before_html",
    "check_html",
    "clock",
    "duration",
    "inline_code",
    "room_html",
    "timed_agenda",
]


def inline_code(text: str) -> Markup:
    """Text with its `backticked` commands set as code, everything escaped."""
    parts = str(escape(text)).split("`")
    if len(parts) % 2 == 0:  # an unpaired backtick: leave the text as it is
        return Markup(escape(text))  # noqa: S704 - escaped
    return Markup(  # noqa: S704 - escaped above
        "".join(f"<code>{p}</code>" if i % 2 else p for i, p in enumerate(parts))
    )


def clock(minutes: int) -> str:
    """Running time from the start, clock-free: 0:00, 1:35."""
    return f"{minutes // 60}:{minutes % 60:02d}"


def duration(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    return " ".join(p for p in (f"{hours} h" if hours else "", f"{rest} min" if rest else "") if p)


def timed_agenda(found: Session) -> list[dict]:
    """Each part with its running start and end."""
    rows, start = [], 0
    for part in found.agenda:
        rows.append({"part": part, "start": clock(start), "end": clock(start + part.minutes)})
        start += part.minutes
    return rows


def _render(name: str, **values: object) -> str:
    return templates("refocus_kit.course").get_template(name).render(**values)


def _length_label(found: Session) -> str:
    total = duration(found.minutes)
    if found.length_kit_own:
        return f"{total} ({kit_own('length')}: the manual gives none)"
    return f"{total} ({found.event.length.label})" if found.event.length else total


def agenda_html(event_id: str) -> str:
    found = session(event_id)
    return _render(
        "agenda.html.j2",
        session=found,
        rows=timed_agenda(found),
        total=_length_label(found),
        breaks=duration(sum(p.minutes for p in found.agenda if p.is_break)),
    )


def before_html(event_id: str) -> str:
    return _render("before.html.j2", session=session(event_id), code=inline_code)


def check_html(event_id: str, check_id: str) -> str:
    """The check's question and items, without the answers (slides and handouts)."""
    check = session(event_id).check(check_id)
    return _render("check.html.j2", check=check, kit_own_label=kit_own("items"))


def room_html(event_id: str) -> str:
    """What the room answers on their phones: the discussion form's prompts."""
    from refocus_kit.forms.loader import load_form

    found = session(event_id)
    form = load_form(found.discussion) if found.discussion else None
    return _render("room.html.j2", form=form, kit_own_label=kit_own("question"))
