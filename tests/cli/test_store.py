import datetime as dt
import json
import sqlite3
from pathlib import Path

import pytest

from refocus_kit.demo import DEMO_ROOM, demo_answers
from refocus_kit.demo_programme import planned
from refocus_kit.store import Store
from refocus_kit.store.engine import connect
from refocus_kit.store.schema import HEAD
from refocus_kit.store.tables import metadata
from tests.conftest import _reset
from tests.support.old_stores import OLD_REVISIONS, make_old_store, rows_of


def test_info_names_the_data_folder_and_counts(cli, data_dir):
    Store().close()
    result = cli("store", "info")
    assert str(data_dir) in result.output and "responses:   0" in result.output


def test_info_hides_a_postgres_password(cli, monkeypatch, postgres):
    url = postgres.url.replace("postgres@", "postgres:s3cret@")
    monkeypatch.setenv("REFOCUS_DATABASE_URL", url)
    result = cli("store", "info")
    assert "s3cret" not in result.output and "***" in result.output


def test_backup_is_a_readable_copy(cli, tmp_path):
    cli("demo", "load")
    out = tmp_path / "backup" / "kit.sqlite3"
    assert cli("store", "backup", "--out", out).exit_code == 0
    with sqlite3.connect(out) as copy:
        count = copy.execute("select count(*) from responses").fetchone()[0]
    programme = len(planned(dt.date.today(), demo_answers()))  # the demo teams' programme
    assert count == len(demo_answers()) + len(DEMO_ROOM) + programme  # a form each, the room


def _rows(url: str) -> dict[str, list[dict]]:
    engine = connect(url)
    try:
        return rows_of(engine, metadata.sorted_tables)
    finally:
        engine.dispose()


def _empty(url: str) -> str:
    if url.startswith("sqlite"):
        Path(url.removeprefix("sqlite:///")).unlink(missing_ok=True)
    else:
        _reset(url)
    return url


def test_upgrade_brings_an_older_store_to_this_revision_and_says_from_which(
    cli, store_url, monkeypatch, tmp_path
):
    monkeypatch.setenv("REFOCUS_DATABASE_URL", store_url)
    made = make_old_store(store_url, OLD_REVISIONS[0])
    refused = cli("responses", "export", "--format", "csv", "--out", tmp_path / "x.csv")
    assert refused.exit_code == 1 and "Traceback" not in refused.output
    assert f"revision {OLD_REVISIONS[0]}, older than" in refused.output
    assert "run `refocus store upgrade`" in refused.output
    result = cli("store", "upgrade")
    assert result.exit_code == 0, result.output
    assert result.output == f"upgraded the store from revision {OLD_REVISIONS[0]} to {HEAD}\n"
    assert [r["id"] for r in _rows(store_url)["responses"]] == [r["id"] for r in made["responses"]]
    assert "responses:   2" in cli("store", "info").output
    again = cli("store", "upgrade")
    assert again.output == f"the store is already at revision {HEAD}; nothing to do\n"


def test_upgrade_makes_a_new_store(cli, data_dir):
    assert cli("store", "upgrade").output == f"made a new store at revision {HEAD}\n"
    assert (data_dir / "refocus.sqlite3").is_file()


@pytest.mark.parametrize("into", ["same", "other"])
def test_a_backup_restores_row_by_row_into_an_empty_store(
    cli, store_url, monkeypatch, tmp_path, into, request
):
    """Backed up from either database and restored into an empty one (the same kind, or the
    other kind: SQLite to PostgreSQL and back), the store holds the same rows at this kit's
    revision."""
    monkeypatch.setenv("REFOCUS_DATABASE_URL", store_url)
    cli("demo", "load")
    original = _rows(store_url)
    out = tmp_path / "backups" / "refocus.sqlite3"
    backed = cli("store", "backup", "--out", out)
    assert backed.exit_code == 0 and backed.output == f"{out}\n"
    if into == "same":
        target = _empty(store_url)
    elif store_url.startswith("sqlite"):
        target = _empty(request.getfixturevalue("postgres").url)
    else:
        target = f"sqlite:///{tmp_path / 'restored.sqlite3'}"
    monkeypatch.setenv("REFOCUS_DATABASE_URL", target)
    result = cli("store", "restore", out)
    assert result.exit_code == 0, result.output
    assert result.output.startswith("restored ")
    assert f" {len(original['responses'])} responses, " in result.output
    assert _rows(target) == original
    with Store(target) as restored:  # at this kit's revision: the kit opens it
        assert restored.count() == len(original["responses"])


def test_restore_refuses_to_overwrite_data_unless_forced(cli, store_url, monkeypatch, tmp_path):
    monkeypatch.setenv("REFOCUS_DATABASE_URL", store_url)
    cli("demo", "load")
    backed_up = _rows(store_url)
    out = tmp_path / "refocus-backup.sqlite3"
    cli("store", "backup", "--out", out)
    cli("demo", "clear")
    cli("responses", "submit", "team_reflection_session", "--answers", _answers(tmp_path))
    held = _rows(store_url)
    refused = cli("store", "restore", out)
    assert refused.exit_code == 1 and "already holds data (1 responses)" in refused.output
    assert "--force" in refused.output and _rows(store_url) == held
    forced = cli("store", "restore", out, "--force")
    assert forced.exit_code == 0 and forced.output.startswith("replaced the store with ")
    assert _rows(store_url) == backed_up


def test_a_backup_from_an_older_kit_is_upgraded_as_it_is_restored(
    cli, tmp_path, store_url, monkeypatch
):
    old = tmp_path / "old-backup.sqlite3"
    made = make_old_store(f"sqlite:///{old}", OLD_REVISIONS[-1])
    kept = old.read_bytes()
    monkeypatch.setenv("REFOCUS_DATABASE_URL", store_url)
    assert cli("store", "restore", old).exit_code == 0
    restored = _rows(store_url)
    assert restored["timetable_changes"] == made["timetable_changes"]
    assert [r["answers"] for r in restored["revisions"]] == [
        r["answers"] for r in made["revisions"]
    ]
    assert old.read_bytes() == kept  # the backup itself is never written to


def test_restore_of_something_else_says_so(cli, tmp_path):
    missing = cli("store", "restore", tmp_path / "nothing.sqlite3")
    assert missing.exit_code == 1 and "is not a file" in missing.output
    other = tmp_path / "other.sqlite3"
    with sqlite3.connect(other) as db:
        db.execute("CREATE TABLE t (x)")
    said = cli("store", "restore", other)
    assert said.exit_code == 1 and "holds no store" in said.output


def _answers(folder: Path) -> Path:
    path = folder / "answers.json"
    path.write_text(json.dumps({"enablers": "Real data, kept"}), encoding="utf-8")
    return path
