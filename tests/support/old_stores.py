"""A store as an older kit made it, with fictional data in every table it had: made with that
kit's own tables.py (tests/fixtures/old_stores, see its README) the way its engine did."""

from __future__ import annotations

import datetime as dt
import importlib.util
from pathlib import Path
from types import ModuleType

from sqlalchemy import Engine, create_engine, select

__all__ = ["OLD_REVISIONS", "make_old_store", "old_tables", "rows_of"]

FOLDER = Path(__file__).resolve().parents[1] / "fixtures" / "old_stores"
OLD_REVISIONS = sorted(p.stem.removeprefix("tables_") for p in FOLDER.glob("tables_*.py"))
TEAM = "Team A (fictional)"
AT = dt.datetime(2025, 3, 4, 10, 30, tzinfo=dt.UTC)


def old_tables(revision: str) -> ModuleType:
    """That kit's tables module, loaded under a name of its own."""
    path = FOLDER / f"tables_{revision}.py"
    spec = importlib.util.spec_from_file_location(f"old_store_tables_{revision}", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _rows(tables: ModuleType) -> dict[str, list[dict]]:
    names = set(tables.metadata.tables)
    marked = "demo" in tables.responses.c  # the demo mark came with 0003
    mark = (lambda demo: {"demo": demo}) if marked else (lambda demo: {})
    response = {"form_id": "team_reflection_session", "form_version": 1}
    rows: dict[str, list[dict]] = {
        "responses": [
            {"id": "r1", "submission_id": "s1", **response, "team": TEAM, "session": "ABC234"}
            | {"respondent": "p.001", "created_at": AT, "updated_at": AT, "revision": 2}
            | mark(False),
            {"id": "r2", "submission_id": "s2", **response, "team": TEAM, "session": None}
            | {"respondent": None, "created_at": AT, "updated_at": AT, "revision": 1}
            | mark(True),
        ],
        "revisions": [
            {"response_id": "r1", "number": 1, "form_version": 1, "editor": None}
            | {"answers": {"enablers": "Tea together — café ☕ <b>not bold</b>"}, "created_at": AT},
            {"response_id": "r1", "number": 2, "form_version": 1, "editor": "p.002"}
            | {"answers": {"enablers": "Tea together", "blocks": "Rota\nchanges"}}
            | {"created_at": AT + dt.timedelta(hours=1)},
            {"response_id": "r2", "number": 1, "form_version": 1, "editor": None}
            | {"answers": {"progress": "Anonymous: ٱلعربية"}, "created_at": AT},
        ],
        "drafts": [
            {"key": "team_reflection_session:p.003", "form_id": "team_reflection_session"}
            | {"respondent": "p.003", "answers": {"enablers": "half typed"}, "updated_at": AT}
        ],
    }
    if "sessions" in names:
        session = {"form_id": "team_reflection_session", "team": TEAM, "mode": "facilitated"}
        rows["sessions"] = [
            {"code": "ABC234", **session, "number": 1, "held_on": AT.date(), "anonymous": False}
            | {"expected": 9, "opened_at": AT, "closed_at": AT + dt.timedelta(hours=2)}
            | mark(False),
            {"code": "XYZ789", **session, "number": None, "held_on": AT.date()}
            | {"anonymous": True, "expected": 5, "opened_at": AT, "closed_at": None}
            | mark(True),
        ]
    if "timetables" in names:
        rows["timetables"] = [
            {"team": TEAM, "start_on": dt.date(2025, 1, 6), "months": 18, "updated_at": AT}
            | {"demo": False}
        ]
        rows["timetable_changes"] = [
            {"team": TEAM, "event_id": "team_reflection_4", "action": "moved"}
            | {"moved_to": dt.date(2025, 6, 2), "note": "Bank holiday", "changed_at": AT}
            | {"demo": False}
        ]
    return rows


def make_old_store(url: str, revision: str) -> dict[str, list[dict]]:
    """Make the store that kit made at `url`, fill it, and return its rows as read back."""
    tables = old_tables(revision)
    engine = create_engine(url)
    try:
        tables.metadata.create_all(engine)
        with engine.begin() as conn:
            conn.execute(tables.kit_meta.insert().values(key="schema_version", value="1"))
            for name, rows in _rows(tables).items():
                conn.execute(tables.metadata.tables[name].insert(), rows)
        return rows_of(engine, tables.metadata.tables.values())
    finally:
        engine.dispose()


def rows_of(engine: Engine, tables) -> dict[str, list[dict]]:
    """Every row of each table, in primary-key order."""
    found = {}
    with engine.connect() as conn:
        for table in tables:
            query = select(table).order_by(*table.primary_key.columns)
            found[table.name] = [dict(row) for row in conn.execute(query).mappings()]
    return found
