"""`refocus review report`: one team's review as HTML, PDF or XLSX, on any store."""

import datetime as dt

from refocus_kit.store import Store
from refocus_kit.timetable import save_start


def test_writes_each_format(cli, tmp_path):
    with Store() as store:
        save_start(store, "Team A", dt.date(2027, 1, 11))
    for name in ("r.html", "r.pdf", "r.xlsx"):
        result = cli("review", "report", "--team", "Team A", "--out", tmp_path / name)
        assert result.exit_code == 0 and f"wrote {tmp_path / name}" in result.output
        assert (tmp_path / name).stat().st_size > 1000
    assert "missing: no care-record audit" in result.output


def test_an_empty_store_gets_a_page_and_nothing_is_made(cli, tmp_path, data_dir):
    result = cli("review", "report", "--team", "Team A", "--out", tmp_path / "r.html")
    assert result.exit_code == 0 and "missing: the store holds no data yet" in result.output
    assert "No data yet." in (tmp_path / "r.html").read_text(encoding="utf-8")
    assert not (data_dir / "refocus.sqlite3").exists()


def test_a_wrong_suffix_is_refused(cli, tmp_path):
    result = cli("review", "report", "--team", "Team A", "--out", tmp_path / "r.docx")
    assert result.exit_code == 2 and ".html, .pdf or .xlsx" in result.output
