"""The fictional demo data: marked as demo in every row it writes, and removed exactly."""

from refocus_kit.demo import DEMO_RESPONDENT, DEMO_ROOM, DEMO_TEAM, clear_demo, load_demo
from refocus_kit.sessions import get_session, open_session, open_sessions

FORM = "team_reflection_session"


def test_load_marks_every_response_and_the_session_as_demo(store):
    forms = load_demo(store)
    saved = store.responses()
    assert len(saved) == forms + len(DEMO_ROOM)
    assert all(r.demo for r in saved) and {r.team for r in saved} == {DEMO_TEAM}
    [session] = open_sessions(store)
    assert session.demo and session.team == DEMO_TEAM


def test_loading_twice_stores_nothing_new(store):
    load_demo(store)
    count = store.count()
    load_demo(store)
    assert store.count() == count and len(open_sessions(store)) == 1


def test_clear_removes_exactly_the_demo_data(store):
    room = open_session(store, FORM, "Team A", number=2)
    answers = {"enablers": "Manager backing"}
    real = [
        store.submit(FORM, answers, team="Team A", session=room.code, respondent="w.001"),
        store.submit(FORM, answers, team="Team A"),  # no respondent
        # real data that merely looks like the demo's: same team name and pseudonym
        store.submit(FORM, answers, team=DEMO_TEAM, respondent=DEMO_RESPONDENT),
    ]
    forms = load_demo(store)
    [demo_session] = [s for s in open_sessions(store) if s.demo]
    # someone tries the demo session's link during a demonstration: demo data too
    store.submit(FORM, answers, team=DEMO_TEAM, session=demo_session.code, respondent="w.002")

    assert clear_demo(store) == (forms + len(DEMO_ROOM) + 1, 1)
    assert [r.id for r in store.responses()] == [r.id for r in real]
    assert get_session(store, demo_session.code) is None
    assert get_session(store, room.code).is_open
    assert clear_demo(store) == (0, 0)
