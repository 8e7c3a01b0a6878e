"""Changes are kept in the store: the next reader sees them, and demo clear removes only demo."""

import datetime as dt

import pytest

from refocus_kit.forms.validate import AnswersError
from refocus_kit.store import Store
from refocus_kit.timetable import (
    cancel_event,
    clear_demo_timetables,
    move_event,
    restore_event,
    save_start,
    team_timetable,
    timetabled_teams,
)

START = dt.date(2027, 3, 15)


def test_a_moved_and_a_cancelled_event_are_kept_for_the_next_reader(store, store_url):
    save_start(store, "Team A", START, 18)
    move_event(store, "Team A", "manager_group_2", dt.date(2027, 6, 2), "room booked")
    cancel_event(store, "Team A", "team_reflection_4", "merged with session 5")
    with Store(store_url) as again:
        plan = team_timetable(again, "Team A")
    assert plan.event("manager_group_2").on == dt.date(2027, 6, 2)
    assert plan.event("manager_group_2").change.note == "room booked"
    assert plan.event("team_reflection_4").on is None
    assert plan.event("team_reflection_3").status == "planned"


def test_moving_again_replaces_the_change_and_restore_undoes_it(store):
    save_start(store, "Team A", START)
    move_event(store, "Team A", "manager_group_2", dt.date(2027, 6, 2))
    cancel_event(store, "Team A", "manager_group_2")
    assert team_timetable(store, "Team A").event("manager_group_2").on is None
    assert restore_event(store, "Team A", "manager_group_2")
    dated = team_timetable(store, "Team A").event("manager_group_2")
    assert dated.on == dated.planned_on and dated.change is None


def test_a_new_start_keeps_the_changes_and_other_teams_are_apart(store):
    save_start(store, "Team A", START)
    save_start(store, "Team B", START)
    cancel_event(store, "Team A", "coaching_day")
    save_start(store, "Team A", dt.date(2027, 4, 1), 12)
    plan = team_timetable(store, "Team A")
    assert plan.months == 12 and plan.event("coaching_day").on is None
    assert team_timetable(store, "Team B").event("coaching_day").on is not None
    assert team_timetable(store, "Team C") is None
    assert timetabled_teams(store) == ["Team A", "Team B"]


def test_unknown_event_and_bad_team_are_refused_with_a_message(store):
    with pytest.raises(AnswersError, match="no event 'group_99'"):
        move_event(store, "Team A", "group_99", START)
    with pytest.raises(AnswersError, match="Team"):
        save_start(store, " ", START)


def test_demo_clear_removes_only_demo_timetables(store):
    save_start(store, "Real team", START)
    save_start(store, "Demo team (fictional)", START, demo=True)
    cancel_event(store, "Demo team (fictional)", "coaching_day", demo=True)
    assert clear_demo_timetables(store) == 1
    assert timetabled_teams(store) == ["Real team"]
