"""The kit's hub fragment (deploy/jupyterhub/refocus_config.py) as a hub loads it, without a
hub: the grader never starts as root unless told, runs as its own account or elsewhere, and
the settings every user's server and the review get. The hub test (test_hub.py) runs the same
file on a real hub."""

from __future__ import annotations

import pytest
from traitlets.config.loader import PyFileConfigLoader

from refocus_kit.review.teams import FACILITATORS_GROUP
from tests.support.hub import ROOT

FRAGMENT = ROOT / "deploy" / "jupyterhub" / "refocus_config.py"
BASE = {
    "REFOCUS_DATABASE_URL": "postgresql+psycopg://refocus@db.example.invalid/refocus",
    "REFOCUS_EXCHANGE_DIR": "/srv/nbgrader/exchange",
    "REFOCUS_DATA_DIR": "/var/lib/refocus",
}


def loaded(monkeypatch, euid: int = 1000, **env: str):
    for key in ("REFOCUS_GRADER_USER", "REFOCUS_GRADER_URL", "REFOCUS_GRADER_ALLOW_ROOT",
                "REFOCUS_GRADER_DATABASE_URL", "REFOCUS_GRADER_API_TOKEN", "REFOCUS_COURSES",
                "REFOCUS_GRADER_PORT"):  # fmt: skip
        monkeypatch.delenv(key, raising=False)
    for key, value in {**BASE, **env}.items():
        monkeypatch.setenv(key, value)
    monkeypatch.setattr("os.geteuid", lambda: euid)
    config = PyFileConfigLoader(FRAGMENT.name, path=str(FRAGMENT.parent)).load_config()
    return config, {s["name"]: s for s in added(config.JupyterHub.services, [])}


def added(setting, initial):
    """What the fragment's additions make of a setting the hub starts with as `initial`."""
    return setting.get_value(initial)


def test_a_hub_running_as_root_must_name_the_graders_account(monkeypatch):
    with pytest.raises(SystemExit, match="set REFOCUS_GRADER_USER"):
        loaded(monkeypatch, euid=0)
    _, services = loaded(monkeypatch, euid=0, REFOCUS_GRADER_USER="refocus-grader")
    grader = services["refocus-grader"]
    assert grader["user"] == "refocus-grader" and "--allow-root" not in grader["command"]
    assert grader["command"][1:3] == ["exercises", "grader"]
    _, services = loaded(monkeypatch, euid=0, REFOCUS_GRADER_ALLOW_ROOT="1")
    assert "--allow-root" in services["refocus-grader"]["command"]


def test_the_grader_has_its_own_database_role_and_the_users_never_one(monkeypatch):
    own = "postgresql+psycopg://refocus_grader@db.example.invalid/refocus"
    config, services = loaded(monkeypatch, REFOCUS_GRADER_DATABASE_URL=own)
    environment = services["refocus-grader"]["environment"]
    assert environment["REFOCUS_DATABASE_URL"] == own
    assert environment["REFOCUS_EXCHANGE_DIR"] == "/srv/nbgrader/exchange"
    review = services["refocus-review"]["environment"]
    assert review["REFOCUS_DATABASE_URL"] == BASE["REFOCUS_DATABASE_URL"]
    assert review["REFOCUS_EXCHANGE_DIR"] == "/srv/nbgrader/exchange"  # it reads the exchange
    users = added(config.Spawner.environment, {})
    assert users == {
        "JUPYTER_CONFIG_PATH": "/etc/refocus/jupyter",
        "REFOCUS_EXCHANGE_DIR": "/srv/nbgrader/exchange",
    }


def test_a_grader_running_elsewhere_is_only_registered(monkeypatch):
    with pytest.raises(SystemExit, match="REFOCUS_GRADER_API_TOKEN"):
        loaded(monkeypatch, REFOCUS_GRADER_URL="http://refocus-grader:8868")
    _, services = loaded(
        monkeypatch, REFOCUS_GRADER_URL="http://refocus-grader:8868", REFOCUS_GRADER_API_TOKEN="t"
    )
    grader = services["refocus-grader"]
    assert "command" not in grader and grader["url"] == "http://refocus-grader:8868"


def test_facilitators_reach_the_grader_and_the_review_reads_the_groups(monkeypatch):
    config, _ = loaded(monkeypatch)
    roles = {r["name"]: r for r in added(config.JupyterHub.load_roles, [])}
    assert "access:services!service=refocus-grader" in roles["refocus-facilitator"]["scopes"]
    assert "access:services!service=refocus-grader" not in roles["user"]["scopes"]
    # The review tells facilitators from staff by this group: the fragment's must be the same.
    assert roles["refocus-facilitator"]["groups"] == [FACILITATORS_GROUP]
    assert set(added(config.JupyterHub.load_groups, {})) == {FACILITATORS_GROUP}
    service = roles["refocus-review-service"]
    assert service["services"] == ["refocus-review"]
    assert set(service["scopes"]) == {"list:groups", "read:groups"}


def test_a_course_per_team_has_a_grader_of_its_own_for_its_own_graders(monkeypatch):
    config, services = loaded(monkeypatch, REFOCUS_COURSES="north, south-east",
                              REFOCUS_GRADER_PORT="9100")  # fmt: skip
    assert "refocus-grader" not in services
    for port, course in ((9100, "north"), (9101, "south-east")):
        grader = services[f"refocus-grader-{course}"]
        assert grader["url"].endswith(f":{port}") and f"--port={port}" in grader["command"]
        assert grader["environment"]["REFOCUS_COURSE"] == course
    roles = {r["name"]: r for r in added(config.JupyterHub.load_roles, [])}
    assert roles["refocus-grader-north"]["groups"] == ["refocus-graders-north"]
    assert roles["refocus-grader-north"]["scopes"] == [
        "access:services!service=refocus-grader-north"
    ]
    # Being a facilitator reaches the review, not every course's grader.
    assert not any("refocus-grader" in s for s in roles["refocus-facilitator"]["scopes"])


class _Group:
    def __init__(self, name: str, **properties: str):
        self.name, self.properties = name, properties


class _Spawner:
    def __init__(self, *groups: _Group):
        self.user = type("User", (), {"groups": list(groups)})()


def test_each_users_server_is_given_the_courses_their_groups_name(monkeypatch):
    config, _ = loaded(monkeypatch, REFOCUS_COURSES="north,south")
    courses = added(config.Spawner.environment, {})["REFOCUS_COURSES"]
    team = _Group("team-n", refocus_team="Team N (fictional)", refocus_course="north")
    assert courses(_Spawner(team)) == "north"
    both = _Spawner(_Group("s", refocus_course="south"), team, _Group("x", refocus_course="gone"))
    assert courses(both) == "north,south"  # in the hub's order, unknown courses left out
    assert courses(_Spawner(_Group("refocus-facilitators"))) == ""


@pytest.mark.parametrize("named", ["North", "a+b", "north,north", "-x"])
def test_courses_the_kit_cannot_name_stop_the_hub(monkeypatch, named):
    with pytest.raises(SystemExit, match="REFOCUS_COURSES="):
        loaded(monkeypatch, REFOCUS_COURSES=named)


def test_several_courses_cannot_share_one_grader_elsewhere(monkeypatch):
    with pytest.raises(SystemExit, match="both set"):
        loaded(monkeypatch, REFOCUS_COURSES="north", REFOCUS_GRADER_URL="http://g:8868",
               REFOCUS_GRADER_API_TOKEN="t")  # fmt: skip


def test_each_courses_grader_can_have_an_account_and_a_database_role_of_its_own(monkeypatch):
    north_role = "postgresql+psycopg://grader_north@db.example.invalid/refocus"
    shared_role = "postgresql+psycopg://graders@db.example.invalid/refocus"
    _, services = loaded(
        monkeypatch, euid=0, REFOCUS_COURSES="north,south-east",
        REFOCUS_GRADER_USER="refocus-grader-{course}",
        REFOCUS_GRADER_DATABASE_URL_NORTH=north_role, REFOCUS_GRADER_DATABASE_URL=shared_role,
    )  # fmt: skip
    north, south = services["refocus-grader-north"], services["refocus-grader-south-east"]
    assert (north["user"], south["user"]) == ("refocus-grader-north", "refocus-grader-south-east")
    assert north["environment"]["REFOCUS_DATABASE_URL"] == north_role
    assert south["environment"]["REFOCUS_DATABASE_URL"] == shared_role


@pytest.mark.parametrize(
    "course", ["north", "south-east", "a", "9x", "x" * 40, "x" * 41, "North", "-x", "a_b", "a+b"]
)
def test_the_fragment_takes_a_course_id_exactly_when_the_kit_does(monkeypatch, course):
    """The hub's Python need not hold the kit, so the fragment checks course ids with its own
    pattern: it must agree with refocus_kit.exercises.course.check_course_id."""
    from refocus_kit.exercises.course import CourseError, check_course_id

    try:
        check_course_id(course)
        kit_takes = True
    except CourseError:
        kit_takes = False
    try:
        loaded(monkeypatch, REFOCUS_COURSES=course)
        fragment_takes = True
    except SystemExit:
        fragment_takes = False
    assert fragment_takes == kit_takes
