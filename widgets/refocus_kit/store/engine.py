"""Open the database: SQLite in WAL mode with writers queued and readers never waiting, or
PostgreSQL by URL, with the kit's tables at this kit's schema revision (schema.py).

A failure of the database (locked, read-only, full, unreachable) comes out of every engine as
a StoreError, logged in one line; the SQL's parameters, which hold people's answers, are never
part of an error (`hide_parameters`)."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DatabaseError, OperationalError

from refocus_kit.config import settings
from refocus_kit.store.errors import StoreError, explain
from refocus_kit.store.schema import ensure_schema

__all__ = ["connect", "open_engine"]

_WRITING = "refocus_writing"
log = logging.getLogger(__name__)


def _sqlite_engine(url) -> Engine:
    if url.database and url.database != ":memory:":
        folder = Path(url.database).parent
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(explain(exc, url.database)) from None
    busy_timeout = settings().busy_timeout
    engine = create_engine(url, hide_parameters=True, connect_args={"timeout": busy_timeout})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        # Let SQLAlchemy, not the driver, decide when transactions start (see _on_begin).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={round(busy_timeout * 1000)}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):
        # A write takes the write lock up front: a deferred transaction that later writes can
        # fail with "database is locked" instead of waiting its turn. A read takes no lock, so
        # that it never waits on a writer (WAL), not even one that holds the lock for minutes.
        writing = conn.get_execution_options().get(_WRITING, False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if writing else "BEGIN")

    @contextlib.contextmanager
    def begin() -> Iterator[Connection]:
        """Engine.begin(), which is how the kit writes (engine.connect() is how it reads),
        marked as a write for _on_begin."""
        with engine.connect() as conn:
            conn.execution_options(**{_WRITING: True})
            with conn.begin():
                yield conn

    engine.begin = begin  # type: ignore[method-assign]  # writes marked for _on_begin
    return engine


def _plain_errors(engine: Engine, database: str | None) -> None:
    """Turn the database's own failures into a StoreError, logged in one line that names the
    statement's verb and table but none of its values."""

    @event.listens_for(engine, "handle_error")
    def _on_error(context):
        error = context.sqlalchemy_exception
        if not isinstance(error, OperationalError) and type(error) is not DatabaseError:
            return None  # a constraint (a submission stored twice) or a bug: the caller's
        message = explain(error, database)
        words = (context.statement or "connect").split()
        begun = {"BEGIN": "a read", "BEGIN IMMEDIATE": "a write"}
        doing = begun.get(" ".join(words[:2])) or " ".join(words[:3])
        log.warning("store: %s failed: %s", doing, message)
        return StoreError(message)


def connect(url: str) -> Engine:
    """An engine for the URL, whatever its tables (to back up, restore or upgrade it)."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        engine = _sqlite_engine(parsed)
        _plain_errors(engine, parsed.database)
    else:
        engine = create_engine(parsed, pool_pre_ping=True, hide_parameters=True)
        _plain_errors(engine, None)
    return engine


def open_engine(url: str) -> Engine:
    """An engine for the URL with the kit's tables in place at this kit's revision."""
    engine = connect(url)
    try:
        ensure_schema(engine)
    except BaseException:
        engine.dispose()
        raise
    return engine
