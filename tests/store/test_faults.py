"""The store under faults: a lock held past the timeout, a full disk, a read-only database, an
unreachable server. Each failure is a StoreError whose one line says what to do, logged once,
and neither the error, its traceback nor the log ever holds what a person typed."""

import logging
import sqlite3
import time
import traceback
from dataclasses import replace

import pytest
from sqlalchemy import event

from refocus_kit.store import Store, StoreError
from tests.support.servers import free_port

MARKER = "Marker-of-a-typed-answer-7Q4"  # fictional answer text, looked for everywhere


@pytest.fixture
def every_kind(every_kind):
    return replace(every_kind, checks=())


@pytest.fixture
def sqlite_url(data_dir):
    return f"sqlite:///{data_dir / 'faults.sqlite3'}"


def _nowhere_holds(text: str, error: BaseException, caplog) -> None:
    told = "".join(traceback.format_exception(error))
    assert text not in told, "the error or its traceback holds the answer"
    assert all(text not in r.getMessage() for r in caplog.records), "a log line holds it"


def _one_store_line(caplog) -> logging.LogRecord:
    lines = [r for r in caplog.records if r.name.startswith("refocus_kit.store")]
    assert len(lines) == 1, [r.getMessage() for r in lines]
    assert "\n" not in lines[0].getMessage()
    return lines[0]


def test_a_lock_held_past_the_timeout_is_one_plain_line(
    sqlite_url, every_kind, monkeypatch, caplog
):
    monkeypatch.setenv("REFOCUS_BUSY_TIMEOUT", "0.2")
    store = Store(sqlite_url)
    holder = sqlite3.connect(sqlite_url.removeprefix("sqlite:///"), isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another process writing, for longer than the timeout
    try:
        with pytest.raises(StoreError) as failed:
            store.save_draft("k", every_kind, {"notes": MARKER})
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert "locked by another process" in str(failed.value) and "try again" in str(failed.value)
    _nowhere_holds(MARKER, failed.value, caplog)
    assert "locked by another process" in _one_store_line(caplog).getMessage()
    store.save_draft("k", every_kind, {"notes": MARKER})  # the lock gone, the draft is kept
    assert store.load_draft("k") == {"notes": MARKER}
    store.close()


def _failing_writes(message: str):
    """What SQLite answers for every statement that writes, when the disk is full or the
    database read-only (the real read-only folder is in tests/cli/test_faults.py)."""

    def fail(_conn, _cursor, statement, *_args):
        if statement.lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE")):
            raise sqlite3.OperationalError(message)

    return fail


@pytest.mark.parametrize(
    ("sqlite_says", "we_say"),
    [
        ("database or disk is full", "the disk holding {} is full; free some space and try again"),
        (
            "attempt to write a readonly database",
            "cannot write to {}: the folder or its database "
            "is read-only; make it writable, or set REFOCUS_DATA_DIR to a folder that is",
        ),
    ],
)
def test_a_failed_write_is_one_plain_line_and_nothing_is_half_stored(
    sqlite_says, we_say, sqlite_url, data_dir, every_kind, caplog
):
    store = Store(sqlite_url)
    fail = _failing_writes(sqlite_says)
    event.listen(store.engine, "before_cursor_execute", fail)
    with pytest.raises(StoreError) as failed:
        store.submit(every_kind, {"title": "A title", "notes": MARKER})
    assert str(failed.value) == we_say.format(data_dir)
    _nowhere_holds(MARKER, failed.value, caplog)
    _one_store_line(caplog)
    event.remove(store.engine, "before_cursor_execute", fail)
    assert store.count() == 0
    store.close()


def test_a_data_folder_that_cannot_be_made_says_so(data_dir):
    (data_dir / "a-file").write_text("not a folder")
    folder_is_a_file = r"a-file as the data folder: it, or a folder above it, is a file"
    with pytest.raises(StoreError, match=folder_is_a_file):
        Store(f"sqlite:///{data_dir / 'a-file' / 'refocus.sqlite3'}")


def test_an_unreachable_database_server_is_one_line():
    url = f"postgresql+psycopg://refocus@127.0.0.1:{free_port()}/refocus?connect_timeout=5"
    with pytest.raises(StoreError, match=r"^the store failed: OperationalError: ") as failed:
        Store(url)
    assert "\n" not in str(failed.value)


def test_reading_never_waits_on_a_writer(sqlite_url, every_kind, monkeypatch):
    """Another process holding the write lock for minutes: opening the store and reading it
    go on (WAL), only writes wait, and then fail with a plain line."""
    monkeypatch.setenv("REFOCUS_BUSY_TIMEOUT", "20")
    with Store(sqlite_url) as store:
        store.save_draft("k", every_kind, {"title": "Kept"})
    holder = sqlite3.connect(sqlite_url.removeprefix("sqlite:///"), isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        start = time.monotonic()
        with Store(sqlite_url) as again:  # its tables in place, opening writes nothing
            assert again.load_draft("k") == {"title": "Kept"} and again.count() == 0
        assert time.monotonic() - start < 10  # not the 20 s a write would wait
    finally:
        holder.execute("ROLLBACK")
        holder.close()
