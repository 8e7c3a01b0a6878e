"""`refocus exercises setup` and `roster`: the course in the data folder, its team and dates."""

import json
import os

from refocus_kit.exercises.course import open_course


def test_setup_names_the_team_and_moves_a_due_date(cli, data_dir):
    result = cli(
        "exercises", "setup", "--team", "Team A", "--programme-start", "2027-01-11",
        "--due", "coaching=2027-05-01",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "team Team A" in result.output and "programme start 2027-01-11" in result.output
    assert "coaching" in result.output and "(date set by the facilitator)" in result.output
    saved = json.loads((data_dir / "exercises" / "course.json").read_text())
    assert saved["team"] == "Team A" and saved["due_overrides"] == {"coaching": "2027-05-01"}
    assert open_course(create=False).team == "Team A"


def test_setup_refuses_a_team_name_that_is_an_identifier_and_changes_nothing(cli, data_dir):
    cli("exercises", "setup", "--team", "Team A")
    refused = cli("exercises", "setup", "--team", "943 476 5919")
    assert refused.exit_code == 2 and "NHS number" in refused.output
    refused = cli("exercises", "setup", "--due", "nonsense=2027-05-01")
    assert refused.exit_code != 0
    assert open_course(create=False).team == "Team A"


def test_roster_adds_pseudonymous_staff(cli, data_dir):
    added = cli("exercises", "roster", "--add", "2")
    assert added.exit_code == 0, added.output
    staff = open_course(create=False).staff()
    assert len(staff) == 2 and all(s.startswith("p-") and len(s) == 14 for s in staff)
    assert all(s in cli("exercises", "roster").output for s in staff)


def test_roster_adds_staff_by_their_hub_names(cli, data_dir):
    added = cli("exercises", "roster", "--name", "sam-staff", "--name", "alex-staff")
    assert added.exit_code == 0, added.output
    assert added.output.split() == ["sam-staff", "alex-staff"]
    refused = cli("exercises", "roster", "--name", "jo-staff", "--name", "sam+staff")
    assert refused.exit_code == 1
    assert "'sam+staff' cannot be a member of staff's name" in refused.output
    assert open_course(create=False).staff() == ["alex-staff", "sam-staff"]


def test_grader_runs_only_behind_a_hub_and_never_as_root(cli, data_dir, monkeypatch):
    from refocus_kit.exercises.grader import AS_ROOT, NOT_BEHIND_HUB

    started: list = []
    monkeypatch.setattr("os.execv", lambda path, argv: started.append(argv))
    monkeypatch.setattr("os.chdir", lambda path: started.append(path))
    refused = cli("exercises", "grader")
    assert refused.exit_code == 1 and NOT_BEHIND_HUB in refused.output
    monkeypatch.setenv("JUPYTERHUB_SERVICE_PREFIX", "/services/refocus-grader/")
    monkeypatch.setenv("JUPYTERHUB_API_TOKEN", "a token the hub gave")
    monkeypatch.setattr("os.geteuid", lambda: 0)
    refused = cli("exercises", "grader")
    assert refused.exit_code == 1 and AS_ROOT in refused.output
    assert started == []
    monkeypatch.setattr("os.geteuid", lambda: 1000)
    ran = cli("exercises", "grader", "--ip", "127.0.0.1", "--port", "8901", "--debug")
    assert ran.exit_code == 0, ran.output
    course = data_dir / "exercises"
    chdir, argv = started
    assert chdir == course and argv[0].endswith("jupyterhub-singleuser")
    assert f"--ServerApp.root_dir={course}" in argv and "--ServerApp.port=8901" in argv
    assert argv[-1] == "--debug"
    # A course's own grader: its root, and its terminals' `refocus exercises` on that course.
    monkeypatch.setattr("os.execv", lambda path, argv: started.append(os.environ["REFOCUS_COURSE"]))
    started.clear()
    assert cli("exercises", "--course", "north", "grader").exit_code == 0
    assert started == [data_dir / "courses" / "north", "north"]


def test_courses_side_by_side_each_with_its_own_roster_and_team(cli, data_dir):
    for course, team in (("north", "Team N (fictional)"), ("south-east", "Team S (fictional)")):
        made = cli("exercises", "--course", course, "setup", "--team", team)
        assert made.exit_code == 0, made.output
        assert f"course {course} in {data_dir / 'courses' / course}" in made.output
    cli("exercises", "--course", "north", "roster", "--name", "sam-staff")
    assert cli("exercises", "--course", "north", "roster").output.split() == ["sam-staff"]
    assert cli("exercises", "--course", "south-east", "roster").output.split() == []
    listed = cli("exercises", "courses").output.splitlines()
    assert [line.split("\t")[:2] for line in listed] == [
        ["north", "Team N (fictional)"], ["south-east", "Team S (fictional)"]
    ]  # fmt: skip
    assert listed[0].endswith("1 staff") and listed[1].endswith("0 staff")
    assert not (data_dir / "exercises").exists()  # the default course was never made
    assert "REFOCUS_COURSE" not in os.environ


def test_a_course_id_the_kit_cannot_use_is_refused(cli, data_dir):
    for bad in ("North", "a+b", "../up", "x" * 41):
        refused = cli("exercises", "--course", bad, "setup")
        assert refused.exit_code == 2 and "cannot be a course id" in refused.output
    assert (
        cli("exercises", "courses").output.strip()
        == "no course yet: `refocus exercises setup` makes one"
    )
    assert not any(data_dir.iterdir())
