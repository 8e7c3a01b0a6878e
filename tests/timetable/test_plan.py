"""The dated plan follows the manual's chapter 6 month by month, over 18 months or scaled."""

import datetime as dt

import pytest

from refocus_kit.timetable import (
    CANCELLED,
    MOVED,
    Change,
    add_months,
    make_timetable,
    month_of,
    scaled_date,
)

# Chapter 6 (section 6.1), written out here from the manual's text, not read from the kit's
# programme file: strategy -> {event number or id: month}.
CHAPTER_6 = {
    1: {"team_information_session": 1, "service_user_carer_information_session": 1,
        "information_sheet": 1},
    2: {1: 1, 2: 2, 3: 5},
    3: {1: 1, 2: 2, 3: 3},
    4: {1: 1, 2: 3, 3: 6, 4: 9, 5: 12, 6: 15},
    5: {n: 2 * n for n in range(1, 10)},
}  # fmt: skip
FACILITATED_REFLECTION = {1, 2, 5}  # "(Facilitated)" in the text; the rest "(Self-organised)"
START = dt.date(2027, 3, 15)


def _key(dated):
    return dated.event.number if dated.event.number is not None else dated.event.id


@pytest.mark.parametrize("month", range(1, 19))
def test_each_month_holds_the_manuals_events(month):
    plan = make_timetable("Team A", START, 18)
    found = {
        (d.strategy.number, _key(d))
        for d in plan.events
        if d.until is None and month_of(START, d.on) == month
    }
    expected = {(s, k) for s, events in CHAPTER_6.items() for k, m in events.items() if m == month}
    assert found == expected


def test_supervision_reflection_runs_from_month_2_to_18():
    supervision = make_timetable("Team A", START, 18).event("supervision_reflection")
    assert month_of(START, supervision.on) == 2
    assert supervision.until == add_months(START, 18) - dt.timedelta(days=1)
    assert not supervision.provided


def test_provided_and_self_organised_as_the_text_says():
    plan = make_timetable("Team A", START, 18)
    for dated in plan.events:
        if dated.strategy.number == 5:
            assert dated.provided == (dated.event.number in FACILITATED_REFLECTION)
        elif dated.strategy.number in (2, 3, 4):
            assert dated.provided
    assert not plan.event("information_sheet").provided


def test_events_fall_on_weekdays_in_their_month():
    for dated in make_timetable("Team A", dt.date(2027, 5, 1), 18).events:
        assert dated.on.weekday() < 5
        assert month_of(dt.date(2027, 5, 1), dated.on) == dated.event.month


def test_a_twelve_month_programme_keeps_the_order_and_scales_the_spacing():
    plan = make_timetable("Team A", START, 12)
    dates = [d.planned_on for d in plan.events]
    assert dates == sorted(dates)
    first, second = plan.event("recovery_training_1"), plan.event("recovery_training_2")
    assert 14 <= (second.on - first.on).days <= 28  # "spaced 2-4 weeks" still
    last = plan.event("team_reflection_9").on
    assert month_of(START, last) == 12 and last <= plan.end
    assert plan.event("supervision_reflection").until == plan.end


def test_scaled_date_over_18_months_is_the_calendar_month():
    assert scaled_date(dt.date(2027, 1, 4), 3) == dt.date(2027, 3, 4)
    assert scaled_date(dt.date(2027, 1, 31), 2) == dt.date(2027, 3, 1)  # 28 Feb is a Sunday


def test_month_of_counts_from_the_start_day():
    start = dt.date(2027, 1, 31)
    assert month_of(start, dt.date(2027, 2, 27)) == 1
    assert month_of(start, dt.date(2027, 2, 28)) == 2
    assert month_of(start, start) == 1


def test_changes_move_or_cancel_one_event():
    moved = Change("manager_group_2", MOVED, dt.date(2027, 6, 1), "room booked")
    cancelled = Change("team_reflection_4", CANCELLED)
    plan = make_timetable(
        "Team A", START, 18, {"manager_group_2": moved, "team_reflection_4": cancelled}
    )
    assert plan.event("manager_group_2").on == dt.date(2027, 6, 1)
    assert plan.event("manager_group_2").status == MOVED
    assert plan.event("team_reflection_4").on is None
    assert plan.event("team_reflection_5").status == "planned"


def test_a_length_outside_the_programme_is_refused():
    with pytest.raises(ValueError, match="1 to 18 months, not 24"):
        make_timetable("Team A", START, 24)
