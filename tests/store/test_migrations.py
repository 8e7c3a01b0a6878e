"""The store's migrations: a store made by each older kit (tests/fixtures/old_stores), with data
in every table it had, is upgraded in place with its data intact, on SQLite and PostgreSQL;
and the revisions build exactly the schema tables.py declares."""

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect

from refocus_kit.sessions import get_session
from refocus_kit.store import Store
from refocus_kit.store.engine import connect
from refocus_kit.store.schema import HEAD, MIGRATIONS, REVISIONS, Upgraded, _alembic_config
from refocus_kit.store.schema import upgrade as upgrade_schema
from refocus_kit.store.tables import metadata
from refocus_kit.timetable.kept import kept_changes, team_timetable
from tests.support.old_stores import OLD_REVISIONS, make_old_store, rows_of


def upgrade(url: str) -> Upgraded:
    engine = connect(url)
    try:
        return upgrade_schema(engine)
    finally:
        engine.dispose()


def test_alembic_sees_the_revisions_the_kit_checks_against():
    script = ScriptDirectory(str(MIGRATIONS))
    assert script.get_heads() == [HEAD]
    chain = [r.revision for r in script.walk_revisions()]
    assert chain[::-1] == list(REVISIONS)
    assert list(REVISIONS[:-1]) == OLD_REVISIONS  # a made-by-that-kit store for each but head


@pytest.mark.parametrize("revision", OLD_REVISIONS)
def test_a_store_from_an_older_kit_is_upgraded_with_its_data_intact(store_url, revision):
    before = make_old_store(store_url, revision)
    assert upgrade(store_url) == Upgraded(revision, HEAD)
    engine = connect(store_url)
    after = rows_of(engine, metadata.sorted_tables)
    engine.dispose()
    for table, rows in before.items():
        if table == "kit_meta":
            continue
        kept = [{k: row[k] for k in rows[0]} for row in after[table]]
        assert kept == rows, f"{table} changed"
        added = {k for row in after[table] for k in row} - set(rows[0])
        assert all(row[k] is False for row in after[table] for k in added), "demo marks"
    assert after["kit_meta"] == [{"key": "schema_version", "value": "2"}]
    with Store(store_url) as store:  # and the kit reads it
        assert store.get("r1").answers == {"enablers": "Tea together", "blocks": "Rota\nchanges"}
        assert [r.editor for r in store.history("r1")] == [None, "p.002"]
        assert store.get("r2").respondent is None
        if revision >= "0002":
            assert get_session(store, "ABC234").expected == 9
        if revision >= "0004":
            assert team_timetable(store, "Team A (fictional)").months == 18
            assert list(kept_changes(store, "Team A (fictional)")) == ["team_reflection_4"]


def test_upgrading_a_store_at_this_revision_changes_nothing(store_url):
    Store(store_url).close()
    assert upgrade(store_url) == Upgraded(HEAD, HEAD)


def test_upgrading_an_empty_database_makes_the_store(store_url):
    assert upgrade(store_url) == Upgraded(None, HEAD)
    with Store(store_url) as store:
        assert store.count() == 0


def _differences(url: str) -> list:
    engine = connect(url)
    with engine.connect() as conn:
        ours = {"include_name": lambda name, kind, _p: kind != "table" or name in metadata.tables}
        context = MigrationContext.configure(conn, opts=ours)
        found = compare_metadata(context, metadata)
    engine.dispose()
    return found


def test_the_revisions_build_the_schema_tables_py_declares(store_url):
    """Run from nothing, the revisions make what create_all makes (for a new store)."""
    engine = connect(store_url)
    with engine.begin() as conn:
        command.upgrade(_alembic_config(conn), HEAD)
    engine.dispose()
    assert _differences(store_url) == []
    Store(store_url).close()  # at this revision: opens as it is


def test_the_revisions_go_back_down_to_nothing(store_url):
    engine = connect(store_url)
    with engine.begin() as conn:
        command.upgrade(_alembic_config(conn), HEAD)
        command.downgrade(_alembic_config(conn), "base")
    with engine.connect() as conn:
        left = set(inspect(conn).get_table_names()) & set(metadata.tables)
    engine.dispose()
    assert left == set()
