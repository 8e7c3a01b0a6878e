"""`refocus exercises setup` and `roster`: the course in the data folder, its team and dates."""

import json

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
