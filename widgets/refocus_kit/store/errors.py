"""Store failures in one line that says what to do: never the SQL, never its parameters (which
hold people's answers), never a traceback for a participant or a facilitator to read."""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path

from sqlalchemy.exc import DBAPIError

__all__ = ["StoreError", "explain"]

# What SQLite says (its error name, else its message) -> what the person should do.
_LOCKED = (
    "the database is locked by another process (a backup, or another program holding it "
    "open); try again in a moment"
)
_READ_ONLY = (
    "cannot write to {folder}: the folder or its database is read-only; make it writable, "
    "or set REFOCUS_DATA_DIR to a folder that is"
)
_FULL = "the disk holding {folder} is full; free some space and try again"
_NOT_A_FOLDER = (
    "cannot use {folder} as the data folder: it, or a folder above it, is a file; set "
    "REFOCUS_DATA_DIR to a folder"
)
_IO = "the disk holding {folder} could not be read or written; check the disk and try again"
_NOT_A_DATABASE = "{path} is not a database the kit can read (damaged?); restore it from a backup"
_SQLITE = [
    (("SQLITE_BUSY", "SQLITE_LOCKED", "database is locked", "table is locked"), _LOCKED),
    (("SQLITE_READONLY", "readonly database", "SQLITE_CANTOPEN", "unable to open"), _READ_ONLY),
    (("SQLITE_FULL", "disk is full"), _FULL),
    (("SQLITE_NOTADB", "SQLITE_CORRUPT", "not a database", "malformed"), _NOT_A_DATABASE),
    (("SQLITE_IOERR", "disk I/O error"), _IO),
]
_OS = {
    errno.EACCES: _READ_ONLY,
    errno.EPERM: _READ_ONLY,
    errno.EROFS: _READ_ONLY,
    errno.ENOSPC: _FULL,
    errno.EDQUOT: _FULL,
    errno.EIO: _IO,
    errno.EEXIST: _NOT_A_FOLDER,
    errno.ENOTDIR: _NOT_A_FOLDER,
}


class StoreError(RuntimeError):
    """The store could not be read or written; the message says why and what to do, and
    carries no SQL and no answers."""


def _first_line(text: str) -> str:
    return (text.strip().splitlines() or [""])[0][:200]


def explain(exc: BaseException, database: str | Path | None = None) -> str:
    """One line for a store failure: what went wrong and what to do. `database` is the SQLite
    file (or None for a server database)."""
    if isinstance(exc, StoreError):
        return str(exc)
    path = Path(database) if database else None
    where = {"folder": path.parent if path else "the data folder", "path": path or "the store"}
    cause = exc.orig if isinstance(exc, DBAPIError) and exc.orig is not None else exc
    if isinstance(cause, OSError) and cause.errno in _OS:
        return _OS[cause.errno].format(**where)
    if isinstance(cause, sqlite3.Error) or path is not None:
        said = f"{getattr(cause, 'sqlite_errorname', None) or ''} {cause}"
        for signs, advice in _SQLITE:
            if any(sign in said for sign in signs):
                return advice.format(**where)
    # A server database (PostgreSQL): the driver's first line names the problem, never a value.
    return f"the store failed: {type(cause).__name__}: {_first_line(str(cause))}"
