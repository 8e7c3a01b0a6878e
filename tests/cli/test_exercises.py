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
