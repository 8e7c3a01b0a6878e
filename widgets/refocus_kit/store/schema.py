"""The store's schema revision, kept by Alembic (migrations/) in a version table of the kit's own.

Opening the store checks its revision and writes nothing, unless the database has none of the
kit's tables: then it is made at this kit's revision (create_all, then stamped), once, even when
many processes open it at the same moment. A store at any other revision is refused with a
message that names what to do: `refocus store upgrade` for one made by an older kit, a newer kit
for one upgraded by a newer kit. The kit never upgrades a store as a side effect of opening it:
a trust backs up first, and a room of kernels must not race to alter tables.

A store made before the kit kept revisions (no version table) is recognised by its tables and
columns (`_UNVERSIONED`) and upgraded from the revision it matches.

Checking needs no Alembic: the revisions are the files in migrations/versions, named by their
revision ids; Alembic is imported only to make, stamp or upgrade a store.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, column, inspect, select, table, text
from sqlalchemy.engine import make_url

from refocus_kit.store.errors import StoreError
from refocus_kit.store.tables import SCHEMA_VERSION, kit_meta, metadata

if TYPE_CHECKING:
    from alembic.config import Config

__all__ = [
    "HEAD",
    "MIGRATIONS",
    "REVISIONS",
    "VERSION_TABLE",
    "StoreVersionError",
    "Upgraded",
    "ensure_schema",
    "refuse_to_serve",
    "revision_of",
    "upgrade",
]

MIGRATIONS = Path(__file__).with_name("migrations")
# Each revision's file is named `<revision id>_<slug>.py`, ids in order (a test checks that
# Alembic sees the same chain).
REVISIONS: tuple[str, ...] = tuple(
    sorted(p.name.split("_", 1)[0] for p in (MIGRATIONS / "versions").glob("[0-9]*_*.py"))
)
HEAD = REVISIONS[-1]
# Not Alembic's default name: nbgrader's gradebook may share the PostgreSQL database (in a
# schema of its own) and keeps its own alembic_version.
VERSION_TABLE = "refocus_alembic_version"
_PG_SCHEMA_LOCK = 0x5EF0C05  # any constant shared by every kit process
UPGRADE_COMMAND = "refocus store upgrade"

# A store from before the kit kept revisions: the newest revision whose mark it bears.
_UNVERSIONED = [
    ("0004", lambda tables, columns: "timetables" in tables),
    ("0003", lambda tables, columns: "demo" in columns.get("responses", ())),
    ("0002", lambda tables, columns: "sessions" in tables),
    ("0001", lambda tables, columns: "responses" in tables),
]


class StoreVersionError(StoreError):
    """The database's schema is not this kit's: made by an older kit and not yet upgraded, or
    upgraded by a newer kit. The message says which command to run."""


@dataclass(frozen=True)
class Upgraded:
    """What `upgrade` did: from which revision (None: a new, empty database) to which."""

    before: str | None
    after: str


def _version_in(conn: Connection, tables: set[str]) -> str | None:
    if VERSION_TABLE not in tables:
        return None
    return conn.execute(select(column("version_num")).select_from(table(VERSION_TABLE))).scalar()


def revision_of(conn: Connection) -> str | None:
    """The store's revision: from its version table, else recognised from its tables (a store
    made before the kit kept revisions), else None (none of the kit's tables)."""
    schema = inspect(conn)
    tables = set(schema.get_table_names())
    version = _version_in(conn, tables)
    if version is not None:
        return version
    kit_tables = tables & set(metadata.tables)
    columns = {name: {c["name"] for c in schema.get_columns(name)} for name in kit_tables}
    return next((rev for rev, bears in _UNVERSIONED if bears(kit_tables, columns)), None)


def _refuse(revision: str, dialect: str) -> None:
    if revision not in REVISIONS:
        raise StoreVersionError(
            f"the store is at schema revision {revision}, which this kit ({HEAD}) does not "
            "know: a newer kit upgraded it; install that kit (or newer) to use this database"
        )
    how = "refocus store backup" if dialect == "sqlite" else "pg_dump"
    raise StoreVersionError(
        f"the store is at schema revision {revision}, older than this kit's {HEAD}: back it "
        f"up ({how}) and run `{UPGRADE_COMMAND}`"
    )


@contextlib.contextmanager
def _schema_lock(engine: Engine) -> Iterator[Connection]:
    """A write transaction that no other kit process can be in while it lasts: SQLite's
    BEGIN IMMEDIATE (engine.py), a transaction-wide advisory lock on PostgreSQL."""
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text(f"SELECT pg_advisory_xact_lock({_PG_SCHEMA_LOCK})"))
        yield conn


def _alembic_config(conn: Connection) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = conn
    return config


def _create(conn: Connection) -> None:
    """Make the kit's tables at this revision, and record it."""
    from alembic import command

    metadata.create_all(conn)
    conn.execute(kit_meta.insert().values(key="schema_version", value=str(SCHEMA_VERSION)))
    command.stamp(_alembic_config(conn), HEAD)


def ensure_schema(engine: Engine) -> None:
    """Check the store is at this kit's revision; make it if the database is empty."""
    with engine.connect() as conn:
        revision = revision_of(conn)
    if revision == HEAD:
        return  # nothing written: works beside a writer, or from a read-only folder
    if revision is not None:
        _refuse(revision, engine.dialect.name)
    with _schema_lock(engine) as conn:
        revision = revision_of(conn)  # another process may have made it meanwhile
        if revision is None:
            _create(conn)
        elif revision != HEAD:
            _refuse(revision, engine.dialect.name)


def upgrade(engine: Engine) -> Upgraded:
    """Bring the store to this kit's revision in one transaction (nothing is half done), or make
    it if the database is empty. A store from a newer kit is refused."""
    from alembic import command

    with _schema_lock(engine) as conn:
        before = revision_of(conn)
        if before is None:
            _create(conn)
        elif before not in REVISIONS:
            _refuse(before, engine.dialect.name)
        elif before != HEAD:
            config = _alembic_config(conn)
            if VERSION_TABLE not in inspect(conn).get_table_names():
                command.stamp(config, before)  # made before the kit kept revisions
            command.upgrade(config, HEAD)
    return Upgraded(before, HEAD)


def refuse_to_serve(url: str) -> None:
    """For a server about to start: raise StoreVersionError if the store there is at another
    revision than this kit's. A store not made yet is made when first used; one that cannot be
    reached now is left to the server, which tells visitors to try again until it can."""
    from refocus_kit.store.engine import connect

    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and not Path(parsed.database or "").is_file():
        return
    engine = connect(url)
    try:
        with engine.connect() as conn:
            revision = revision_of(conn)
    except StoreError:
        return
    finally:
        engine.dispose()
    if revision is not None and revision != HEAD:
        _refuse(revision, engine.dialect.name)
