"""A store that fails ends a command with one line that says what to do and a non-zero exit:
never a traceback, never SQL, never the answers being stored."""

import json
import os
import sqlite3
import subprocess

import pytest
from sqlalchemy import event
from sqlalchemy.engine import Engine

from refocus_kit.store import Store
from tests.cli.conftest import REFOCUS
from tests.support.faults import StoreFaults, as_a_user, read_only

MARKER = "Marker-of-a-typed-answer-9K2"  # fictional answer text
FORM = "supervision_reflection"
READ_ONLY = (
    "cannot write to {}: the folder or its database is read-only; make it writable, or set "
    "REFOCUS_DATA_DIR to a folder that is"
)


@pytest.fixture
def answers(tmp_path):
    path = tmp_path / "answers.json"
    path.write_text(json.dumps({"q1_reflection": MARKER, "q1_highlight": MARKER}))
    return path


def run(*args, **options) -> tuple[int, str]:
    """The installed `refocus` in a process of its own: exit code and everything it printed."""
    done = subprocess.run(
        [REFOCUS, *map(str, args)], capture_output=True, text=True, timeout=120, **options
    )
    return done.returncode, done.stdout + done.stderr


def said_in_one_line(code: int, output: str, expected: str) -> None:
    assert code == 1
    assert output.strip() == f"Error: {expected}", output
    assert MARKER not in output and "Traceback" not in output


def test_a_read_only_data_folder(answers, data_dir):
    Store().close()
    with read_only(data_dir):
        code, output = run(
            "responses", "submit", FORM, "--answers", answers, preexec_fn=as_a_user()
        )
    said_in_one_line(code, output, READ_ONLY.format(data_dir))
    assert Store().count() == 0


def test_a_backup_into_a_read_only_folder(tmp_path):
    Store().close()
    with read_only(tmp_path):
        code, output = run(
            "store", "backup", "--out", tmp_path / "copy.sqlite3", preexec_fn=as_a_user()
        )
    said_in_one_line(code, output, READ_ONLY.format(tmp_path))


def test_a_database_locked_by_another_process(cli, answers, data_dir, monkeypatch):
    monkeypatch.setenv("REFOCUS_BUSY_TIMEOUT", "0.3")
    Store().close()
    holder = sqlite3.connect(data_dir / "refocus.sqlite3", isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another process writing, past the timeout
    try:
        result = cli("responses", "submit", FORM, "--answers", answers)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    said_in_one_line(
        result.exit_code,
        result.output,
        "the database is locked by another process (a backup, or another program holding it "
        "open); try again in a moment",
    )


def test_a_full_disk(data_dir, tmp_path):
    faults = StoreFaults(tmp_path / "faults")
    faults.set("full")
    code, output = run(
        "sessions", "open", "--team", "Demo team (fictional)", env={**os.environ, **faults.env}
    )
    said_in_one_line(
        code, output, f"the disk holding {data_dir} is full; free some space and try again"
    )


def test_a_store_that_cannot_be_read(cli, data_dir):
    Store().close()

    def unreadable(*_args):
        raise sqlite3.OperationalError("disk I/O error")

    event.listen(Engine, "before_cursor_execute", unreadable)
    try:
        result = cli("responses", "export", "--format", "csv", "--out", data_dir / "x.csv")
    finally:
        event.remove(Engine, "before_cursor_execute", unreadable)
    said_in_one_line(
        result.exit_code,
        result.output,
        f"the disk holding {data_dir} could not be read or written; check the disk and try again",
    )
