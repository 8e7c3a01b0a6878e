"""The response store: every answer the kit collects, with its full history.

An edit adds a revision and never overwrites; deletion happens only on request (a respondent's
data) or by the retention rule (purge), both from the command line.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
import re
import uuid
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Engine,
    String,
    bindparam,
    delete,
    event,
    func,
    select,
    type_coerce,
    update,
)
from sqlalchemy.engine import make_url
from sqlalchemy.exc import IntegrityError
from sqlalchemy.pool import SingletonThreadPool

from refocus_kit.config import settings
from refocus_kit.forms.loader import load_form
from refocus_kit.forms.model import Form
from refocus_kit.forms.safety import contains_nhs_number, control_characters
from refocus_kit.forms.validate import AnswersError, FieldError, fit_draft, validate_answers
from refocus_kit.store.engine import open_engine
from refocus_kit.store.tables import as_utc, drafts, responses, revisions, sessions

__all__ = [
    "ROW_FIELDS",
    "Response",
    "Revision",
    "Store",
    "check_label",
    "stored_answers",
    "stored_iso",
    "stored_time",
]

# What `Store.scan` gives for each response, in order (and its answers last, when asked for).
ROW_FIELDS = ("id", "form_id", "form_version", "team", "session", "respondent", "created_at",
              "updated_at", "revision", "demo")  # fmt: skip

# A submit's statements, compiled once (their values come with each execution).
_INSERT_RESPONSE = responses.insert()
_INSERT_REVISION = revisions.insert()
_DELETE_DRAFT = delete(drafts).where(drafts.c.key == bindparam("key"))
_DEMO_SESSION = select(sessions.c.demo).where(sessions.c.code == bindparam("code"))

_PSEUDONYM = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.@-]{0,63}$")
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Response:
    """A response as it stands now (its latest revision)."""

    id: str
    form_id: str
    form_version: int
    team: str | None
    session: str | None
    respondent: str | None
    created_at: dt.datetime
    updated_at: dt.datetime
    revision: int
    answers: dict[str, Any]
    demo: bool = False  # the kit's fictional demo data


@dataclass(frozen=True)
class Revision:
    number: int
    form_version: int
    answers: dict[str, Any]
    created_at: dt.datetime
    editor: str | None


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _response_row(
    form: Form,
    team: str | None,
    session: str | None,
    respondent: str | None,
    submission_id: str | None,
    made_at: dt.datetime,
) -> dict[str, Any]:
    """A new response's row, its times in UTC as UTCDateTime stores them ("demo" to come)."""
    made_at = made_at.astimezone(dt.UTC)
    return {
        "id": uuid.uuid4().hex,
        "submission_id": submission_id or uuid.uuid4().hex,
        "form_id": form.id,
        "form_version": form.version,
        "team": team,
        "session": session,
        "respondent": respondent,
        "created_at": made_at,
        "updated_at": made_at,
        "revision": 1,
    }


class _CompiledOnly(Exception):
    """Stops a statement between its compiling and its running (Store.warm_submit)."""


def _compiled_only(_conn, _cursor, statement: str, *_args: Any) -> None:
    if not statement.startswith("BEGIN"):  # the transaction's own start may run (SQLite)
        raise _CompiledOnly


def _first_revision(response: dict[str, Any], answers: dict[str, Any]) -> dict[str, Any]:
    return {
        "response_id": response["id"],
        "number": 1,
        "form_version": response["form_version"],
        "answers": answers,
        "created_at": response["created_at"],
        "editor": response["respondent"],
    }


def stored_time(value: str | dt.datetime) -> dt.datetime:
    """A stored timestamp as UTCDateTime hands it back, timezone-aware: SQLite keeps text in
    UTC without a zone, PostgreSQL's driver gives a datetime."""
    return as_utc(dt.datetime.fromisoformat(value) if isinstance(value, str) else value)


def stored_iso(value: str | dt.datetime) -> str:
    """`stored_time(value).isoformat()`, made from SQLite's text without a datetime between."""
    if isinstance(value, str) and len(value) == 26 and value[10] == " " and value[19] == ".":
        fraction = "" if value.endswith(".000000") else value[19:]
        return f"{value[:10]}T{value[11:19]}{fraction}+00:00"
    return stored_time(value).isoformat()


def stored_answers(value: str | dict[str, Any]) -> dict[str, Any]:
    """Stored answers as the JSON column hands them back (PostgreSQL's driver parses them)."""
    if not isinstance(value, str):
        return value
    try:  # the text as the store writes it: json.loads' own look at its ends costs a third more
        return _DECODE(value)[0]
    except ValueError:
        return json.loads(value)


_DECODE = json.JSONDecoder().raw_decode


def check_label(name: str, value: str | None, limit: int = 120) -> list[FieldError]:
    """Team and session labels: short, printable, and never a patient identifier."""
    if value is None:
        return []
    problems = []
    if not isinstance(value, str) or not value.strip():
        problems.append("must be non-empty text")
    elif len(value) > limit:
        problems.append(f"is {len(value)} characters long; the limit is {limit}")
    elif control_characters(value):
        problems.append("contains control characters")
    elif contains_nhs_number(value):
        problems.append("looks like an NHS number; use a team or session name instead")
    return [FieldError(name, name.capitalize(), p) for p in problems]


def _check_respondent(form: Form, respondent: str | None) -> list[FieldError]:
    def error(message: str) -> list[FieldError]:
        return [FieldError("respondent", "Respondent", message)]

    if respondent is None:
        return error("this form needs a respondent id") if form.respondent == "required" else []
    if form.respondent == "none":
        return error("this form is anonymous: no respondent id is kept")
    if not isinstance(respondent, str) or not _PSEUDONYM.match(respondent):
        return error("use a pseudonymous id of letters, digits and . _ @ - (at most 64)")
    if contains_nhs_number(respondent):
        return error("looks like an NHS number; use a pseudonymous id instead")
    return []


def _known(fields: Sequence[str]) -> None:
    """Refuse, naming them, fields that are not ROW_FIELDS."""
    unknown = set(fields) - set(ROW_FIELDS)
    if unknown:
        raise ValueError(f"no such response fields: {', '.join(sorted(unknown))}")


class Store:
    """Responses and drafts in SQLite (the default, in the data folder) or PostgreSQL."""

    def __init__(self, url: str | None = None, engine: Engine | None = None):
        self.url = url or settings().store_url
        self.engine = engine or open_engine(self.url)

    @classmethod
    def existing(cls, url: str | None = None) -> Store | None:
        """The store if it has been made, else None, creating nothing: for views that only
        read, so that opening them leaves the data folder as it was."""
        url = url or settings().store_url
        parsed = make_url(url)
        on_disk = parsed.get_backend_name() == "sqlite" and parsed.database not in ("", ":memory:")
        if on_disk and parsed.database and not Path(parsed.database).exists():
            return None
        return cls(url)

    @property
    def shared_by_threads(self) -> bool:
        """Whether any thread reads the same database (not so an in-memory SQLite, of which
        each thread is given one of its own)."""
        return not isinstance(self.engine.pool, SingletonThreadPool)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # -- writing -------------------------------------------------------------------------
    def submit(
        self,
        form: Form | str,
        answers: dict[str, Any],
        *,
        team: str | None = None,
        session: str | None = None,
        respondent: str | None = None,
        submission_id: str | None = None,
        demo: bool = False,
        discard_draft: str | None = None,
        made_at: dt.datetime | None = None,
    ) -> Response:
        """Validate and store a new response, and let go of the draft under `discard_draft` in
        the same transaction (one write, not two). Submitting the same submission_id twice (a
        double click, a retried request) stores it once and returns the first. A response is
        demo data if `demo` says so or it was made through a demo session. `made_at` dates it
        in the past (the demo's programme, a paper form transcribed late); now by default."""
        form = load_form(form) if isinstance(form, str) else form
        errors = (
            check_label("team", team)
            + check_label("session", session)
            + _check_respondent(form, respondent)
        )
        try:
            cleaned = validate_answers(form, answers)
        except AnswersError as exc:
            errors += exc.errors
        if errors:
            raise AnswersError(errors)
        row = _response_row(form, team, session, respondent, submission_id, made_at or _now())
        try:
            with self.engine.begin() as conn:
                row["demo"] = demo or self._demo_session(conn, session)
                # Statements without values of their own are compiled once and cached: a room's
                # submits cost the kernel a third of building each statement afresh.
                conn.execute(_INSERT_RESPONSE, row)
                conn.execute(_INSERT_REVISION, _first_revision(row, cleaned))
                if discard_draft:
                    conn.execute(_DELETE_DRAFT, {"key": discard_draft})
        except IntegrityError:
            existing = self._by_submission(row["submission_id"])
            if existing is None:
                raise
            if discard_draft:
                self.discard_draft(discard_draft)
            return existing
        # What was written, as a read would hand it back (answers through JSON), not re-read.
        stored = json.loads(json.dumps(cleaned))
        return Response(**{name: row[name] for name in ROW_FIELDS}, answers=stored)

    def warm_submit(self, form: Form) -> None:
        """Compile a submit's statements without running them, so that a page's first submit
        finds them ready: some 5 ms less between a click and "saved". Nothing reaches the
        database, so no lock is taken and a store that takes no writes is no matter."""
        row = {**_response_row(form, None, None, None, None, _now()), "demo": False}
        statements = [
            (_INSERT_RESPONSE, row),
            (_INSERT_REVISION, _first_revision(row, {})),
            (_DELETE_DRAFT, {"key": row["id"]}),
            (_DEMO_SESSION, {"code": row["id"]}),
        ]
        with self.engine.connect() as conn:
            event.listen(conn, "before_cursor_execute", _compiled_only)
            for statement, parameters in statements:
                with contextlib.suppress(_CompiledOnly):  # compiled and cached, then stopped
                    conn.execute(statement, parameters)
                conn.rollback()

    def revise(
        self,
        response_id: str,
        answers: dict[str, Any],
        *,
        editor: str | None = None,
        form: Form | None = None,
        discard_draft: str | None = None,
    ) -> Response:
        """Store edited answers as the response's next revision (and let go of the draft under
        `discard_draft`, in the same transaction)."""
        form = form or load_form(self.get(response_id).form_id)
        cleaned = validate_answers(form, answers)
        now = _now()
        with self.engine.begin() as conn:
            number = conn.execute(
                update(responses)
                .where(responses.c.id == response_id)
                .values(
                    revision=responses.c.revision + 1, updated_at=now, form_version=form.version
                )
                .returning(responses.c.revision)
            ).scalar_one()
            conn.execute(
                revisions.insert().values(
                    response_id=response_id,
                    number=number,
                    form_version=form.version,
                    answers=cleaned,
                    created_at=now,
                    editor=editor,
                )
            )
            if discard_draft:
                conn.execute(_DELETE_DRAFT, {"key": discard_draft})
        return self.get(response_id)

    @staticmethod
    def _demo_session(conn, code: str | None) -> bool:
        if code is None:
            return False
        return bool(conn.execute(_DEMO_SESSION, {"code": code}).scalar())

    # -- reading -------------------------------------------------------------------------
    # Timestamps and answers are read as the driver gives them and converted by stored_time
    # and stored_answers, as the column types would, but only where needed: reading many
    # responses (an export, the progress review) costs much less.
    @staticmethod
    def _query(fields: Sequence[str] = ROW_FIELDS, answers: bool = True):
        columns = [
            responses.c[name] if name not in ("created_at", "updated_at")
            else type_coerce(responses.c[name], String).label(name)
            for name in fields
        ]  # fmt: skip
        if not answers:
            return select(*columns)
        return select(*columns, type_coerce(revisions.c.answers, String).label("answers")).join(
            revisions,
            (revisions.c.response_id == responses.c.id)
            & (revisions.c.number == responses.c.revision),
        )

    @staticmethod
    def _response(row: Sequence[Any]) -> Response:
        """A row of ROW_FIELDS and the answers, as the driver hands it back, as a Response."""
        id_, form_id, version, team, session, respondent, created, updated, revision = row[:9]
        return Response(id_, form_id, version, team, session, respondent, stored_time(created),
                        stored_time(updated), revision, answers=stored_answers(row[10]),
                        demo=bool(row[9]))  # fmt: skip

    def _by_submission(self, submission_id: str) -> Response | None:
        with self.engine.connect() as conn:
            row = conn.execute(
                self._query().where(responses.c.submission_id == submission_id)
            ).first()
        return self._response(row) if row else None

    def get(self, response_id: str) -> Response:
        with self.engine.connect() as conn:
            row = conn.execute(self._query().where(responses.c.id == response_id)).first()
        if row is None:
            raise KeyError(f"no response {response_id!r}")
        return self._response(row)

    def scan(
        self,
        form_ids: Collection[str] | None = None,
        *,
        fields: Sequence[str] = ROW_FIELDS,
        answers: bool = True,
        team: str | None = None,
        session: str | None = None,
        respondent: str | None = None,
    ) -> Sequence[Sequence[Any]]:
        """Responses as they stand now, oldest first, as the database driver hands them back:
        one row each of the `fields` named (of ROW_FIELDS) and the answers (unless
        `answers=False`), for `stored_time`, `stored_iso` and `stored_answers` to read (and
        `demo` true or false, not always a bool: SQLite's 1). Of the forms named (all if None),
        filtered by whatever else is given. For reading many responses without an object for
        each (the tidy export)."""
        _known(fields)
        query = self._query(fields, answers).order_by(responses.c.created_at, responses.c.id)
        if form_ids is not None:
            query = query.where(responses.c.form_id.in_(sorted(form_ids)))
        for column, value in (("team", team), ("session", session), ("respondent", respondent)):
            if value is not None:
                query = query.where(responses.c[column] == value)
        with self.engine.connect() as conn:
            # The driver's own rows: a Row object each would cost more than the reading.
            return conn.execute(query).cursor.fetchall()

    def counted(
        self, by: Sequence[str], *, excluding: Collection[str] = ()
    ) -> Sequence[Sequence[Any]]:
        """How many responses there are per month they were made (in UTC): one row per group of
        the `by` fields (of ROW_FIELDS) and month, as the driver hands it back: those fields,
        the month ("YYYY-MM"), how many, and the day of the first ("YYYY-MM-DD"); oldest first.
        Of every form but those `excluding` names. Counted by the database, so that no row per
        response is made (and while it counts, Python's lock is free: store/ahead.py)."""
        _known(by)
        keys = [responses.c[name] for name in by]
        month = self._utc_text(responses.c.created_at, "YYYY-MM").label("month")
        first = func.min(responses.c.created_at)
        query = select(*keys, month, func.count(), self._utc_text(first, "YYYY-MM-DD"))
        if excluding:
            query = query.where(responses.c.form_id.not_in(sorted(excluding)))
        query = query.group_by(*keys, month).order_by(first, *keys)
        with self.engine.connect() as conn:
            return conn.execute(query).cursor.fetchall()

    def _utc_text(self, made, pattern: str):
        """A stored timestamp's UTC date or month, as text, in SQL: `pattern` is "YYYY-MM-DD"
        or "YYYY-MM". SQLite keeps the timestamp as text in UTC, which begins with it."""
        if self.engine.dialect.name == "sqlite":
            return func.substr(type_coerce(made, String), 1, len(pattern))
        return func.to_char(func.timezone("UTC", made), pattern)

    def responses(
        self,
        form_id: str | None = None,
        *,
        team: str | None = None,
        session: str | None = None,
        respondent: str | None = None,
    ) -> list[Response]:
        """Responses as they stand now, oldest first, filtered by whatever is given."""
        found = self.scan(
            None if form_id is None else [form_id],
            team=team,
            session=session,
            respondent=respondent,
        )
        return [self._response(row) for row in found]

    def count(self, form_id: str | None = None, *, session: str | None = None) -> int:
        query = select(func.count()).select_from(responses)
        if form_id is not None:
            query = query.where(responses.c.form_id == form_id)
        if session is not None:
            query = query.where(responses.c.session == session)
        with self.engine.connect() as conn:
            return conn.execute(query).scalar_one()

    def history(self, response_id: str) -> list[Revision]:
        """Every revision of a response, first to last."""
        query = (
            select(revisions)
            .where(revisions.c.response_id == response_id)
            .order_by(revisions.c.number)
        )
        with self.engine.connect() as conn:
            rows = conn.execute(query).all()
        if not rows:
            raise KeyError(f"no response {response_id!r}")
        return [Revision(r.number, r.form_version, r.answers, r.created_at, r.editor) for r in rows]

    # -- drafts --------------------------------------------------------------------------
    def save_draft(
        self, key: str, form: Form | str, answers: dict[str, Any], respondent: str | None = None
    ) -> list[FieldError]:
        """Keep work in progress, unfinished as it may be, so that a closed tab or a dead kernel
        loses nothing; but never more than a submit would accept (fit_draft). Returns a note
        for each answer trimmed or left out, for the person to see."""
        form = load_form(form) if isinstance(form, str) else form
        answers, notes = fit_draft(form, answers)
        if notes:
            fields = ", ".join(note.path for note in notes)
            log.info("draft of %s: %d answers kept only in part (%s)", form.id, len(notes), fields)
        form_id, now = form.id, _now()
        with self.engine.begin() as conn:
            changed = conn.execute(
                update(drafts)
                .where(drafts.c.key == key)
                .values(answers=answers, updated_at=now, form_id=form_id, respondent=respondent)
            ).rowcount
            if not changed:
                conn.execute(
                    drafts.insert().values(
                        key=key,
                        form_id=form_id,
                        answers=answers,
                        updated_at=now,
                        respondent=respondent,
                    )
                )
        return notes

    def load_draft(self, key: str) -> dict[str, Any] | None:
        with self.engine.connect() as conn:
            return conn.execute(select(drafts.c.answers).where(drafts.c.key == key)).scalar()

    def discard_draft(self, key: str) -> None:
        with self.engine.begin() as conn:
            conn.execute(delete(drafts).where(drafts.c.key == key))

    # -- removal -------------------------------------------------------------------------
    def _delete_responses(self, conn, condition) -> int:
        ids = select(responses.c.id).where(condition)
        conn.execute(delete(revisions).where(revisions.c.response_id.in_(ids)))
        return conn.execute(delete(responses).where(condition)).rowcount

    def delete_respondent(self, respondent: str) -> int:
        """Remove everything a respondent submitted or drafted, with its history."""
        with self.engine.begin() as conn:
            count = self._delete_responses(conn, responses.c.respondent == respondent)
            conn.execute(delete(drafts).where(drafts.c.respondent == respondent))
        return count

    def delete_demo(self) -> tuple[int, int]:
        """Remove the demo data, and nothing else: every response and session marked demo.
        Returns how many responses and sessions went."""
        with self.engine.begin() as conn:
            count = self._delete_responses(conn, responses.c.demo)
            closed = conn.execute(delete(sessions).where(sessions.c.demo)).rowcount
        return count, closed

    def purge(self, older_than: dt.timedelta) -> int:
        """Remove responses (and drafts) untouched for longer than the retention period."""
        cutoff = _now() - older_than
        with self.engine.begin() as conn:
            count = self._delete_responses(conn, responses.c.updated_at < cutoff)
            conn.execute(delete(drafts).where(drafts.c.updated_at < cutoff))
        return count
