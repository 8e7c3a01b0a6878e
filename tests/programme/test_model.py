"""The programme as the manual states it (chapter 6, section 6.1; Figure 2 in section 6.2).
Each test quotes the lines of the manual it checks."""

from __future__ import annotations

import pytest

from refocus_kit.programme import programme


@pytest.fixture(scope="module")
def refocus():
    return programme()


def test_the_six_strategies_in_the_manuals_order(refocus):
    # 6.1: "1. Information sharing 2. Personal recovery training 3. Coaching and working
    # practice training 4. Team manager / leader reflection groups 5. Team reflection sessions
    # 6. Supervision reflection"
    assert [s.name for s in refocus.strategies] == [
        "Information sharing",
        "Personal recovery training",
        "Coaching and working practice training",
        "Team manager / leader reflection groups",
        "Team reflection sessions",
        "Supervision reflection",
    ]
    assert refocus.months == 18  # "The intervention in the trial lasts for 18 months"


def test_information_sharing_is_all_in_month_one(refocus):
    # Strategy 1: "1 Team information session ... 1 Service user and carer information session
    # ... 1 Team managers will organise for each person using the service to receive a copy of
    # the REFOCUS Information Sheet"
    events = refocus.strategy("information_sharing").events
    assert [e.month for e in events] == [1, 1, 1]
    assert "Appendix 1" in events[2].purpose


def test_personal_recovery_training_is_three_half_days_in_months_one_two_and_five(refocus):
    # Strategy 2: "1-2, 5 ... within 3 half-day sessions, spaced 2-4 weeks and 3 months apart"
    events = refocus.strategy(2).events
    assert [(e.number, e.month, e.length.label) for e in events] == [
        (1, 1, "half day"),
        (2, 2, "half day"),
        (3, 5, "half day"),
    ]
    assert "2-4 weeks and 3 months apart" in refocus.strategy(2).spacing


def test_coaching_is_a_full_day_then_two_half_days_a_month_apart(refocus):
    # Strategy 3: "over 1 full day and 2 half-day sessions, spaced one month apart"
    events = refocus.strategy(3).events
    assert [(e.month, e.length.label) for e in events] == [
        (1, "full day"),
        (2, "half day"),
        (3, "half day"),
    ]


def test_six_manager_groups_in_the_months_the_text_gives(refocus):
    # Strategy 4: "This strategy involves six one-hour groups ... 1 Group 1 ... 3 Group 2 ...
    # 6 Group 3 ... 9 Group 4 ... 12 Group 5 ... 15 Group 6" (Figure 2 shades month 8 for group
    # 4: the text is followed.)
    groups = refocus.strategy(4)
    assert [(e.number, e.month) for e in groups.events] == [
        (1, 1), (2, 3), (3, 6), (4, 9), (5, 12), (6, 15)
    ]  # fmt: skip
    assert {e.length.hours for e in groups.events} == {1}
    assert groups.event(1).purpose.startswith("Identify anticipated blocks and enablers")
    assert groups.form == "manager_reflection_group"


def test_nine_team_sessions_every_two_months_moving_to_self_organised(refocus):
    # Strategy 5: "2 (Facilitated) ... 4 (Facilitated) ... 6 (Self-organised) ...
    # 8 (Self-organised) ... 10 (Facilitated) ... 12 (Self-organised) ... 14 (Self-organised)
    # ... 16 (Self-organised) ... 18 (Self-organised)"
    sessions = refocus.strategy(5)
    facilitated = {2, 4, 10}
    assert [e.month for e in sessions.events] == list(range(2, 19, 2))
    assert [e.mode for e in sessions.events] == [
        "facilitated" if e.month in facilitated else "self_organised" for e in sessions.events
    ]
    assert sessions.form == "team_reflection_session"


def test_supervision_reflection_runs_from_month_two_to_eighteen(refocus):
    # Strategy 6: "2-18 ... the use of the Supervision Reflection Form (shown in Appendix 9) at
    # each supervision"
    (event,) = refocus.strategy(6).events
    assert list(event.months) == list(range(2, 19))
    assert event.mode == "self_organised"
    assert refocus.strategy(6).form == "supervision_reflection"


def test_events_run_in_month_order(refocus):
    months = [e.month for e in refocus.events]
    assert months == sorted(months)
    assert len(refocus.events) == 3 + 3 + 3 + 6 + 9 + 1


def test_a_strategy_is_found_by_number_or_id_and_a_wrong_key_is_named(refocus):
    assert refocus.strategy(5) is refocus.strategy("team_reflection_sessions")
    assert refocus.strategy_for_form("team_reflection_session").number == 5
    assert refocus.strategy_for_form("attendance") is None
    with pytest.raises(KeyError, match="no strategy 7"):
        refocus.strategy(7)
    with pytest.raises(KeyError, match="has no event number 10"):
        refocus.strategy(5).event(10)
