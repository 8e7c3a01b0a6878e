"""The exercises as the review reads them: through the exercises' own export from a real
nbgrader course in the data folder (released, submitted on time and late, autograded), and a
page that says what is missing when there is no course, or no team named for it."""

from datetime import UTC, datetime, timedelta

import pandas as pd
import pytest

from refocus_kit.exercises import grading
from refocus_kit.exercises.course import open_course
from refocus_kit.review import build_review, exercises_table
from refocus_kit.review.exercises import STAGES
from refocus_kit.review.report import review_html
from tests.exercises.staff import submit_directly
from tests.review.conftest import TEAM

NAME = "recovery-knowledge"  # auto-graded throughout
NBGRADER_NOISE = pytest.mark.filterwarnings("ignore::sqlalchemy.exc.SAWarning")


def test_no_course_and_a_course_with_no_team_say_what_is_missing(data_dir):
    assert "`refocus exercises setup`" in exercises_table().note
    open_course()
    none = exercises_table()
    assert none.table.empty and "names no team" in none.note


@pytest.mark.slow
@NBGRADER_NOISE
def test_each_member_of_staff_and_exercise_is_at_one_stage(data_dir, store):
    course = open_course()
    course.team = TEAM
    course.save()
    assert "none has been released" in exercises_table().note
    grading.release(course, NAME)
    on_time, late, absent = course.add_staff(3)
    due = course.due(NAME)
    submit_directly(course, NAME, on_time, {}, due - timedelta(days=1))
    submit_directly(course, NAME, late, {}, due + timedelta(days=2))
    grading.autograde_serial(course, NAME)

    found = exercises_table()
    assert found.note == ""
    rows = found.table.set_index("staff")
    assert len(rows) == 3 and set(rows["team"]) == {TEAM}
    assert rows.loc[on_time, "stage"] == rows.loc[late, "stage"] == "marked"
    assert rows.loc[absent, "stage"] == "not submitted"
    assert rows["late"].to_dict() == {on_time: False, late: True, absent: False}
    assert rows.loc[on_time, "max_score"] > 0 and pd.isna(rows.loc[absent, "score"])

    page = review_html(build_review(store, datetime.now(UTC).date()), TEAM)
    title = found.table["title"].iloc[0]
    cells = [*STAGES, "sent late"]
    section = page[page.index("<h2>Exercises") : page.index("<h2>Reflection")]
    assert all(f">{c}<" in section for c in cells), section
    # one exercise: 1 not submitted, 0 awaiting, 2 marked, 0 returned, 1 late
    assert f"<td>{title}</td><td>1</td><td>0</td><td>2</td><td>0</td><td>1</td>" in page


def test_the_review_never_makes_the_gradebook(data_dir):
    """On a hub the review's database role may read the gradebook, not make it: until a
    facilitator's command has made it, there is simply nothing released."""
    course = open_course()
    course.team = TEAM
    course.save()
    assert "none has been released" in exercises_table().note
    assert not (course.root / "gradebook.db").exists()
    assert not course.has_gradebook()


@pytest.mark.slow
@NBGRADER_NOISE
def test_courses_side_by_side_each_count_for_their_own_team(data_dir):
    for course_id, team in (("north", "Team N (fictional)"), ("south", "Team S (fictional)")):
        course = open_course(course_id=course_id)
        course.team = team
        course.save()
        grading.release(course, NAME)
        course.add_named_staff([f"staff-of-{course_id}"])
    open_course(course_id="east")  # set up, nothing released: said, for that course only
    found = exercises_table()
    assert sorted(zip(found.table["staff"], found.table["team"], strict=True)) == [
        ("staff-of-north", "Team N (fictional)"), ("staff-of-south", "Team S (fictional)")
    ]  # fmt: skip
    assert (
        found.note == "Course east: No exercises yet: the exercises' course names no team "
        "(`refocus exercises setup --team T`)."
    )
