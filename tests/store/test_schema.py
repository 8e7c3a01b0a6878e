"""Opening the store checks its schema revision: a new database is made at this kit's revision;
one made by an older kit, or upgraded by a newer one, is refused with the command to run."""

import pytest
from sqlalchemy import create_engine, event, inspect, select, text

from refocus_kit.store import Store, StoreVersionError
from refocus_kit.store.engine import connect
from refocus_kit.store.schema import HEAD, REVISIONS, VERSION_TABLE, ensure_schema, upgrade
from refocus_kit.store.tables import kit_meta, metadata
from tests.support.old_stores import make_old_store


def _version(url: str) -> list[str]:
    engine = create_engine(url)
    with engine.connect() as conn:
        found = list(conn.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).scalars())
    engine.dispose()
    return found


def _upgrade(url: str):
    engine = connect(url)
    try:
        return upgrade(engine)
    finally:
        engine.dispose()


def test_a_new_store_is_made_at_this_kits_revision(store_url):
    Store(store_url).close()
    assert _version(store_url) == [HEAD]
    engine = create_engine(store_url)
    with engine.connect() as conn:
        assert set(metadata.tables) <= set(inspect(conn).get_table_names())
        meta = conn.execute(select(kit_meta.c.value).where(kit_meta.c.key == "schema_version"))
        assert meta.scalar() == "2"  # kits from before migrations refuse it (revision 0005)
    engine.dispose()


def test_a_store_from_a_newer_kit_is_refused(store_url):
    Store(store_url).close()
    engine = create_engine(store_url)
    with engine.begin() as conn:
        conn.execute(text(f"UPDATE {VERSION_TABLE} SET version_num = '9001'"))
    engine.dispose()
    with pytest.raises(StoreVersionError, match=r"9001, which this kit \(\d+\) does not know"):
        Store(store_url)
    with pytest.raises(StoreVersionError, match="a newer kit upgraded it"):
        _upgrade(store_url)
    assert _version(store_url) == ["9001"]


@pytest.mark.parametrize("revision", ["0001", "0004"])
def test_a_store_from_an_older_kit_is_refused_and_names_the_command(store_url, revision):
    make_old_store(store_url, revision)
    with pytest.raises(StoreVersionError) as refused:
        Store(store_url)
    said = str(refused.value)
    assert f"revision {revision}, older than this kit's {HEAD}" in said
    assert "run `refocus store upgrade`" in said and "\n" not in said


def test_a_store_stamped_at_an_older_revision_is_refused(store_url):
    Store(store_url).close()
    engine = create_engine(store_url)
    with engine.begin() as conn:
        conn.execute(text(f"UPDATE {VERSION_TABLE} SET version_num = '{REVISIONS[-2]}'"))
    engine.dispose()
    with pytest.raises(StoreVersionError, match="refocus store upgrade"):
        Store(store_url)


def test_opening_a_store_at_this_revision_writes_nothing(store_url):
    Store(store_url).close()
    engine = connect(store_url)
    statements = []
    event.listen(engine, "before_cursor_execute", lambda *a: statements.append(a[2].split()[0]))
    ensure_schema(engine)
    engine.dispose()
    assert statements and {s.upper() for s in statements} <= {"SELECT", "PRAGMA", "BEGIN"}


@pytest.mark.postgres
def test_other_alembic_tables_in_the_database_are_left_alone(postgres):
    """nbgrader's gradebook keeps its own alembic_version (in its schema), and another program
    may keep one in the default schema: the kit neither reads nor touches them."""
    from tests.conftest import _reset

    _reset(postgres.url)
    engine = create_engine(postgres.url)
    with engine.begin() as conn:
        conn.execute(text("CREATE SCHEMA IF NOT EXISTS nbgrader"))
        for schema in ("nbgrader", "public"):
            conn.execute(text(f"DROP TABLE IF EXISTS {schema}.alembic_version"))
            conn.execute(text(f"CREATE TABLE {schema}.alembic_version (version_num text)"))
            conn.execute(text(f"INSERT INTO {schema}.alembic_version VALUES ('theirs')"))
    Store(postgres.url).close()
    assert _upgrade(postgres.url).before == HEAD
    with engine.begin() as conn:
        for schema in ("nbgrader", "public"):
            kept = conn.execute(text(f"SELECT version_num FROM {schema}.alembic_version"))
            assert kept.scalars().all() == ["theirs"]
            conn.execute(text(f"DROP TABLE {schema}.alembic_version"))
    engine.dispose()
    assert _version(postgres.url) == [HEAD]
