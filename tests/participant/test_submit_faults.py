"""A submit that meets a store fault, in a real browser against a running server: the page says
"Saving…" while it waits, then in words that nothing was saved yet, keeps the text, tries again
by itself, and stores the response once the fault clears; the log never holds the answer."""

from __future__ import annotations

import sqlite3

import pytest
from playwright.sync_api import expect

from refocus_kit.sessions import open_session
from refocus_kit.store import Store
from tests.support.servers import ParticipantServer

from .browsing import form_ready, submit

pytestmark = [pytest.mark.browser, pytest.mark.slow]
TEAM = "Demo team (fictional)"
PHONE_390 = {"width": 390, "height": 844}
TYPED = "Typed before the fault zq-submit-4417"  # fictional; looked for in the log


@pytest.fixture
def server(tmp_path):
    running = ParticipantServer(tmp_path, env={"REFOCUS_BUSY_TIMEOUT": "1"})
    yield running
    running.stop()


def test_a_submit_during_a_lock_is_told_kept_retried_and_stored_once(server, open_page, tmp_path):
    with Store(server.store_url) as store:
        session = open_session(store, "team_reflection_session", TEAM, expected=1)
    page = open_page(viewport=PHONE_390)
    page.goto(f"{server.base}s/{session.code}")
    form_ready(page)
    box = page.get_by_label("Enablers to progress", exact=True).first
    box.fill(TYPED)
    holder = sqlite3.connect(server.data_dir / "refocus.sqlite3", isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another process holds the write lock
    try:
        submit(page)
        told = page.get_by_text("Nothing was saved yet", exact=False)
        expect(told).to_be_visible(timeout=30_000)
        expect(page.get_by_text("the kit will try again", exact=False)).to_be_visible()
        expect(box).to_have_value(TYPED)  # the text stays on the page
        told.scroll_into_view_if_needed()
        page.screenshot(path=str(tmp_path / "submit-failed-390.png"))
        with Store(server.store_url) as store:
            assert store.responses(session=session.code) == []
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    saved = page.get_by_text("Thank you: your answers are saved", exact=False)
    expect(saved).to_be_visible(timeout=60_000)  # retried by itself, no click
    with Store(server.store_url) as store:
        stored = store.responses(session=session.code)
    assert [r.answers["enablers"] for r in stored] == [TYPED]
    log = server.log.read_text(errors="replace")
    assert TYPED not in log
    # the facilitator's one line for the failure, and one once it was saved
    assert "submit of form team_reflection_session failed (attempt 1" in log
    assert "submit of form team_reflection_session saved after" in log
