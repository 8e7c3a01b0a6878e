"""The facilitator's desk, driven headless."""

import base64
import re

import pytest

from refocus_kit.facilitator import SessionDesk
from refocus_kit.sessions import open_sessions

TEAM = "Demo team (fictional)"


@pytest.fixture
def desk(store):
    return SessionDesk(store, auto_refresh=False, forms_url="http://kit.invalid:8866/")


def test_open_a_session_shows_link_and_qr(desk, store):
    desk.team.value = TEAM
    desk.number.value = 3
    desk.expected.value = 9
    session = desk.open()
    assert [s.code for s in open_sessions(store)] == [session.code]
    assert session.mode == "self_organised" and session.expected == 9
    assert f"http://kit.invalid:8866/s/{session.code}" in desk.header.value
    assert "<svg" in desk.header.value
    assert "0</strong> responses" in desk.record.value


def test_bad_session_fields_show_messages(desk, store):
    desk.team.value = "  "
    assert desk.open() is None
    assert "Team" in desk.message.value and 'role="alert"' in desk.message.value
    assert open_sessions(store) == []


def test_live_view_follows_responses(desk, store):
    desk.team.value = "<b>Team</b> (fictional)"
    session = desk.open()
    assert "&lt;b&gt;Team&lt;/b&gt;" in desk.header.value
    store.submit(
        "team_reflection_session", {"enablers": "Good supervision"}, team=TEAM, session=session.code
    )
    desk.refresh()
    assert "1</strong> response so far" in desk.record.value
    assert "Good supervision" in desk.record.value


def test_downloads_hold_the_record_and_exports(desk, store):
    desk.team.value = TEAM
    session = desk.open()
    store.submit(
        "team_reflection_session",
        {"enablers": "=cmd|' /C calc'!A0"},
        team=TEAM,
        session=session.code,
    )
    desk.refresh()
    desk.prepare_button.click()
    links = dict(
        re.findall(r'download="([^"]+)" href="data:[^;]+;base64,([^"]+)"', desk.downloads.value)
    )
    assert set(links) == {
        f"refocus-session-{session.code}.{ext}" for ext in ("html", "pdf", "csv", "xlsx")
    }
    csv = base64.b64decode(links[f"refocus-session-{session.code}.csv"]).decode()
    assert "'=cmd" in csv
    assert base64.b64decode(links[f"refocus-session-{session.code}.pdf"]).startswith(b"%PDF")
    store.submit("team_reflection_session", {"enablers": "More"}, team=TEAM, session=session.code)
    desk.refresh()
    assert desk.downloads.value == ""  # stale links are withdrawn


def test_anonymous_session_offers_no_downloads_until_three(desk, store):
    desk.team.value = TEAM
    desk.anonymous.value = True
    session = desk.open()
    store.submit("team_reflection_session", {"enablers": "x"}, team=TEAM, session=session.code)
    desk.refresh()
    assert desk.prepare_button.disabled
    desk.prepare_downloads()
    assert desk.downloads.value == ""


def test_close_from_the_desk(desk, store):
    desk.team.value = TEAM
    desk.open()
    desk.close_button.click()
    assert open_sessions(store) == []
    assert "(closed)" in desk.header.value
