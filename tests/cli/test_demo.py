"""`refocus demo load` and `refocus demo clear`."""

import datetime as dt

from refocus_kit.demo import DEMO_ROOM, demo_answers
from refocus_kit.demo_programme import planned
from refocus_kit.sessions import open_session, open_sessions
from refocus_kit.store import Store


def test_load_twice_then_clear(cli):
    first = cli("demo", "load")
    forms = len(demo_answers())
    responses = forms + len(DEMO_ROOM) + len(planned(dt.date.today(), demo_answers()))
    assert first.exit_code == 0 and f"demo data for {forms} forms" in first.output
    cli("demo", "load")
    with Store() as store:
        assert store.count() == responses and all(r.demo for r in store.responses())
    cleared = cli("demo", "clear")
    assert cleared.output.strip() == f"deleted {responses} demo responses and 1 demo session(s)"
    with Store() as store:
        assert store.count() == 0 and open_sessions(store) == []


def test_clear_keeps_real_responses_and_sessions(cli):
    with Store() as store:
        room = open_session(store, "team_reflection_session", "Team A")
        store.submit("team_reflection_session", {"enablers": "x"}, team="Team A", session=room.code)
    cli("demo", "load")
    cli("demo", "clear")
    with Store() as store:
        assert [r.session for r in store.responses()] == [room.code]
        assert [s.code for s in open_sessions(store)] == [room.code]
