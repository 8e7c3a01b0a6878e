"""The due dates the kit leaves in the exchange for nbgrader's Assignment List
(refocus_kit/exercises/due_dates.py): written as an exercise is released and whenever a date
moves, beside the course's releases, and read back for one course only, refusing any course
name that would lead elsewhere."""

from __future__ import annotations

import json
import stat
from datetime import UTC, datetime

import pytest
from click.testing import CliRunner

from refocus_kit.cli import main
from refocus_kit.exercises.course import open_course
from refocus_kit.exercises.due_dates import DUE_FILE, DueDate, publish_due_dates, read_due_dates

pytestmark = pytest.mark.filterwarnings("ignore::sqlalchemy.exc.SAWarning")


def refocus(*args: str) -> str:
    result = CliRunner().invoke(main, ["exercises", *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.fixture
def released():
    """A course starting on 4 January 2027 with two exercises released."""
    refocus("setup", "--programme-start", "2027-01-04")
    refocus("release", "goals-and-actions")
    refocus("release", "recovery-knowledge")
    return open_course()


@pytest.mark.slow
def test_a_release_leaves_its_due_date_beside_the_courses_releases(released):
    course = released
    path = course.exchange / course.course_id / DUE_FILE
    assert path.is_file()
    # Readable by every account that can read the exchange (a hub's staff), written whole.
    assert stat.S_IMODE(path.stat().st_mode) == 0o644
    assert list(path.parent.glob(f"{DUE_FILE}*")) == [path]
    dates = read_due_dates(course.exchange, course.course_id)
    assert dates == [
        DueDate("refocus", "goals-and-actions", datetime(2027, 3, 4, tzinfo=UTC)),
        DueDate("refocus", "recovery-knowledge", datetime(2027, 2, 4, tzinfo=UTC)),
    ]
    assert [d.label for d in dates] == ["Due 4 March 2027", "Due 4 February 2027"]
    # Not in a release's own folder: fetching an exercise never copies it to staff.
    assert not list((course.exchange / course.course_id / "outbound").rglob(DUE_FILE))
    assert {p.name for p in (course.exchange / course.course_id / "outbound").iterdir()} == {
        "goals-and-actions",
        "recovery-knowledge",
    }


@pytest.mark.slow
def test_a_moved_date_reaches_the_exchange_at_once(released):
    course = released
    refocus("setup", "--due", "goals-and-actions=2026-12-01T14:30")
    dates = {d.assignment_id: d for d in read_due_dates(course.exchange, course.course_id)}
    assert dates["goals-and-actions"].due == datetime(2026, 12, 1, 14, 30, tzinfo=UTC)
    assert dates["goals-and-actions"].label == "Due 1 December 2026, 14:30 UTC"
    assert dates["recovery-knowledge"].label == "Due 4 February 2027"
    # A new programme start moves every date that is not set by hand.
    refocus("setup", "--programme-start", "2027-02-01")
    dates = {d.assignment_id: d for d in read_due_dates(course.exchange, course.course_id)}
    assert dates["recovery-knowledge"].label == "Due 1 March 2027"
    assert dates["goals-and-actions"].label == "Due 1 December 2026, 14:30 UTC"


def test_nothing_is_written_before_anything_is_released():
    course = open_course()
    assert publish_due_dates(course) is None
    assert not (course.exchange / course.course_id).exists()
    assert read_due_dates(course.exchange, course.course_id) == []


def write(exchange, course_id: str, content) -> None:
    folder = exchange / course_id
    folder.mkdir(parents=True, exist_ok=True)
    text = content if isinstance(content, str) else json.dumps(content)
    (folder / DUE_FILE).write_text(text, encoding="utf-8")


def test_an_assignment_not_in_the_file_and_another_course_have_no_date(tmp_path):
    write(tmp_path, "refocus", {"format": 1, "due": {"coaching": "2027-03-04T00:00:00+00:00"}})
    assert [d.assignment_id for d in read_due_dates(tmp_path, "refocus")] == ["coaching"]
    assert read_due_dates(tmp_path, "other-course") == []


@pytest.mark.parametrize(
    "content",
    ["", "not json", "[]", json.dumps({"format": 2, "due": {}}), json.dumps({"due": []})],
)
def test_a_damaged_file_gives_no_dates_and_no_error(tmp_path, content):
    write(tmp_path, "refocus", content)
    assert read_due_dates(tmp_path, "refocus") == []


def test_entries_that_are_not_an_exercise_and_a_date_are_left_out(tmp_path):
    write(
        tmp_path,
        "refocus",
        {
            "format": 1,
            "due": {
                "coaching": "2027-03-04T00:00:00+00:00",
                "naive-is-utc": "2027-03-05T09:00",
                "not-a-date": "soon",
                "a-number": 12,
                "../../etc": "2027-03-04T00:00:00+00:00",
                "<b>bold</b>": "2027-03-04T00:00:00+00:00",
            },
        },
    )
    dates = read_due_dates(tmp_path, "refocus")
    assert [(d.assignment_id, d.due) for d in dates] == [
        ("coaching", datetime(2027, 3, 4, tzinfo=UTC)),
        ("naive-is-utc", datetime(2027, 3, 5, 9, 0, tzinfo=UTC)),
    ]


@pytest.mark.parametrize(
    "course_id", ["..", "../elsewhere", "refocus/../../elsewhere", "/tmp", "", ".hidden", "a b"]
)
def test_a_course_name_that_leads_elsewhere_is_refused(tmp_path, course_id):
    exchange = tmp_path / "srv" / "exchange"
    (exchange / "refocus").mkdir(parents=True)
    due = {"format": 1, "due": {"coaching": "2027-03-04T00:00:00+00:00"}}
    write(tmp_path / "srv", "elsewhere", due)  # beside the exchange
    write(tmp_path / "srv", "", due)  # the exchange's parent
    write(exchange, "", due)  # the exchange itself
    assert read_due_dates(exchange, course_id) == []


def test_a_due_file_that_links_elsewhere_is_not_followed(tmp_path):
    outside = tmp_path / "outside.json"
    outside.write_text(json.dumps({"format": 1, "due": {"coaching": "2027-03-04"}}))
    (tmp_path / "exchange" / "refocus").mkdir(parents=True)
    (tmp_path / "exchange" / "refocus" / DUE_FILE).symlink_to(outside)
    assert read_due_dates(tmp_path / "exchange", "refocus") == []


def test_an_oversized_file_is_not_read(tmp_path):
    entries = {f"exercise-{n}": "2027-03-04T00:00:00+00:00" for n in range(20_000)}
    write(tmp_path, "refocus", {"format": 1, "due": entries})
    assert read_due_dates(tmp_path, "refocus") == []


def test_as_json_is_what_the_assignment_list_is_given():
    due = DueDate("refocus", "coaching", datetime(2027, 3, 4, tzinfo=UTC))
    assert due.as_json() == {
        "course_id": "refocus",
        "assignment_id": "coaching",
        "due": "2027-03-04T00:00:00+00:00",
        "label": "Due 4 March 2027",
    }
