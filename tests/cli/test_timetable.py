"""`refocus timetable`: prints the dated plan, keeps the start and the changes, writes files."""

from icalendar import Calendar


def test_prints_the_plan_and_writes_the_calendar_and_chart(cli, tmp_path):
    ics, png = tmp_path / "a.ics", tmp_path / "a.png"
    result = cli(
        "timetable", "--team", "Team A", "--start", "2027-03-15", "--ics", ics, "--out", png
    )
    assert result.exit_code == 0, result.output
    assert "REFOCUS timetable for Team A: 18 months, 15 March 2027 to 14 September 2028" in (
        result.output
    )
    assert "Mon 15 Mar 2027   S2  Personal recovery training, session 1 (provided" in (
        result.output
    )
    assert "S5  Team reflection session 9 (self-organised; manual month 18)" in result.output
    assert len(Calendar.from_ical(ics.read_bytes()).walk("VEVENT")) == 25
    assert png.read_bytes()[:4] == b"\x89PNG"


def test_a_change_is_kept_for_the_next_command(cli):
    cli("timetable", "--team", "Team A", "--start", "2027-03-15", "--months", "12")
    moved = cli(
        "timetable", "--team", "Team A", "--move", "coaching_day=2027-03-31", "--note", "room"
    )
    assert "Wed 31 Mar 2027   S3  Coaching session 1" in moved.output
    cli("timetable", "--team", "Team A", "--cancel", "team_reflection_3")
    again = cli("timetable", "--team", "Team A")
    assert "[moved from 15 Mar 2027] (room)" in again.output
    assert "cancelled         S5  Team reflection session 3" in again.output
    assert "12 months" in again.output and "The kit's own rule" in again.output


def test_faults_get_one_clear_message(cli, tmp_path):
    assert "give --start" in cli("timetable", "--team", "Nobody").output
    bad = cli("timetable", "--team", "Team A", "--start", "15/03/2027")
    assert bad.exit_code == 2 and "not a date (YYYY-MM-DD)" in bad.output
    cli("timetable", "--team", "Team A", "--start", "2027-03-15")
    unknown = cli("timetable", "--team", "Team A", "--cancel", "session_99")
    assert unknown.exit_code == 1 and "no event 'session_99'" in unknown.output
    svg = cli("timetable", "--team", "Team A", "--out", tmp_path / "a.svg")
    assert svg.exit_code == 2 and ".png or .pdf" in svg.output
    assert cli("timetable", "--team", "Team A", "--months", "24").exit_code == 2
