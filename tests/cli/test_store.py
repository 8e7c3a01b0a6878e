import datetime as dt
import sqlite3

from refocus_kit.demo import DEMO_ROOM, demo_answers
from refocus_kit.demo_programme import planned
from refocus_kit.store import Store


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


def test_backup_of_postgres_points_to_pg_dump(cli, monkeypatch, postgres, tmp_path):
    monkeypatch.setenv("REFOCUS_DATABASE_URL", postgres.url)
    result = cli("store", "backup", "--out", tmp_path / "x.sqlite3")
    assert result.exit_code == 1 and "pg_dump" in result.output
