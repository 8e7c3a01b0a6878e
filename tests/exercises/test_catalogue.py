"""Each exercise's due date comes from the programme: the first day of the month of the event
it prepares for, counted from the programme's start."""

from datetime import date

import pytest

from refocus_kit.exercises.catalogue import due_date, exercise, exercises
from refocus_kit.exercises.course import sources_folder
from refocus_kit.programme import programme


def test_every_exercise_names_a_programme_event_and_has_a_source_assignment():
    events = {e.id for e in programme().events}
    for item in exercises():
        assert item.due_before in events
        assert (sources_folder() / item.name / f"{item.name}.ipynb").is_file()
    listed = {p.name for p in sources_folder().iterdir() if p.is_dir()}
    assert listed == {e.name for e in exercises()}


@pytest.mark.parametrize(
    ("start", "name", "due"),
    [
        # recovery_training_2 is in month 2; coaching_follow_up_2 in month 3
        (date(2027, 1, 4), "recovery-knowledge", date(2027, 2, 4)),
        (date(2027, 1, 4), "goals-and-actions", date(2027, 3, 4)),
        # team_reflection_2 is in month 4: across the year's end
        (date(2027, 11, 1), "supervision-reflection", date(2028, 2, 1)),
        # a start on the 31st: the month's last day when it is shorter
        (date(2027, 1, 31), "recovery-knowledge", date(2027, 2, 28)),
    ],
)
def test_due_dates_count_months_from_the_programme_start(start, name, due):
    assert due_date(exercise(name), start) == due


def test_an_unknown_exercise_is_named_with_the_known_ones():
    with pytest.raises(KeyError, match="no exercise 'nope'; the exercises are: understanding"):
        exercise("nope")
