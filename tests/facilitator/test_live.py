"""The facilitator's desk, driven headless."""

import asyncio
import base64
import gc
import re
import weakref

import pytest

from refocus_kit.facilitator import SessionDesk
from refocus_kit.sessions import get_session, open_session, open_sessions

TEAM = "Demo team (fictional)"


@pytest.fixture
def desk(store):
    return SessionDesk(store, auto_refresh=False, forms_url="http://kit.invalid:8866/")


def test_open_a_session_shows_link_and_qr(desk, store):
    desk.team.value = TEAM
    desk.number.value = 3
    desk.expected.value = 9
    session = desk.start_session()
    assert [s.code for s in open_sessions(store)] == [session.code]
    assert session.mode == "self_organised" and session.expected == 9
    assert f"http://kit.invalid:8866/s/{session.code}" in desk.header.value
    assert "<svg" in desk.header.value
    assert "0</strong> responses" in desk.record.value


def test_bad_session_fields_show_messages(desk, store):
    desk.team.value = "  "
    assert desk.start_session() is None
    assert "Team" in desk.message.value and 'role="alert"' in desk.message.value
    assert open_sessions(store) == []


def test_live_view_follows_responses(desk, store):
    desk.team.value = "<b>Team</b> (fictional)"
    session = desk.start_session()
    assert "&lt;b&gt;Team&lt;/b&gt;" in desk.header.value
    store.submit(
        "team_reflection_session", {"enablers": "Good supervision"}, team=TEAM, session=session.code
    )
    desk.refresh()
    assert "1</strong> response so far" in desk.record.value
    assert "Good supervision" in desk.record.value


def test_downloads_hold_the_record_and_exports(desk, store):
    desk.team.value = TEAM
    session = desk.start_session()
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
    session = desk.start_session()
    store.submit("team_reflection_session", {"enablers": "x"}, team=TEAM, session=session.code)
    desk.refresh()
    assert desk.prepare_button.disabled
    desk.prepare_downloads()
    assert desk.downloads.value == ""


def test_close_from_the_desk(desk, store):
    desk.team.value = TEAM
    desk.start_session()
    desk.close_button.click()
    assert open_sessions(store) == []
    assert "(closed)" in desk.header.value


def test_the_desk_is_a_widget_the_page_can_show(desk):
    assert desk.model_id and desk.comm is not None
    bundle = desk._repr_mimebundle_()
    assert bundle["application/vnd.jupyter.widget-view+json"]["model_id"] == desk.model_id


def close_tree(widget) -> None:
    for child in getattr(widget, "children", ()):
        close_tree(child)
    widget.close()


def test_collecting_a_desk_leaves_its_session_open(store):
    desk = SessionDesk(store, auto_refresh=False, forms_url="http://kit.invalid:8866/")
    desk.team.value = TEAM
    code = desk.start_session().code
    gone = weakref.ref(desk)
    close_tree(desk)  # its buttons' callbacks hold it while they are open
    del desk
    gc.collect()
    assert gone() is None
    assert get_session(store, code).is_open


def test_closing_the_desk_stops_its_refresh(store):
    async def shown_then_closed():
        desk = SessionDesk(store, forms_url="http://kit.invalid:8866/")
        assert desk._task is not None and not desk._task.done()
        desk.close()
        await asyncio.sleep(0)
        return desk._task.cancelled()  # asked inside: asyncio.run cancels what is left

    assert asyncio.run(shown_then_closed())


def test_opening_the_desk_on_an_empty_data_folder_writes_nothing(data_dir):
    desk = SessionDesk(auto_refresh=False, forms_url="http://kit.invalid:8866/")
    assert list(data_dir.iterdir()) == []
    assert desk.picker.options == (("—", ""),) and desk.picker.label == "—"
    desk.team.value = TEAM
    assert desk.start_session() is not None  # the store is made when it is first needed
    assert (data_dir / "refocus.sqlite3").exists()


def test_demo_sessions_say_so_in_the_picker(store):
    open_session(store, "team_reflection_session", TEAM, demo=True)
    desk = SessionDesk(store, auto_refresh=False, forms_url="http://kit.invalid:8866/")
    [(label, code)] = desk.picker.options[1:]
    assert label.endswith("(demo data)")
    desk.picker.value = code
    assert f"{code}</strong> (open, demo data)" in desk.header.value


def test_the_session_number_runs_over_the_chosen_forms_series(desk):
    """Nine team reflection sessions and six manager groups (manual, chapter 6, strategies 5
    and 4); the supervision form's events are not numbered."""
    assert desk.number.max == 9
    desk.number.value = 8
    desk.form_choice.value = "manager_reflection_group"
    assert (desk.number.max, desk.number.value) == (6, 6)
    desk.form_choice.value = "supervision_reflection"
    assert desk.number.layout.display == "none"
    desk.form_choice.value = "team_reflection_session"
    assert desk.number.layout.display == "" and desk.number.max == 9


def test_a_desk_for_another_form_opens_a_session_of_it(store):
    desk = SessionDesk(store, auto_refresh=False, form="team_information_session_discussion")
    assert desk.children[0].value == "<h2>Team information session: questions from the room</h2>"
    assert desk.number.layout.display == "none"  # the information sessions are not numbered
    desk.team.value = TEAM
    session = desk.start_session()
    assert session.form_id == "team_information_session_discussion"
    assert session.number is None and session.mode == "facilitated"


def test_a_desk_refuses_a_form_no_room_can_open(store):
    assert SessionDesk(store, auto_refresh=False).children[0].value == "<h2>Reflection session</h2>"
    with pytest.raises(ValueError, match="'attendance' is not a participant form"):
        SessionDesk(store, auto_refresh=False, form="attendance")
