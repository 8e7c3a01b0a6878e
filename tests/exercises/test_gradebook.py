"""The gradebook on each database the kit supports: SQLite in the course folder, or a schema of
its own (`nbgrader`) in the store's PostgreSQL database when REFOCUS_DATABASE_URL is set. A
release, two submissions (one late), autograding and the tidy export, on each."""

from datetime import timedelta

import pytest
from sqlalchemy import create_engine, inspect, text

from refocus_kit.exercises import grading
from refocus_kit.exercises.course import open_course
from refocus_kit.exercises.report import tidy_rows
from tests.exercises.staff import submit_directly

NAME = "recovery-knowledge"  # auto-graded throughout
pytestmark = [pytest.mark.slow, pytest.mark.filterwarnings("ignore::sqlalchemy.exc.SAWarning")]


@pytest.fixture
def database(gradebook_database, monkeypatch, data_dir) -> str:
    if gradebook_database != "sqlite":
        monkeypatch.setenv("REFOCUS_DATABASE_URL", gradebook_database)
    return gradebook_database


def test_release_submit_autograde_and_export(database, data_dir):
    course = open_course()
    grading.release(course, NAME)
    on_time, late = course.add_staff(2)
    due = course.due(NAME)
    submit_directly(course, NAME, on_time, {}, due - timedelta(hours=1))
    submit_directly(course, NAME, late, {}, due + timedelta(hours=3))
    grading.autograde_serial(course, NAME)

    rows = tidy_rows(course)
    staff = {row["staff"] for row in rows}
    assert staff == {on_time, late} and {row["exercise"] for row in rows} == {NAME}
    assert all(row["submitted"] and row["autograded"] for row in rows)
    assert {row["staff"]: row["late"] for row in rows} == {on_time: False, late: True}
    assert all(row["max_score"] and row["score"] is not None for row in rows)

    if database == "sqlite":
        assert (data_dir / "exercises" / "gradebook.db").exists()
        return
    assert not (data_dir / "exercises" / "gradebook.db").exists()
    engine = create_engine(database)
    try:
        assert "student" in inspect(engine).get_table_names(schema="nbgrader")
        assert "student" not in inspect(engine).get_table_names(schema="public")
        with engine.connect() as conn:
            ids = conn.execute(text("SELECT id FROM nbgrader.student")).scalars().all()
        assert set(ids) == {on_time, late}
    finally:
        engine.dispose()


def test_courses_side_by_side_keep_gradebooks_of_their_own(database, data_dir):
    first, second = open_course(), open_course(course_id="north-east")
    first.add_named_staff(["sam-staff"])
    second.add_named_staff(["jo-staff", "alex-staff"])
    assert first.staff() == ["sam-staff"] and second.staff() == ["alex-staff", "jo-staff"]
    assert second.root == data_dir / "courses" / "north-east"
    if database == "sqlite":
        assert (second.root / "gradebook.db").exists()
        return
    engine = create_engine(database)
    try:
        with engine.connect() as conn:
            ids = conn.execute(text("SELECT id FROM nbgrader_north_east.student")).scalars()
            assert sorted(ids) == ["alex-staff", "jo-staff"]
    finally:
        engine.dispose()
