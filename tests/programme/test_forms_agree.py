"""The room forms and the programme say the same thing: a form's session options name the
programme's events, in order, with their months, formats and purposes. Change one without the
other and this fails."""

from __future__ import annotations

import pytest

from refocus_kit.forms import load_forms
from refocus_kit.programme import programme

ROOM_FORMS = [f for f in load_forms().values() if f.room is not None]
MODE_WORDS = {"facilitated": "facilitated", "self_organised": "self-organised"}
DISCUSSION = "_discussion"


def test_the_room_forms_are_the_records_and_the_sessions_discussions():
    assert {f.id: f.room.strategy for f in ROOM_FORMS} == {
        "coaching_day_discussion": "coaching_training",
        "coaching_follow_up_1_discussion": "coaching_training",
        "coaching_follow_up_2_discussion": "coaching_training",
        "manager_reflection_group": "manager_reflection_groups",
        "supervision_reflection": "supervision_reflection",
        "team_reflection_session": "team_reflection_sessions",
        "recovery_training_1_discussion": "personal_recovery_training",
        "recovery_training_2_discussion": "personal_recovery_training",
        "recovery_training_3_discussion": "personal_recovery_training",
        "service_user_carer_information_session_discussion": "information_sharing",
        "team_information_session_discussion": "information_sharing",
    }


DISCUSSIONS = [f for f in ROOM_FORMS if f.id.endswith(DISCUSSION)]


@pytest.mark.parametrize("form", DISCUSSIONS, ids=lambda f: f.id)
def test_a_session_discussion_records_the_strategy_of_its_event(form):
    """`<event-id>_discussion` is the room form of that programme event (issue 12)."""
    events = {e.id: e for e in programme().events}
    event = events[form.id.removesuffix(DISCUSSION)]
    assert programme().strategy(event.strategy).id == form.room.strategy
    assert form.kit_own and form.room.number_field is None


@pytest.mark.parametrize("form", ROOM_FORMS, ids=lambda f: f.id)
def test_each_room_form_records_a_strategy_of_the_programme(form):
    assert programme().strategy(form.room.strategy)


@pytest.mark.parametrize("form", [f for f in ROOM_FORMS if f.room.number_field], ids=lambda f: f.id)
def test_session_options_name_the_programmes_events(form):
    room, strategy = form.room, programme().strategy(form.room.strategy)
    options = form.field(room.number_field).options
    events = strategy.numbered
    assert [o.value for o in options] == [f"{room.number_prefix}{e.number}" for e in events]
    for option, event in zip(options, events, strict=True):
        label = option.label
        assert f"(month {event.month}" in label, label
        assert event.purpose.rstrip(".") in label, label
        if room.mode_field:  # the label names the format the programme plans
            assert MODE_WORDS[event.mode] in label, label


def test_the_month_field_allows_every_month_of_the_programme():
    form = load_forms()["team_reflection_session"]
    month = form.field(form.room.month_field)
    assert (month.min, month.max) == (1, programme().months)


def test_the_format_field_offers_the_programmes_modes():
    form = load_forms()["team_reflection_session"]
    values = [o.value for o in form.field(form.room.mode_field).options]
    assert set(values) == {"facilitated", "self_organised"}
