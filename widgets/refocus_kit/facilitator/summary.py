"""What a room said in one session, gathered for the facilitator: how many answered, the
enablers and blocks grouped and counted, recovery stories, and the actions agreed.

In an anonymous session nothing but the count is shown until enough people have answered that
no single person can be picked out."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from refocus_kit.forms.loader import load_form
from refocus_kit.sessions import Session, get_session
from refocus_kit.store.store import Response, Store

__all__ = ["ANONYMITY_THRESHOLD", "ROOM_FIELDS", "SessionSummary", "group_items", "summarise"]

ANONYMITY_THRESHOLD = 3
TEXT_KINDS = ("short_text", "long_text")
SIMILAR = 0.8  # how alike two points must read to count as the same point

# Which field of each room form holds what the summary gathers.
ROOM_FIELDS = {
    "team_reflection_session": {
        "enablers": "enablers",
        "blocks": "challenges",
        "stories": "recovery_stories",
        "progress": "progress",
        "actions": "actions",
    },
    "manager_reflection_group": {
        "enablers": "enablers",
        "blocks": "blocks",
        "progress": "progress",
        "problems": "problems",
        "actions": "agreed",
    },
}

# A point is a line; a bullet at the start of a line is dropped. Semicolons and dashes inside a
# line belong to the sentence ("Busy Mondays; shorter check-ins agreed" is one point).
_BULLET = re.compile(r"^\s*[-*•]\s+")


@dataclass(frozen=True)
class SessionSummary:
    session: Session
    count: int
    hidden: bool
    enablers: list[tuple[str, int]] = field(default_factory=list)
    blocks: list[tuple[str, int]] = field(default_factory=list)
    problems: list[tuple[str, int]] = field(default_factory=list)
    progress: list[str] = field(default_factory=list)
    stories: list[str] = field(default_factory=list)
    actions: list[dict[str, str]] = field(default_factory=list)
    # Any other room form (a session's discussion): each question's answers, grouped.
    questions: list[tuple[str, list[tuple[str, int]]]] = field(default_factory=list)


def _points(text: str) -> list[str]:
    lines = (_BULLET.sub("", line).strip().rstrip(".").strip() for line in text.splitlines())
    return [line for line in lines if line]


def _key(point: str) -> str:
    return re.sub(r"[^a-z0-9 ]", "", point.lower()).strip()


def group_items(texts: list[str]) -> list[tuple[str, int]]:
    """Split answers into points and count points that say the same thing, most said first."""
    groups: list[list] = []  # [first wording, key, count]
    for point in (p for text in texts for p in _points(text or "")):
        key = _key(point)
        match = next(
            (g for g in groups if SequenceMatcher(None, g[1], key).ratio() >= SIMILAR), None
        )
        if match:
            match[2] += 1
        else:
            groups.append([point, key, 1])
    ranked = sorted(groups, key=lambda g: -g[2])  # stable: ties keep the order they came in
    return [(wording, count) for wording, _key_, count in ranked]


def _texts(responses: list[Response], field_id: str | None) -> list[str]:
    return [r.answers[field_id] for r in responses if field_id and r.answers.get(field_id)]


def _questions(form_id: str, responses: list[Response]) -> list[tuple[str, list[tuple[str, int]]]]:
    """Each text question of the form, with the points its answers make, grouped."""
    form = load_form(form_id)
    asked = [f for f in form.fields if f.kind in TEXT_KINDS and f.id not in form.session_fields]
    grouped = [(f.label, group_items(_texts(responses, f.id))) for f in asked]
    return [(label, points) for label, points in grouped if points]


def summarise(store: Store, code: str) -> SessionSummary | None:
    """The session's summary, or None if there is no such session."""
    session = get_session(store, code)
    if session is None:
        return None
    responses = store.responses(session.form_id, session=session.code)
    hidden = session.anonymous and len(responses) < ANONYMITY_THRESHOLD
    fields = ROOM_FIELDS.get(session.form_id, {})
    if hidden:
        return SessionSummary(session, len(responses), hidden)
    if not fields:
        return SessionSummary(
            session, len(responses), hidden, questions=_questions(session.form_id, responses)
        )
    actions = [a for r in responses for a in r.answers.get(fields["actions"], [])]
    return SessionSummary(
        session,
        len(responses),
        hidden,
        enablers=group_items(_texts(responses, fields.get("enablers"))),
        blocks=group_items(_texts(responses, fields.get("blocks"))),
        problems=group_items(_texts(responses, fields.get("problems"))),
        progress=_texts(responses, fields.get("progress")),
        stories=_texts(responses, fields.get("stories")),
        actions=sorted(actions, key=lambda a: (a.get("by_when") or "9999", a.get("who", ""))),
    )
