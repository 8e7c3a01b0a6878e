"""Reflection sessions: a facilitator opens one for a room, people join by a short link or a
QR code, and every response made through it carries the session's code."""

from __future__ import annotations

import datetime as dt
import io
import secrets
from dataclasses import dataclass
from functools import cache
from typing import Any
from urllib.parse import urljoin

import qrcode
import qrcode.image.svg
from sqlalchemy import select, update

from refocus_kit.forms.loader import load_form, load_forms
from refocus_kit.forms.model import Room
from refocus_kit.forms.validate import AnswersError, FieldError
from refocus_kit.programme import MODES, Strategy, programme
from refocus_kit.store.store import Store, check_label
from refocus_kit.store.tables import sessions

__all__ = [
    "MAX_EXPECTED",
    "MODES",
    "Session",
    "close_session",
    "default_mode",
    "get_session",
    "open_session",
    "open_sessions",
    "participant_forms",
    "prefill",
    "qr_svg",
    "room_only",
    "series",
    "series_length",
    "short_link",
    "team_sessions",
]


@cache
def participant_forms() -> tuple[str, ...]:
    """The forms offered on the participant pages: those whose definition names them for
    participants, in file order."""
    return tuple(f.id for f in load_forms().values() if "participant" in f.audience)


TRAINER_LED = (1, 2, 3)  # the strategies the programme's trainers deliver as sessions


def room_only(form_id: str) -> bool:
    """A form that a trainer-led session opens for its room (a session's discussion): people
    reach it through the session's link, so the landing page does not list it and no page is
    kept warm for it until a session of it opens."""
    strategy = series(form_id)[1]
    return strategy is not None and strategy.number in TRAINER_LED


def series(form_id: str) -> tuple[Room | None, Strategy | None]:
    """How a room form relates to the programme: its room fields and the strategy whose
    events it records (both None for a form that records no strategy)."""
    room = load_form(form_id).room
    return room, programme().strategy(room.strategy) if room else None


def series_length(form_id: str) -> int | None:
    """How many numbered events the form's strategy holds (9 team sessions, 6 manager
    groups), or None where the form's events are not numbered."""
    strategy = series(form_id)[1]
    numbered = len(strategy.numbered) if strategy else 0
    return numbered or None


def default_mode(form_id: str, number: int | None) -> str:
    """Facilitated or self-organised, as the programme plans the event (facilitated where it
    does not say)."""
    strategy = series(form_id)[1]
    if strategy is None:
        return "facilitated"
    if number is not None:
        numbered = {e.number: e for e in strategy.numbered}
        return numbered[number].mode if number in numbered else "facilitated"
    return strategy.events[0].mode if len(strategy.events) == 1 else "facilitated"


MAX_EXPECTED = 200
# No 0/O, 1/I/L: codes are read aloud and typed from a projector.
_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


@dataclass(frozen=True)
class Session:
    code: str
    form_id: str
    team: str
    number: int | None
    held_on: dt.date
    mode: str
    anonymous: bool
    expected: int
    opened_at: dt.datetime
    closed_at: dt.datetime | None
    demo: bool = False  # the kit's fictional demo session

    @property
    def is_open(self) -> bool:
        return self.closed_at is None

    @property
    def title(self) -> str:
        form = load_form(self.form_id)
        numbered = form.room is not None and form.room.number_field is not None
        number = f" {self.number}" if self.number and numbered else ""  # else the title names it
        return f"{form.title}{number}: {self.team}, {self.held_on:%d %B %Y}"


def _new_code() -> str:
    return "".join(secrets.choice(_ALPHABET) for _ in range(6))


def _check(form_id: str, team: str, number: int | None, mode: str, expected: int) -> None:
    errors = check_label("team", team)
    if form_id not in participant_forms():
        errors.append(FieldError("form_id", "Form", f"{form_id!r} is not a participant form"))
    limit = series_length(form_id) if form_id in participant_forms() else None
    if number is not None and (number < 1 or (limit and number > limit)):
        errors.append(FieldError("number", "Session number", f"must be 1 to {limit}"))
    if mode not in MODES:
        errors.append(FieldError("mode", "Mode", f"choose one of {', '.join(MODES)}"))
    if not 1 <= expected <= MAX_EXPECTED:
        errors.append(FieldError("expected", "Expected people", f"must be 1 to {MAX_EXPECTED}"))
    if errors:
        raise AnswersError(errors)


def open_session(
    store: Store,
    form_id: str,
    team: str,
    *,
    number: int | None = None,
    held_on: dt.date | None = None,
    mode: str | None = None,
    anonymous: bool = False,
    expected: int = 12,
    demo: bool = False,
) -> Session:
    """Open a session for a room; the participant server warms up `expected` form pages.
    Without a mode, the manual's schedule says whether it is facilitated or self-organised."""
    if mode is None and form_id in participant_forms():
        mode = default_mode(form_id, number)
    _check(form_id, team, number, mode or "", expected)
    row: dict[str, Any] = {
        "form_id": form_id,
        "team": team,
        "number": number,
        "held_on": held_on or dt.date.today(),
        "mode": mode,
        "anonymous": anonymous,
        "expected": expected,
        "opened_at": dt.datetime.now(dt.UTC),
        "closed_at": None,
        "demo": demo,
    }
    with store.engine.begin() as conn:
        code = _new_code()
        while conn.execute(select(sessions.c.code).where(sessions.c.code == code)).first():
            code = _new_code()
        conn.execute(sessions.insert().values(code=code, **row))
    return Session(code=code, **row)


def get_session(store: Store, code: str) -> Session | None:
    """The session with this code (case-insensitive), or None."""
    code = (code or "").strip().upper()
    if not code or len(code) > 16:
        return None
    with store.engine.connect() as conn:
        row = conn.execute(select(sessions).where(sessions.c.code == code)).first()
    return Session(**row._mapping) if row else None


def open_sessions(store: Store, *, opened_since: dt.datetime | None = None) -> list[Session]:
    """Sessions not yet closed, oldest first (only those opened since a time, if given)."""
    query = select(sessions).where(sessions.c.closed_at.is_(None))
    if opened_since is not None:
        query = query.where(sessions.c.opened_at >= opened_since)
    with store.engine.connect() as conn:
        rows = conn.execute(query.order_by(sessions.c.opened_at)).all()
    return [Session(**row._mapping) for row in rows]


def team_sessions(store: Store, team: str | None = None) -> list[Session]:
    """Every session, open or closed, held earliest first (one team's, if given): what the
    progress review counts as held."""
    query = select(sessions).order_by(sessions.c.held_on, sessions.c.opened_at)
    if team is not None:
        query = query.where(sessions.c.team == team)
    with store.engine.connect() as conn:
        return [Session(**row._mapping) for row in conn.execute(query)]


def close_session(store: Store, code: str) -> bool:
    """Stop taking responses through the session; True if it was open."""
    with store.engine.begin() as conn:
        changed = conn.execute(
            update(sessions)
            .where(sessions.c.code == code.upper(), sessions.c.closed_at.is_(None))
            .values(closed_at=dt.datetime.now(dt.UTC))
        ).rowcount
    return bool(changed)


def prefill(session: Session) -> dict[str, object]:
    """Answers the session already knows (its number, month and format), to start the form."""
    room, strategy = series(session.form_id)
    answers: dict[str, object] = {}
    if room is None:
        return answers
    if session.number and room.number_field:
        answers[room.number_field] = f"{room.number_prefix}{session.number}"
        if room.month_field and strategy is not None:
            answers[room.month_field] = strategy.event(session.number).month
    if room.mode_field:
        answers[room.mode_field] = session.mode
    return answers


def short_link(base_url: str, code: str) -> str:
    """The link people type or scan: BASE/s/CODE."""
    return urljoin(base_url.rstrip("/") + "/", f"s/{code}")


def qr_svg(link: str) -> str:
    """The link as a QR code, in SVG for screens and printouts."""
    image = qrcode.make(link, image_factory=qrcode.image.svg.SvgPathImage, box_size=12)
    buffer = io.BytesIO()
    image.save(buffer)
    return buffer.getvalue().decode("utf-8")
