"""The fictional demo data: marked as demo in every row it writes, and removed exactly."""

import datetime as dt

from refocus_kit.demo import (
    DEMO_RESPONDENT,
    DEMO_ROOM,
    DEMO_TEAM,
    clear_demo,
    demo_answers,
    load_demo,
)
from refocus_kit.demo_programme import DEMO_PROGRAMME_TEAMS, planned
from refocus_kit.sessions import get_session, open_session, open_sessions
from refocus_kit.timetable import save_start, timetabled_teams

FORM = "team_reflection_session"


def _programme() -> int:
    """How many responses the demo teams' programme makes when loaded today."""
    return len(planned(dt.date.today(), demo_answers()))


def test_load_marks_every_response_and_the_session_as_demo(store):
    forms = load_demo(store)
    saved = store.responses()
    assert len(saved) == forms + len(DEMO_ROOM) + _programme()
    teams = {DEMO_TEAM} | {t.name for t in DEMO_PROGRAMME_TEAMS}
    assert all(r.demo for r in saved) and {r.team for r in saved} == teams
    assert all("(fictional)" in team for team in teams)
    [session] = open_sessions(store)
    assert session.demo and session.team == DEMO_TEAM
    assert timetabled_teams(store) == sorted(t.name for t in DEMO_PROGRAMME_TEAMS)


def test_the_programme_covers_several_teams_over_a_whole_programme():
    made = planned(dt.date(2027, 6, 1), demo_answers())
    for team in DEMO_PROGRAMME_TEAMS:
        mine = [p for p in made if p.team == team.name]
        assert {p.form_id for p in mine} >= {
            "attendance", "team_reflection_session", "manager_reflection_group",
            "supervision_reflection", "care_record_audit", "partnership_project_proposal",
        }  # fmt: skip
        first, last = min(p.made_on for p in mine), max(p.made_on for p in mine)
        assert (last - first).days > 30 * (team.started_months_ago - 2)


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

    save_start(store, "Team A", dt.date(2027, 1, 11))
    assert clear_demo(store) == (forms + len(DEMO_ROOM) + _programme() + 1, 1)
    assert timetabled_teams(store) == ["Team A"]
    assert [r.id for r in store.responses()] == [r.id for r in real]
    assert get_session(store, demo_session.code) is None
    assert get_session(store, room.code).is_open
    assert clear_demo(store) == (0, 0)
