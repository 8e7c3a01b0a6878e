import json

from refocus_kit.forms import load_forms


def test_list_shows_id_title_and_source(cli):
    result = cli("forms", "list")
    assert result.exit_code == 0
    assert "supervision_reflection" in result.output
    assert "Appendix 9" in result.output


def test_list_json(cli):
    rows = json.loads(cli("forms", "list", "--json").output)
    assert [row["id"] for row in rows] == list(load_forms())
    assert set(rows[0]) == {"id", "title", "source", "version"}


def test_show_outlines_the_form(cli):
    result = cli("forms", "show", "partnership_project_proposal")
    assert "Project Title [title: short_text] (required)" in result.output
    assert "Project costs [costs: group]" in result.output


def test_show_keeps_the_manuals_headings(cli):
    lines = cli("forms", "show", "values_treatment_preferences").output.splitlines()
    first_area = "Cultural identity including race, culture and ethnicity"  # Appendix 3
    assert lines[lines.index("VALUES") + 1] == first_area


def test_show_json_is_the_whole_definition(cli):
    data = json.loads(cli("forms", "show", "strengths_worksheet", "--json").output)
    assert data["id"] == "strengths_worksheet"
    assert len(data["sections"][0]["fields"]) >= 1


def test_unknown_form_is_a_clear_error(cli):
    result = cli("forms", "show", "nope")
    assert result.exit_code == 1
    assert "no form 'nope'" in result.output


def test_print_blank_html_and_pdf(cli, tmp_path):
    assert (
        cli(
            "forms", "print", "worker_identity_exercise", "--out", tmp_path / "blank.html"
        ).exit_code
        == 0
    )
    assert "What is my identity?" in (tmp_path / "blank.html").read_text(encoding="utf-8")
    assert (
        cli("forms", "print", "worker_identity_exercise", "--out", tmp_path / "blank.pdf").exit_code
        == 0
    )
    assert (tmp_path / "blank.pdf").read_bytes().startswith(b"%PDF-")


def test_print_a_saved_response(cli, tmp_path):
    answers = tmp_path / "a.json"
    answers.write_text(json.dumps({"identity": "<i>Trainer</i>"}), encoding="utf-8")
    response_id = cli(
        "responses", "submit", "worker_identity_exercise", "--answers", answers
    ).output.strip()
    cli(
        "forms",
        "print",
        "worker_identity_exercise",
        "--response",
        response_id,
        "--out",
        tmp_path / "filled.html",
    )
    page = (tmp_path / "filled.html").read_text(encoding="utf-8")
    assert "&lt;i&gt;Trainer&lt;/i&gt;" in page and "<i>Trainer" not in page


def test_print_needs_html_or_pdf(cli, tmp_path):
    result = cli("forms", "print", "attendance", "--out", tmp_path / "copy.txt")
    assert result.exit_code == 1 and "must end in .html or .pdf" in result.output
    assert not (tmp_path / "copy.txt").exists()


def test_check_passes_a_good_definition_and_names_the_fault_in_a_bad_one(cli, tmp_path):
    from refocus_kit.forms.loader import definitions_dir

    good = definitions_dir() / "supervision_reflection.yaml"
    bad = tmp_path / "supervision_reflection.yaml"
    bad.write_text(good.read_text(encoding="utf-8") + "surprise: true\n", encoding="utf-8")
    passed = cli("forms", "check", good)
    assert passed.exit_code == 0 and "ok    supervision_reflection.yaml" in passed.output
    failed = cli("forms", "check", good, bad)
    assert failed.exit_code == 1
    assert "'surprise' was unexpected" in failed.output
    assert "1 of 2 definitions have faults" in failed.output
