"""The kit's Jupyter server extension (refocus_kit/exercises/due_handler.py): a member of staff's
server finds the exchange through nbgrader's own settings, as nbgrader's Assignment List does
(from the folder the server was started in), and reads there the due dates the facilitator's
release left; the client names nothing, and the endpoint answers only behind the server's own
login."""

from __future__ import annotations

import json
import os
import shutil
from datetime import UTC, datetime

import httpx
import pytest
from click.testing import CliRunner
from traitlets import TraitError

from refocus_kit.cli import main
from refocus_kit.exercises.course import open_course
from refocus_kit.exercises.due_dates import DUE_FILE, DueDate
from refocus_kit.exercises.due_handler import ROUTE, due_dates
from tests.exercises.lab import start_lab
from tests.exercises.staff import in_folder, staff_home

pytestmark = pytest.mark.filterwarnings("ignore::sqlalchemy.exc.SAWarning")
DUE = {"format": 1, "due": {"coaching": "2027-03-04T00:00:00+00:00"}}


def refocus(*args: str) -> str:
    result = CliRunner().invoke(main, ["exercises", *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.fixture
def released(tmp_path):
    """A course with one exercise released, and one member of staff's folder holding the
    settings `refocus exercises staff-config` writes."""
    refocus("setup", "--programme-start", "2027-01-04")
    (sid,) = refocus("roster", "--add", "1").split()
    refocus("release", "goals-and-actions")
    course = open_course()
    return course, staff_home(course, sid, tmp_path / "staff")


def settings(folder, exchange, *lines: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    text = ["c = get_config()", f"c.Exchange.root = {str(exchange)!r}", *lines]
    (folder / "nbgrader_config.py").write_text("\n".join(text) + "\n")


def seen_from(home) -> list[DueDate]:
    """What a server started in `home` (its root folder) finds."""
    with in_folder(home):
        return due_dates(home)


def leave(exchange, course_id: str) -> None:
    (exchange / course_id).mkdir(parents=True, exist_ok=True)
    (exchange / course_id / DUE_FILE).write_text(json.dumps(DUE))


@pytest.mark.slow
def test_a_staff_folder_sees_the_released_exercises_dates(released):
    _, home = released
    assert seen_from(home) == [
        DueDate("refocus", "goals-and-actions", datetime(2027, 3, 4, tzinfo=UTC))
    ]
    refocus("setup", "--due", "goals-and-actions=2026-11-02")
    assert [d.label for d in seen_from(home)] == ["Due 2 November 2026"]


@pytest.mark.slow
def test_the_dates_travel_with_the_exchange_alone(released, tmp_path, monkeypatch):
    """On a JupyterHub, staff's servers share the exchange but cannot read the facilitator's
    data folder: a copy of the exchange, and nothing else of the course, is enough."""
    course, _ = released
    refocus("setup", "--due", "goals-and-actions=2027-05-10T08:15")
    shutil.copytree(course.exchange, tmp_path / "shared-exchange")
    monkeypatch.setenv("REFOCUS_DATA_DIR", str(tmp_path / "no-data-here"))
    staff = tmp_path / "hub-staff"
    settings(staff, tmp_path / "shared-exchange", "c.CourseDirectory.course_id = 'refocus'")
    assert [(d.assignment_id, d.label) for d in seen_from(staff)] == [
        ("goals-and-actions", "Due 10 May 2027, 08:15 UTC")
    ]
    assert not (tmp_path / "no-data-here").exists()


def test_a_folder_whose_exchange_does_not_exist_sees_nothing(tmp_path):
    settings(tmp_path / "home", tmp_path / "no-exchange", "c.CourseDirectory.course_id = 'x'")
    assert seen_from(tmp_path / "home") == []
    settings(tmp_path / "other", tmp_path / "no-exchange")
    assert seen_from(tmp_path / "other") == []


def test_without_a_course_named_every_course_in_the_exchange_is_read(tmp_path):
    exchange = tmp_path / "exchange"
    for course_id in ("refocus", "refocus-2027", "not a course"):
        leave(exchange, course_id)
    settings(tmp_path / "home", exchange)
    assert [d.course_id for d in seen_from(tmp_path / "home")] == ["refocus", "refocus-2027"]


def test_only_the_courses_nbgraders_authenticator_allows_are_read(tmp_path):
    exchange = tmp_path / "exchange"
    leave(exchange, "refocus")
    leave(exchange, "another-team")
    settings(
        tmp_path / "home",
        exchange,
        "from nbgrader.auth.base import NoAuthPlugin",
        "class OneCourse(NoAuthPlugin):",
        "    def get_student_courses(self, student_id):",
        "        return ['refocus']",
        "c.Authenticator.plugin_class = OneCourse",
        "c.CourseDirectory.student_id = 'p-0123456789ab'",
    )
    assert [d.course_id for d in seen_from(tmp_path / "home")] == ["refocus"]


def test_a_course_setting_that_leads_out_of_the_exchange_reads_nothing(tmp_path):
    exchange = tmp_path / "srv" / "exchange"
    (exchange / "refocus").mkdir(parents=True)
    leave(tmp_path / "srv", "elsewhere")
    settings(tmp_path / "home", exchange, "c.CourseDirectory.course_id = '../elsewhere'")
    assert seen_from(tmp_path / "home") == []


def test_the_working_folder_is_the_same_afterwards_even_when_settings_fail(tmp_path):
    """nbgrader changes the working folder as it reads its settings, and does not change it
    back when something fails; the server's must not move."""
    leave(tmp_path / "exchange", "refocus")
    lines = [f"c.Exchange.assignment_dir = {str(tmp_path / 'assignments')!r}"]
    settings(tmp_path / "home", tmp_path / "exchange", *lines)
    settings(tmp_path / "assignments", tmp_path / "exchange")  # nbgrader reads these next
    with in_folder(tmp_path):
        assert [d.course_id for d in due_dates(tmp_path / "home")] == ["refocus"]
        assert os.getcwd() == str(tmp_path)
        bad = "c.CourseDirectory.assignment_id = 'not+allowed'"
        settings(tmp_path / "assignments", tmp_path / "exchange", bad)
        with pytest.raises(TraitError, match="should not contain"):
            due_dates(tmp_path / "home")
        assert os.getcwd() == str(tmp_path)


@pytest.mark.slow
def test_the_endpoint_answers_behind_the_servers_login_and_never_breaks(released, tmp_path):
    _, home = released
    lab = start_lab(home, tmp_path / "jupyter")
    try:
        url = f"{lab.base}/{ROUTE}"
        assert httpx.get(url).status_code == 403
        assert httpx.get(url, headers={"Authorization": "token not-it"}).status_code == 403
        auth = {"Authorization": f"token {lab.token}"}
        expected = {
            "assignments": [
                {
                    "course_id": "refocus",
                    "assignment_id": "goals-and-actions",
                    "due": "2027-03-04T00:00:00+00:00",
                    "label": "Due 4 March 2027",
                }
            ]
        }
        answer = httpx.get(url, headers=auth)
        assert answer.status_code == 200
        assert answer.headers["content-type"].startswith("application/json")
        assert answer.json() == expected
        # The client names no file: whatever it asks for, it gets the same answer.
        asked = httpx.get(url, params={"path": "/etc/passwd", "course_id": ".."}, headers=auth)
        assert asked.json() == expected
        assert httpx.get(f"{url}/etc/passwd", headers=auth).status_code == 404
        # Broken settings: no dates, and nbgrader's list is left to say what is wrong.
        config = home / "nbgrader_config.py"
        kept = config.read_text()
        config.write_text("raise RuntimeError('broken')\n")
        try:
            answer = httpx.get(url, headers=auth)
        finally:
            config.write_text(kept)
        assert (answer.status_code, answer.json()) == (200, {"assignments": []})
    finally:
        lab.stop()
