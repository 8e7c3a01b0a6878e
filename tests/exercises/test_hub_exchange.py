"""Staff known by their hub names, without a hub: nbgrader's exchange steps as a hub user's own
server runs them (the kit's exchange classes, configured as the deployment configures them,
deploy/jupyterhub/jupyter/nbgrader_config.py), every "user" here on this one OS account, as
with a local spawner. The shared exchange is a folder of its own (REFOCUS_EXCHANGE_DIR)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from traitlets.config import Config

from refocus_kit.exercises import grading
from refocus_kit.exercises.answers import ANSWERS_FILE
from refocus_kit.exercises.course import CourseError, open_course
from refocus_kit.exercises.report import statuses
from tests.exercises.staff import in_folder

# nbgrader's own gradebook code warns as it adds a submission (SQLAlchemy autoflush).
NBGRADER_NOISE = pytest.mark.filterwarnings("ignore::sqlalchemy.exc.SAWarning")
# nbgrader's release_feedback reads each timestamp.txt without closing it.
NBGRADER_LEAK = pytest.mark.filterwarnings(
    "ignore:Exception ignored in:pytest.PytestUnraisableExceptionWarning"
)
pytestmark = [NBGRADER_NOISE, NBGRADER_LEAK]

NAME = "recovery-knowledge"
DEPLOYED = Path(__file__).resolve().parents[2] / "deploy" / "jupyterhub" / "jupyter"


@pytest.fixture
def exchange(tmp_path, monkeypatch) -> Path:
    """The shared exchange, as the hub's admin makes it."""
    folder = tmp_path / "exchange"
    folder.mkdir()
    folder.chmod(0o1777)
    monkeypatch.setenv("REFOCUS_EXCHANGE_DIR", str(folder))
    return folder


def deployed_config() -> Config:
    """The users' nbgrader_config.py the deployment ships, loaded as nbgrader loads it."""
    from traitlets.config.loader import PyFileConfigLoader

    return PyFileConfigLoader("nbgrader_config.py", path=str(DEPLOYED)).load_config()


def as_hub_user(monkeypatch, user: str | None, home: Path, step: str, **settings):
    """One exchange step in `user`'s own server: JUPYTERHUB_USER set by the hub, their own
    home (the exchange's cache is in it), the deployed nbgrader settings and any of the
    user's own."""
    from nbgrader.auth import Authenticator
    from nbgrader.coursedir import CourseDirectory
    from nbgrader.exchange import ExchangeFactory

    if user is None:
        monkeypatch.delenv("JUPYTERHUB_USER", raising=False)
    else:
        monkeypatch.setenv("JUPYTERHUB_USER", user)
    home.mkdir(parents=True, exist_ok=True)
    config = deployed_config()
    config.Exchange.cache = str(home / ".nbgrader-cache")
    config.CourseDirectory.root = str(home)
    config.CourseDirectory.assignment_id = NAME
    for key, value in settings.items():
        section, _, name = key.partition("__")
        config[section][name] = value
    with in_folder(home):
        runner = getattr(ExchangeFactory(config=config), step)(
            coursedir=CourseDirectory(config=config),
            authenticator=Authenticator(config=config),
            config=config,
        )
        return runner.start()


def answer(home: Path, answers: dict) -> None:
    (home / NAME / ANSWERS_FILE).write_text(json.dumps(answers), encoding="utf-8")


@pytest.mark.slow
def test_submissions_collect_and_feedback_go_by_hub_name(exchange, tmp_path, monkeypatch):
    course = open_course()
    assert course.exchange == exchange
    grading.release(course, NAME)
    assert course.add_named_staff(["sam-staff", "alex-staff"]) == ["sam-staff", "alex-staff"]
    homes = {u: tmp_path / "homes" / u for u in ("sam-staff", "alex-staff")}

    as_hub_user(monkeypatch, "sam-staff", homes["sam-staff"], "FetchAssignment")
    answer(homes["sam-staff"], {"personal_or_clinical": "Personal recovery"})
    as_hub_user(monkeypatch, "sam-staff", homes["sam-staff"], "Submit")
    # Alex's own settings name someone else: the hub's name is used all the same.
    as_hub_user(monkeypatch, "alex-staff", homes["alex-staff"], "FetchAssignment")
    answer(homes["alex-staff"], {"value_3": "Value 3", "language": "Language matters"})
    as_hub_user(
        monkeypatch, "alex-staff", homes["alex-staff"], "Submit",
        CourseDirectory__student_id="sam-staff",
    )  # fmt: skip

    assert grading.inbound(course, NAME) == ["alex-staff", "sam-staff"]
    listed = as_hub_user(
        monkeypatch, "sam-staff", homes["sam-staff"], "List", ExchangeList__cached=True
    )
    assert [a["student_id"] for a in listed] == ["sam-staff"]

    assert grading.collect(course, NAME) == ["alex-staff", "sam-staff"]
    grading.autograde_serial(course, NAME)
    scores = {r.staff: r.score for r in statuses(course, [NAME])}
    assert scores == {"sam-staff": 1.0, "alex-staff": 2.0}
    grading.feedback(course, NAME)
    as_hub_user(monkeypatch, "sam-staff", homes["sam-staff"], "FetchFeedback")
    pages = list((homes["sam-staff"] / NAME / "feedback").glob(f"*/{NAME}.html"))
    assert len(pages) == 1


def test_a_server_without_a_hub_user_submits_nothing(exchange, tmp_path, monkeypatch):
    from nbgrader.exchange import ExchangeError

    course = open_course()
    (exchange / course.course_id / "inbound").mkdir(parents=True)
    home = tmp_path / "home"
    (home / NAME).mkdir(parents=True)
    with pytest.raises(ExchangeError, match="JUPYTERHUB_USER is not set"):
        as_hub_user(monkeypatch, None, home, "Submit")
    with pytest.raises(ExchangeError, match="cannot name an nbgrader submission"):
        as_hub_user(monkeypatch, "sam+staff", home, "Submit")
    assert list((exchange / course.course_id / "inbound").iterdir()) == []


def test_the_shared_exchange_must_be_made_by_the_admin(tmp_path, monkeypatch):
    monkeypatch.setenv("REFOCUS_EXCHANGE_DIR", str(tmp_path / "missing"))
    with pytest.raises(CourseError, match="does not exist: the hub's admin makes it"):
        open_course()
    assert not (tmp_path / "missing").exists()


def test_a_shared_exchange_keeps_the_admins_permissions(exchange):
    exchange.chmod(0o1775)
    course = open_course()
    assert (exchange.stat().st_mode & 0o7777) == 0o1775
    assert not (course.root / "exchange").exists()
    assert (course.root.stat().st_mode & 0o777) == 0o700  # the grader's alone
    written = (course.root / "nbgrader_config.py").read_text()
    assert f"c.Exchange.root = {str(exchange)!r}" in written


def test_the_roster_takes_hub_names_and_refuses_what_cannot_be_one(data_dir):
    course = open_course()
    names = ["sam-staff", "jo.smith@trust"]
    assert course.add_named_staff(names) == names
    assert course.add_named_staff(["sam-staff"]) == []
    for bad in ("sam+staff", "sam staff", "<b>sam</b>", "943 476 5919", "9434765919", ".hidden"):
        with pytest.raises(CourseError, match="cannot be a member of staff's name"):
            course.add_named_staff([bad])
    assert course.staff() == ["jo.smith@trust", "sam-staff"]


def test_a_users_server_without_the_shared_exchange_says_so(monkeypatch):
    monkeypatch.delenv("REFOCUS_EXCHANGE_DIR", raising=False)
    with pytest.raises(ValueError, match="REFOCUS_EXCHANGE_DIR is not set"):
        deployed_config()


@pytest.mark.slow
def test_staff_reach_only_the_courses_their_hub_groups_give(exchange, tmp_path, monkeypatch):
    """Two courses side by side on one exchange: a member of staff whose server the hub gave
    the course north lists, fetches and submits north's exercise, and is refused south's."""
    north, south = (open_course(course_id=c) for c in ("north", "south"))
    for course in (north, south):
        grading.release(course, NAME)
    home = tmp_path / "homes" / "sam-staff"
    monkeypatch.setenv("REFOCUS_COURSES", "north")
    listed = as_hub_user(monkeypatch, "sam-staff", home, "List")
    assert [(a["course_id"], a["assignment_id"]) for a in listed] == [("north", NAME)]

    from nbgrader.exchange import ExchangeError

    as_hub_user(monkeypatch, "sam-staff", home, "FetchAssignment")
    for step in ("FetchAssignment", "Submit"):  # south's, with north's exercise at hand
        with pytest.raises(ExchangeError, match="do not have access"):
            as_hub_user(monkeypatch, "sam-staff", home, step, CourseDirectory__course_id="south")
    as_hub_user(monkeypatch, "sam-staff", home, "Submit")
    assert grading.inbound(north, NAME) == ["sam-staff"] and grading.inbound(south, NAME) == []

    # In two courses' groups: both listed, each fetched into a folder of its course's name.
    monkeypatch.setenv("REFOCUS_COURSES", "north,south")
    listed = as_hub_user(monkeypatch, "sam-staff", home, "List")
    assert sorted(a["course_id"] for a in listed) == ["north", "south"]
    as_hub_user(
        monkeypatch, "sam-staff", home, "FetchAssignment", CourseDirectory__course_id="south"
    )
    assert (home / "south" / NAME).is_dir()
    # In none: nothing listed, nothing fetched.
    monkeypatch.setenv("REFOCUS_COURSES", "")
    assert as_hub_user(monkeypatch, "sam-staff", home, "List") == []
