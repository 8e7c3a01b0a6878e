import json

import openpyxl
import pytest
from click.testing import CliRunner

from refocus_kit.cli import main
from refocus_kit.demo import demo_answers
from refocus_kit.store import Store

FORM = "team_reflection_session"


@pytest.fixture
def answers_file(tmp_path):
    def write(answers, name="answers.json"):
        path = tmp_path / name
        path.write_text(json.dumps(answers), encoding="utf-8")
        return path

    return write


def test_submit_prints_the_new_id(refocus, answers_file):
    result = refocus(
        "responses",
        "submit",
        FORM,
        "--answers",
        answers_file(demo_answers()[FORM]),
        "--team",
        "Demo team (fictional)",
        "--respondent",
        "w.1",
    )
    assert result.returncode == 0, result.stderr
    response = Store().get(result.stdout.strip())
    assert response.team == "Demo team (fictional)" and response.respondent == "w.1"


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        ({"progress": "x" * 6000}, "the limit is"),
        ({"progress": "NHS 943 476 5919"}, "NHS number"),
        ({"progress": "a\x00b"}, "control characters"),
        ({"enablers": "ok", "month": "May"}, "(month): must be a number, not 'May'"),
        ({"enablers": "ok", "mood": "good"}, "mood (mood): is not a field of this form"),
        ({}, "Team reflection session record: No question is answered yet"),
        ({"session_number": "s1", "format": "facilitated"}, "and Format come from the session"),
    ],
)
def test_bad_answers_exit_non_zero_and_store_nothing(refocus, answers_file, answers, message):
    result = refocus("responses", "submit", FORM, "--answers", answers_file(answers))
    assert result.returncode == 1
    assert "nothing was stored" in result.stderr and message in result.stderr
    assert result.stdout == ""
    assert Store().count() == 0


def test_malformed_json_is_a_clear_error(cli, tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('{"progress": ', encoding="utf-8")
    result = cli("responses", "submit", FORM, "--answers", path)
    assert result.exit_code == 1 and "not valid UTF-8 JSON" in result.output


def test_answers_must_be_an_object(cli, answers_file):
    result = cli("responses", "submit", FORM, "--answers", answers_file(["a"]))
    assert result.exit_code == 1 and "JSON object" in result.output


def test_patient_identifier_as_respondent_is_refused(cli, answers_file):
    result = cli(
        "responses",
        "submit",
        FORM,
        "--answers",
        answers_file({"progress": "ok"}),
        "--respondent",
        "943 476 5919",
    )
    assert result.exit_code == 1 and "Respondent" in result.output


def test_html_is_stored_as_typed(cli, answers_file):
    text = "<script>alert('x')</script>"
    response_id = cli(
        "responses", "submit", FORM, "--answers", answers_file({"progress": text})
    ).output.strip()
    assert Store().get(response_id).answers["progress"] == text


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json"])
def test_export_each_format(cli, answers_file, tmp_path, fmt):
    cli("responses", "submit", FORM, "--answers", answers_file({"progress": "=1+1"}))
    out = tmp_path / f"export.{fmt}"
    result = cli("responses", "export", "--format", fmt, "--form", FORM, "--out", out)
    assert result.exit_code == 0 and "1 responses" in result.output
    if fmt == "xlsx":
        values = [c.value for row in openpyxl.load_workbook(out).active.iter_rows() for c in row]
        assert "'=1+1" in values
    elif fmt == "csv":
        assert "'=1+1" in out.read_text(encoding="utf-8")
    else:
        assert json.loads(out.read_text(encoding="utf-8"))[0]["value"] == "=1+1"


def test_delete_a_respondent(cli, answers_file):
    cli(
        "responses",
        "submit",
        FORM,
        "--answers",
        answers_file({"progress": "a"}),
        "--respondent",
        "w.9",
    )
    cli(
        "responses",
        "submit",
        FORM,
        "--answers",
        answers_file({"progress": "b"}),
        "--respondent",
        "w.8",
    )
    result = cli("responses", "delete", "--respondent", "w.9", "--yes")
    assert "deleted 1 responses" in result.output
    assert [r.respondent for r in Store().responses()] == ["w.8"]


def test_purge_asks_first_and_keeps_recent_data(cli, answers_file):
    cli("responses", "submit", FORM, "--answers", answers_file({"progress": "recent"}))
    declined = CliRunner().invoke(main, ["responses", "purge", "--older-than", "1d"], input="n\n")
    assert declined.exit_code == 1 and "Aborted" in declined.output
    result = cli("responses", "purge", "--older-than", "2y", "--yes")
    assert "purged 0 responses older than 730 days" in result.output
    assert Store().count() == 1


def test_purge_period_must_be_readable(cli):
    result = cli("responses", "purge", "--older-than", "soon", "--yes")
    assert result.exit_code == 2 and "90d" in result.output
