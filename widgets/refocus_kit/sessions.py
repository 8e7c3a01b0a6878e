"""Reflection sessions: a facilitator opens one for a room, people join by a short link or a
QR code, and every response made through it carries the session's code."""

from __future__ import annotations

import datetime as dt
import io
import secrets
from dataclasses import dataclass
from urllib.parse import urljoin

import qrcode
import qrcode.image.svg
from sqlalchemy import select, update

from refocus_kit.forms.loader import load_form
from refocus_kit.forms.validate import AnswersError, FieldError
from refocus_kit.store.store import Store, check_label
from refocus_kit.store.tables import sessions

__all__ = [
    "MODES",
    "PARTICIPANT_FORMS",
    "RoomForm",
    "Session",
    "close_session",
    "get_session",
    "open_session",
    "open_sessions",
    "prefill",
    "qr_svg",
    "short_link",
]


@dataclass(frozen=True)
class RoomForm:
    """How a participant form relates to the programme's sessions (manual, chapter 6)."""

    sessions: int | None = None  # how many the 18 months hold, if counted
    number_field: str | None = None  # the form's own field for the session number
    number_prefix: str = ""  # its option values are prefix + number
    months: tuple[int, ...] = ()  # the month of each session
    month_field: str | None = None
    mode_field: str | None = None
    self_organised: tuple[int, ...] = ()  # sessions the team runs itself

    def default_mode(self, number: int | None) -> str:
        return "self_organised" if number in self.self_organised else "facilitated"


PARTICIPANT_FORMS = {
    "team_reflection_session": RoomForm(
        9,
        "session_number",
        "s",
        (2, 4, 6, 8, 10, 12, 14, 16, 18),
        "month",
        "format",
        self_organised=(3, 4, 6, 7, 8, 9),
    ),
    "manager_reflection_group": RoomForm(6, "group_number", "g", (1, 3, 6, 9, 12, 15)),
    "supervision_reflection": RoomForm(),
    "partnership_project_proposal": RoomForm(),
}
MODES = ("facilitated", "self_organised")
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
        number = f" {self.number}" if self.number else ""
        return f"{form.title}{number}: {self.team}, {self.held_on:%d %B %Y}"


def _new_code() -> str:
    return "".join(secrets.choice(_ALPHABET) for _ in range(6))


def _check(form_id: str, team: str, number: int | None, mode: str, expected: int) -> None:
    errors = check_label("team", team)
    if form_id not in PARTICIPANT_FORMS:
        errors.append(FieldError("form_id", "Form", f"{form_id!r} is not a participant form"))
    limit = PARTICIPANT_FORMS[form_id].sessions if form_id in PARTICIPANT_FORMS else None
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
    if mode is None and form_id in PARTICIPANT_FORMS:
        mode = PARTICIPANT_FORMS[form_id].default_mode(number)
    _check(form_id, team, number, mode or "", expected)
    row = {
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
    room = PARTICIPANT_FORMS.get(session.form_id, RoomForm())
    answers: dict[str, object] = {}
    if session.number and room.number_field:
        answers[room.number_field] = f"{room.number_prefix}{session.number}"
        if room.month_field and session.number <= len(room.months):
            answers[room.month_field] = room.months[session.number - 1]
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
