import datetime as dt

import pytest

from refocus_kit.forms import AnswersError
from refocus_kit.sessions import (
    close_session,
    get_session,
    open_session,
    open_sessions,
    prefill,
    qr_svg,
    short_link,
)

TEAM = "Demo team (fictional)"


def test_open_and_find_a_session(store):
    session = open_session(
        store, "team_reflection_session", TEAM, number=2, held_on=dt.date(2026, 3, 4), expected=8
    )
    assert len(session.code) == 6 and session.code.isalnum() and session.code.isupper()
    found = get_session(store, session.code.lower())
    assert found == session and found.is_open
    assert found.title == "Team reflection session record 2: Demo team (fictional), 04 March 2026"


def test_a_form_made_for_one_event_does_not_repeat_its_number_in_the_title(store):
    """A training session's discussion form names its session already (issue 12)."""
    session = open_session(
        store, "recovery_training_2_discussion", TEAM, number=2, held_on=dt.date(2026, 3, 4)
    )
    assert session.title == (
        "Personal recovery training, session 2: room discussion: Demo team (fictional), "
        "04 March 2026"
    )


def test_codes_avoid_characters_people_misread(store):
    codes = "".join(open_session(store, "supervision_reflection", TEAM).code for _ in range(30))
    assert not set(codes) & set("01OIL")


def test_the_manual_timetable_sets_the_default_format(store):
    def mode(number: int) -> str:
        return open_session(store, "team_reflection_session", TEAM, number=number).mode

    assert [mode(n) for n in range(1, 10)] == [
        "facilitated",
        "facilitated",
        "self_organised",
        "self_organised",
        "facilitated",
        "self_organised",
        "self_organised",
        "self_organised",
        "self_organised",
    ]
    assert open_session(store, "manager_reflection_group", TEAM, number=4).mode == "facilitated"


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"form_id": "strengths_worksheet"}, "not a participant form"),
        ({"number": 10}, "must be 1 to 9"),
        ({"expected": 0}, "must be 1 to 200"),
        ({"mode": "online"}, "choose one of"),
        ({"team": "943 476 5919"}, "NHS number"),
        ({"team": ""}, "non-empty"),
    ],
)
def test_bad_sessions_are_refused(store, kwargs, message):
    args = {"form_id": "team_reflection_session", "team": TEAM, **kwargs}
    with pytest.raises(AnswersError, match=message):
        open_session(store, args.pop("form_id"), args.pop("team"), **args)
    assert open_sessions(store) == []


def test_close(store):
    session = open_session(store, "team_reflection_session", TEAM)
    assert close_session(store, session.code)
    assert not close_session(store, session.code)
    assert not get_session(store, session.code).is_open
    assert open_sessions(store) == []


def test_open_sessions_oldest_first_and_since_a_time(store):
    first = open_session(store, "team_reflection_session", TEAM)
    second = open_session(store, "supervision_reflection", TEAM)
    assert [s.code for s in open_sessions(store)] == [first.code, second.code]
    later = dt.datetime.now(dt.UTC) + dt.timedelta(minutes=1)
    assert open_sessions(store, opened_since=later) == []
    earlier = dt.datetime.now(dt.UTC) - dt.timedelta(hours=1)
    assert len(open_sessions(store, opened_since=earlier)) == 2


def test_unknown_or_silly_codes(store):
    assert get_session(store, "NOPE99") is None
    assert get_session(store, "") is None
    assert get_session(store, "x" * 200) is None


def test_prefill_uses_the_session(store):
    team = open_session(store, "team_reflection_session", TEAM, number=5)
    assert prefill(team) == {"session_number": "s5", "month": 10, "format": "facilitated"}
    managers = open_session(store, "manager_reflection_group", TEAM, number=2)
    assert prefill(managers) == {"group_number": "g2"}
    assert prefill(open_session(store, "supervision_reflection", TEAM)) == {}


def test_short_link_and_qr():
    assert short_link("http://kit.invalid:8866", "ABC234") == "http://kit.invalid:8866/s/ABC234"
    assert short_link("http://kit.invalid/forms/", "ABC234") == "http://kit.invalid/forms/s/ABC234"
    svg = qr_svg("http://kit.invalid/s/ABC234")
    assert svg.startswith("<?xml") and "<svg" in svg and "<path" in svg
