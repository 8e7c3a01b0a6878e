import json

from refocus_kit.programme import bundled_path


def test_show_lists_every_event_in_month_order(cli):
    result = cli("programme", "show")
    assert result.exit_code == 0
    assert "month 9     S4  Manager reflection group 4 (one hour, facilitated)" in result.output
    assert "month 2-18  S6  Supervision reflection form" in result.output


def test_show_json(cli):
    rows = json.loads(cli("programme", "show", "--json").output)
    assert len(rows) == 25 and rows[0]["month"] == 1 and rows[-1]["month"] == 18


def test_check_passes_the_bundled_file_and_names_a_fault(cli, tmp_path):
    assert (
        "ok    refocus.yaml: 6 strategies, 25 events"
        in cli("programme", "check", bundled_path()).output
    )
    bad = tmp_path / "bad.yaml"
    bad.write_text(bundled_path().read_text(encoding="utf-8").replace("months: 18", "months: 0"))
    failed = cli("programme", "check", bad)
    assert failed.exit_code == 1 and "bad.yaml: at months" in failed.output
