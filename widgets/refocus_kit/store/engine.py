"""Open the database: SQLite in WAL mode with writers queued, or PostgreSQL by URL; create the
tables once, safely even when many processes start at the same moment, and add to a store made
by an earlier kit the columns it lacks."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event, inspect, select
from sqlalchemy.engine import make_url
from sqlalchemy.schema import CreateColumn

from refocus_kit.store.tables import SCHEMA_VERSION, kit_meta, metadata

__all__ = ["StoreVersionError", "open_engine"]

BUSY_TIMEOUT_MS = 30_000
_PG_SCHEMA_LOCK = 0x5EF0C05  # any constant shared by every kit process


class StoreVersionError(RuntimeError):
    """The database was written by a newer kit than this one."""


def _sqlite_engine(url) -> Engine:
    if url.database and url.database != ":memory:":
        Path(url.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        # Let SQLAlchemy, not the driver, decide when transactions start (see _on_begin).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):
        # Take the write lock up front: a deferred transaction that later writes can fail with
        # "database is locked" instead of waiting its turn.
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def _add_missing_columns(conn: Connection) -> None:
    """Columns added to the kit since the store was made (each has a server default, so the
    rows already there get it)."""
    schema = inspect(conn)
    for table in metadata.sorted_tables:
        present = {c["name"] for c in schema.get_columns(table.name)}
        for column in table.columns:
            if column.name not in present:
                name = conn.dialect.identifier_preparer.format_table(table)
                spec = CreateColumn(column).compile(dialect=conn.dialect)
                conn.exec_driver_sql(f"ALTER TABLE {name} ADD COLUMN {spec}")


def _create_schema(engine: Engine) -> None:
    with engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_PG_SCHEMA_LOCK})")
        metadata.create_all(conn)
        _add_missing_columns(conn)
        found = conn.execute(select(kit_meta.c.value).where(kit_meta.c.key == "schema_version"))
        version = found.scalar()
        if version is None:
            conn.execute(kit_meta.insert().values(key="schema_version", value=str(SCHEMA_VERSION)))
        elif int(version) > SCHEMA_VERSION:
            raise StoreVersionError(
                f"the store uses schema version {version}, newer than this kit's "
                f"{SCHEMA_VERSION}: upgrade the kit before using this database"
            )


def open_engine(url: str) -> Engine:
    """An engine for the URL with the kit's tables in place."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        engine = _sqlite_engine(parsed)
    else:
        engine = create_engine(parsed, pool_pre_ping=True)
    try:
        _create_schema(engine)
    except BaseException:
        engine.dispose()
        raise
    return engine
