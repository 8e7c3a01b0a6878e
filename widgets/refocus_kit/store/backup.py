"""Backups and restores of the store, on SQLite and on PostgreSQL alike.

A backup is itself a kit store: a SQLite file at this kit's schema revision, which the kit can
open (REFOCUS_DATABASE_URL=sqlite:///FILE) and restore into either database. From SQLite it is
SQLite's online backup, safe while the kit runs; from PostgreSQL the kit's tables are copied
row by row by SQLAlchemy from one snapshot (REPEATABLE READ, read only), so it needs no pg_dump
of the server's exact version, leaves nbgrader's schema alone (it has its own export), and can
move a store from one database to the other.

A restore copies every row of a backup into a store, in one transaction: into an empty store,
or over one holding data only when told to (`force`). A backup made by an older kit is
upgraded first, in a temporary copy; one from a newer kit is refused.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection, Engine, func, select
from sqlalchemy.engine import make_url

from refocus_kit.store.engine import connect, open_engine
from refocus_kit.store.errors import StoreError
from refocus_kit.store.schema import HEAD, ensure_schema, revision_of, upgrade
from refocus_kit.store.tables import kit_meta, metadata

__all__ = ["DATA_TABLES", "Restored", "backup", "restore", "row_counts"]

# Every table but kit_meta, which describes the schema rather than holding data; parents first.
DATA_TABLES = [t for t in metadata.sorted_tables if t is not kit_meta]
_BATCH = 1000


@dataclass(frozen=True)
class Restored:
    """What a restore did: rows per table, and whether it replaced data already there."""

    rows: dict[str, int]
    replaced: bool


def row_counts(conn: Connection) -> dict[str, int]:
    count = select(func.count())
    return {t.name: conn.execute(count.select_from(t)).scalar_one() for t in DATA_TABLES}


def _copy_rows(source: Connection, target: Connection) -> dict[str, int]:
    copied = {}
    for table in DATA_TABLES:
        copied[table.name] = 0
        result = source.execution_options(yield_per=_BATCH).execute(select(table))
        for batch in result.mappings().partitions():
            target.execute(table.insert(), [dict(row) for row in batch])
            copied[table.name] += len(batch)
    return copied


def _sqlite_copy(database: str, out: Path) -> None:
    source = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    target = sqlite3.connect(out)
    try:
        source.backup(target)
    finally:
        target.close()
        source.close()


def _server_copy(engine: Engine, out: Path) -> None:
    copy = open_engine(f"sqlite:///{out}")  # an empty store at this kit's revision
    try:
        with engine.connect() as conn, copy.begin() as target:
            conn.execution_options(isolation_level="REPEATABLE READ")
            conn.exec_driver_sql("SET TRANSACTION READ ONLY")
            _copy_rows(conn, target)
    finally:
        copy.dispose()


@contextlib.contextmanager
def _written_whole(out: Path) -> Iterator[Path]:
    """A path beside `out` to write to, put in its place only once the writing succeeded."""
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".partial", dir=out.parent)
    os.close(fd)
    partial = Path(name)
    partial.unlink()
    try:
        yield partial
        os.replace(partial, out)
    finally:
        partial.unlink(missing_ok=True)


def backup(url: str, out: Path) -> Path:
    """Write a backup of the store at `url` to `out` (a SQLite file), replacing it only once
    the copy is whole. A SQLite store is copied at whatever revision it is (so that it can be
    backed up before an upgrade); a PostgreSQL one must be at this kit's revision."""
    parsed = make_url(url)
    database = parsed.database if parsed.get_backend_name() == "sqlite" else None
    if not (database and Path(database).exists()):
        open_engine(url).dispose()  # make a new store; refuse a server's at another revision
    with _written_whole(out) as partial:
        if database:
            _sqlite_copy(database, partial)
        else:
            engine = connect(url)
            try:
                _server_copy(engine, partial)
            finally:
                engine.dispose()
    return out


def _readable_backup(path: Path, workdir: Path) -> Engine:
    """An engine on a copy of the backup (the file itself is never written to), upgraded to this
    kit's revision if an older kit made it."""
    if not path.is_file():
        raise StoreError(f"{path} is not a file: name a backup made by `refocus store backup`")
    copy = workdir / "backup.sqlite3"
    shutil.copyfile(path, copy)
    engine = connect(f"sqlite:///{copy}")
    try:
        with engine.connect() as conn:
            found = revision_of(conn)
        if found is None:
            raise StoreError(f"{path} holds no store: name a backup made by `refocus store backup`")
        if found != HEAD:
            upgrade(engine)  # refuses a backup from a newer kit
    except BaseException:
        engine.dispose()
        raise
    return engine


def _hold_tables(conn: Connection) -> None:
    """Keep every other writer out until the restore commits (SQLite: BEGIN IMMEDIATE did)."""
    if conn.dialect.name == "postgresql":
        names = ", ".join(t.name for t in DATA_TABLES)
        conn.exec_driver_sql(f"LOCK TABLE {names} IN SHARE ROW EXCLUSIVE MODE")


def restore(url: str, path: Path, force: bool = False) -> Restored:
    """Copy every row of the backup at `path` into the store at `url` (made if the database is
    empty). A store that holds data is replaced only with `force`; nothing changes if any part
    fails."""
    with tempfile.TemporaryDirectory(prefix="refocus-restore-") as workdir:
        source = _readable_backup(path, Path(workdir))
        target = connect(url)
        try:
            ensure_schema(target)
            with source.connect() as reading, target.begin() as writing:
                _hold_tables(writing)
                held = row_counts(writing)
                if any(held.values()) and not force:
                    raise StoreError(
                        f"the store already holds data ({held['responses']} responses); "
                        "restore into an empty store, or add --force to replace it"
                    )
                for table in reversed(DATA_TABLES):
                    writing.execute(table.delete())
                rows = _copy_rows(reading, writing)
        finally:
            target.dispose()
            source.dispose()
    return Restored(rows, replaced=any(held.values()))
