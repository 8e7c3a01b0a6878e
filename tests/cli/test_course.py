"""`refocus course`: list the sessions, check a session file, build everything, refresh the
guides."""

from __future__ import annotations

import pytest

from refocus_kit.course.guides import GUIDES
from refocus_kit.course.loader import session_paths

TEAM_INFO = next(p for p in session_paths() if p.stem == "team_information_session")


def test_list_names_each_session_with_its_length_and_notebook(cli):
    result = cli("course", "list")
    assert result.exit_code == 0
    assert (
        "month 1  team_information_session                 1 h 30 min, the kit's own length  "
        "course/01-team-information-session/session.md"
    ) in result.output


def test_check_passes_a_good_file_and_names_the_fault_of_a_bad_one(cli, tmp_path):
    assert (
        "team_information_session.yaml: ok (8 parts, 90 minutes)"
        in cli("course", "check", TEAM_INFO).output
    )
    bad = tmp_path / "team_information_session.yaml"
    bad.write_text(TEAM_INFO.read_text(encoding="utf-8").replace("minutes: 10", "minutes: 11", 1))
    failed = cli("course", "check", bad)
    assert failed.exit_code == 1
    assert "adds up to 91 minutes, 1 over the kit's own length (90 minutes)" in failed.output


@pytest.mark.slow
def test_build_writes_the_course_into_the_folder(refocus, tmp_path):
    out = tmp_path / "course"
    result = refocus("course", "build", "--out", out, "--no-pdf")
    assert result.returncode == 0, result.stderr
    assert f"open {out / 'index.html'}" in result.stdout
    assert (out / "decks" / "01-team-information-session.html").is_file()
    assert not list(out.rglob("*.pdf"))


def test_build_without_reveal_fails_with_one_line(cli, tmp_path, monkeypatch):
    monkeypatch.setenv("REFOCUS_REVEAL_DIR", str(tmp_path / "none"))
    result = cli("course", "build", "--out", tmp_path / "out")
    assert result.exit_code == 1
    assert "reveal.js is not installed" in result.output and "Traceback" not in result.output


def test_guides_writes_the_index_from_the_data(cli, tmp_path):
    result = cli("course", "guides", "--out", tmp_path)
    assert result.exit_code == 0
    for name, make in GUIDES.items():
        assert (tmp_path / name).read_text(encoding="utf-8") == make()
