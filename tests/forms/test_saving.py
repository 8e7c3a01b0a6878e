"""The form's save path when the store fails, driven headless: a lock held past the store's
timeout, a full disk, a read-only store. The person is told in words, keeps their text, the kit
retries with backoff and saves exactly once; the log says so in one line, never the answers.
And the writes a room makes: one transaction per submit, drafts at most every few seconds."""

from __future__ import annotations

import logging
import sqlite3
import time

import pytest
from sqlalchemy import event

from refocus_kit.forms import render_form
from refocus_kit.forms.saving import BACKOFF, DRAFT_INTERVAL, Throttle, failure, flush_pending
from refocus_kit.store import Store
from refocus_kit.store import engine as store_engine

from .test_validate import GOOD

MARKER = "zq-marker-7731"  # typed text that must never reach a log
ANSWERS = {**GOOD, "notes": f"my private note {MARKER}"}


class Clock:
    """The event loop, stood in for: what is scheduled runs when the test says."""

    class Handle:
        def __init__(self, at, callback):
            self.at, self.callback, self.cancelled = at, callback, False

        def cancel(self):
            self.cancelled = True

    def __init__(self):
        self.now, self.handles = 0.0, []

    def later(self, delay, callback):
        handle = self.Handle(self.now + delay, callback)
        self.handles.append(handle)
        return handle

    def waiting(self) -> list[float]:
        return [h.at - self.now for h in self.handles if not h.cancelled]

    def advance(self, seconds: float) -> None:
        self.now += seconds
        due = [h for h in self.handles if not h.cancelled and h.at <= self.now]
        self.handles = [h for h in self.handles if h not in due]
        for handle in due:
            handle.callback()


@pytest.fixture
def short_busy_timeout(monkeypatch):
    """The store waits 0.2 s for a lock instead of 30 s."""
    monkeypatch.setattr(store_engine, "BUSY_TIMEOUT_MS", 200, raising=False)
    monkeypatch.setenv("REFOCUS_BUSY_TIMEOUT", "0.2")


@pytest.fixture
def store(data_dir, short_busy_timeout):
    opened = Store(f"sqlite:///{data_dir / 'faults.sqlite3'}")
    yield opened
    opened.close()


def stored(data_dir) -> int:
    """Responses in the store, read past any write lock (as the facilitator's reads are)."""
    with sqlite3.connect(data_dir / "faults.sqlite3") as raw:
        return raw.execute("SELECT count(*) FROM responses").fetchone()[0]


def problem(form) -> str:
    return form.status.value


def assert_no_answers_logged(caplog) -> None:
    assert caplog.records, "the failure was not logged"
    for record in caplog.records:
        assert MARKER not in record.getMessage()
        assert "my private note" not in record.getMessage()


def test_a_lock_held_past_the_timeout_is_told_retried_and_saved_once(
    every_kind, store, data_dir, caplog
):
    clock = Clock()
    form = render_form(every_kind, store=store, draft_key="k", schedule=clock.later)
    form.set_answers(ANSWERS)
    holder = sqlite3.connect(data_dir / "faults.sqlite3", isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another process holds the write lock
    with caplog.at_level(logging.WARNING):
        assert form.submit() is None
    assert "Nothing was saved yet" in problem(form) and "try again in 2 seconds" in problem(form)
    assert 'role="alert"' in problem(form)
    assert form.value == ANSWERS and form.response is None  # the text stays on the page
    assert not form.submit_button.disabled and form.submit_button.description == "Submit"
    assert stored(data_dir) == 0
    assert any("submit of form" in r.getMessage() for r in caplog.records)
    assert_no_answers_logged(caplog)

    clock.advance(BACKOFF[0])  # still locked: the next try waits longer
    assert stored(data_dir) == 0 and f"try again in {BACKOFF[1]:g} seconds" in problem(form)
    holder.execute("ROLLBACK")
    holder.close()
    clock.advance(BACKOFF[1])
    assert form.response is not None and "your answers are saved" in problem(form)
    assert store.count() == 1 and store.responses()[0].answers["notes"] == ANSWERS["notes"]
    form.submit_button.click()  # nothing more to send, and no retry left behind
    clock.advance(60)
    assert store.count() == 1 and store.load_draft("k") is None
    assert_no_answers_logged(caplog)


def failing_writes(store, message: str) -> dict:
    """SQLite answers every write with `message` until state["on"] is False. (The tests run as
    root, who writes through any file permission, so a read-only folder is SQLite's own
    "attempt to write a readonly database" here; the server's tests make the real one.)"""
    state = {"on": True}

    @event.listens_for(store.engine, "before_cursor_execute")
    def _fail(_conn, _cursor, statement, *_args):
        if state["on"] and statement.lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE")):
            raise sqlite3.OperationalError(message)

    return state


@pytest.fixture
def disk_full(store):
    return failing_writes(store, "database or disk is full")


def test_a_full_disk_fails_drafts_and_submits_in_words_and_loses_nothing(
    every_kind, store, disk_full, caplog
):
    clock = Clock()
    form = render_form(every_kind, store=store, draft_key="k", schedule=clock.later)
    with caplog.at_level(logging.WARNING):
        form.inputs["notes"].control.value = f"typed {MARKER}"
        clock.advance(DRAFT_INTERVAL)  # the draft's turn
        assert "Your latest changes are not saved yet" in problem(form)
        form.set_answers(ANSWERS)
        form.submit()
    assert "Nothing was saved yet" in problem(form) and form.value == ANSWERS
    assert store.count() == 0 and store.load_draft("k") is None
    assert_no_answers_logged(caplog)
    assert any(
        "disk holding" in r.getMessage() and "is full" in r.getMessage() for r in caplog.records
    )
    disk_full["on"] = False
    clock.advance(60)
    assert store.count() == 1 and form.response is not None
    assert store.load_draft("k") is None  # the draft retry did not outlive the submit


def test_a_read_only_store_is_told_and_the_draft_saved_once_it_is_writable(
    every_kind, store, caplog
):
    clock = Clock()
    read_only = failing_writes(store, "attempt to write a readonly database")
    form = render_form(every_kind, store=store, draft_key="k", schedule=clock.later)
    with caplog.at_level(logging.WARNING):
        form.inputs["notes"].control.value = f"typed {MARKER}"
        clock.advance(DRAFT_INTERVAL)  # the draft's turn
    assert "not saved yet" in problem(form) and store.load_draft("k") is None
    assert_no_answers_logged(caplog)
    read_only["on"] = False
    clock.advance(BACKOFF[0])
    assert store.load_draft("k") == {"notes": f"typed {MARKER}"}
    assert "saved as a draft again" in problem(form)


def _watch_submit(form, store, wait: float) -> list[tuple]:
    """Submit through a store that takes `wait` seconds; what the page showed as it returned."""
    seen = []
    submit = store.submit

    def waiting_submit(*args, **kwargs):
        time.sleep(wait)
        seen.append(
            (form.status.value, form.submit_button.disabled, form.submit_button.description)
        )
        return submit(*args, **kwargs)

    store.submit = waiting_submit
    form.submit()
    return seen


def test_while_a_submit_waits_the_page_says_saving_and_the_button_is_disabled(every_kind, store):
    form = render_form(every_kind, store=store)
    form.saving_shown_after = 0.05
    form.set_answers(GOOD)
    assert _watch_submit(form, store, wait=0.5) == [
        ('<p role="status">Saving…</p>', True, "Saving…")
    ]
    assert not form.submit_button.disabled and form.submit_button.description == "Submit"
    assert "answers are saved" in form.status.value


def test_a_store_that_answers_at_once_costs_no_saving_message(every_kind, store):
    """The acknowledgement is the first thing the page hears after a quick save."""
    form = render_form(every_kind, store=store)
    form.saving_shown_after = 0.5
    form.set_answers(GOOD)
    sent = []
    for widget in (form.status, form.submit_button):
        widget.observe(lambda change, sent=sent: sent.append(change["new"]), names=None)
    assert _watch_submit(form, store, wait=0.0) == [("", False, "Submit")]
    assert "answers are saved" in sent[0]
    assert "Saving…" not in sent


def test_submit_and_letting_go_of_the_draft_are_one_transaction(every_kind, store):
    form = render_form(every_kind, store=store, draft_key="k")
    form.set_answers(GOOD)
    form.inputs["notes"].control.value = "a draft"
    assert store.load_draft("k") is not None
    writes = []
    event.listen(store.engine, "commit", lambda conn: writes.append(conn))
    form.submit()
    assert len(writes) == 1 and store.load_draft("k") is None and store.count() == 1


def test_drafts_are_written_at_most_every_few_seconds_and_the_last_change_always(every_kind, store):
    clock = Clock()
    form = render_form(every_kind, store=store, draft_key="k", schedule=clock.later)
    written = []
    save_draft = store.save_draft
    store.save_draft = lambda key, form_id, answers, *rest: (
        written.append(answers["notes"]),
        save_draft(key, form_id, answers, *rest),
    )
    for typed in ["a", "ab", "abc", "abcd"]:  # four keystrokes, as continuous updates send them
        form.inputs["notes"].control.value = typed
    assert written == [] and clock.waiting() == [DRAFT_INTERVAL]  # the first waits its turn
    clock.advance(DRAFT_INTERVAL)
    assert written == ["abcd"] and store.load_draft("k") == {"notes": "abcd"}
    form.inputs["notes"].control.value = "abcde"
    assert written == ["abcd"] and clock.waiting() == [DRAFT_INTERVAL]
    clock.advance(DRAFT_INTERVAL)
    assert written == ["abcd", "abcde"]


def test_typing_and_sending_at_once_writes_the_answer_and_no_draft(every_kind, store):
    clock = Clock()
    form = render_form(every_kind, store=store, draft_key="k", schedule=clock.later)
    writes = []
    event.listen(store.engine, "before_cursor_execute", lambda *a: writes.append(a[2]))
    form.set_answers(GOOD)
    form.inputs["notes"].control.value = "typed, then sent"
    assert form.submit() is not None
    assert not [w for w in writes if "drafts" in w and w.lstrip().upper().startswith("INSERT")]
    assert clock.waiting() == [] and store.load_draft("k") is None


def test_text_waiting_for_its_turn_is_written_when_the_kernel_stops(every_kind, store):
    clock = Clock()
    form = render_form(every_kind, store=store, draft_key="k", schedule=clock.later)
    for typed in ["a", "ab", "abc"]:
        form.inputs["notes"].control.value = typed
    assert store.load_draft("k") is None  # "abc" waits for its turn
    flush_pending()  # run at exit, as the page's kernel stops
    assert store.load_draft("k") == {"notes": "abc"}
    assert clock.waiting() == []  # and nothing is left to write it twice
    flush_pending()
    assert store.load_draft("k") == {"notes": "abc"}


def test_a_submitted_form_has_nothing_pending_at_exit(every_kind, store):
    clock = Clock()
    form = render_form(every_kind, store=store, draft_key="k", schedule=clock.later)
    form.inputs["notes"].control.value = "a"
    form.inputs["notes"].control.value = "ab"
    form.set_answers(ANSWERS)
    assert form.submit() is not None
    flush_pending()
    assert store.load_draft("k") is None  # the submit let go of the draft; exit keeps it gone


def test_a_throttle_with_no_event_loop_writes_every_change():
    writes = []
    throttle = Throttle(lambda: writes.append(1), 3.0, lambda _delay, _callback: None)
    throttle.changed()
    throttle.changed()
    assert writes == [1, 1]


def test_a_failure_is_named_without_the_statement_parameters(store):
    from sqlalchemy.exc import OperationalError

    exc = OperationalError("INSERT INTO x VALUES (?)", (MARKER,), sqlite3.OperationalError("boom"))
    assert MARKER in str(exc)
    assert failure(exc) == "OperationalError: boom"
