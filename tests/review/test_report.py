"""The review as a page (HTML, PDF) and a workbook (XLSX), on a known team, on a team with no
data and on an empty store; what people typed is escaped, and defused in the workbook."""

from openpyxl import load_workbook

from refocus_kit.review import INDEX_FORMULA, build_review
from refocus_kit.review.exercises import EXERCISE_COLUMNS
from refocus_kit.review.report import review_html, write_report
from tests.review.conftest import TEAM, TODAY


def test_the_page_shows_every_part(recorded, tmp_path):
    review = build_review(recorded, TODAY)
    page = write_report(review, TEAM, tmp_path / "a.html").read_text(encoding="utf-8")
    for heading in (
        "REFOCUS implementation index",
        "Delivery against the timetable",
        "Exercises",
        "Actions agreed",
        "Supervision reflection forms used",
        "The partnership project",
        "the care-record audit",
        "Trends by month",
    ):
        assert heading in page
    assert INDEX_FORMULA.replace("'", "&#39;") in page
    assert "the kit&#39;s own index, not the manual&#39;s" in page
    assert "£200.50 of £500" in page and "£150.00 of £500" in page
    assert "No exercises yet" in page
    assert page.count("<svg") == 3  # the timetable, the index against other teams, trends


def test_typed_text_is_escaped(recorded):
    recorded.submit(
        "team_reflection_session",
        {"session_number": "s3", "actions": [{"what": "<script>alert(1)</script>", "who": "x"}]},
        team=TEAM,
    )
    page = review_html(build_review(recorded, TODAY), TEAM)
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)" in page


def test_a_team_with_no_data_and_an_empty_store_get_a_page(recorded, store_url, tmp_path):
    review = build_review(recorded, TODAY)
    page = review_html(review, "Team C")
    assert "What is missing for Team C" in page and "Teams with data: Team A, Team B" in page
    assert "Delivery against" not in page
    lacking = review_html(review, "Team B")
    assert "no care-record audit" in lacking and "No timetable is kept for Team B" in lacking


def test_an_empty_store_says_how_to_see_the_demo(store):
    page = review_html(build_review(store), "Team A")
    assert "No data yet." in page and "refocus demo load" in page


def test_pdf_and_xlsx(recorded, tmp_path):
    review = build_review(recorded, TODAY)
    pdf = write_report(review, TEAM, tmp_path / "a.pdf")
    assert pdf.read_bytes()[:5] == b"%PDF-"
    book = load_workbook(write_report(review, TEAM, tmp_path / "a.xlsx"))
    assert book.sheetnames == [
        "about", "index", "delivery", "actions", "supervision", "partnership", "audit", "practice",
        "exercises",
    ]  # fmt: skip
    assert next(book["exercises"].values) == tuple(EXERCISE_COLUMNS)  # none yet: the header
    delivery = list(book["delivery"].values)
    assert delivery[0][:4] == ("team", "strategy", "strategy_name", "event_id")
    assert len(delivery) == 26


def test_the_workbook_defuses_formulas(recorded, tmp_path):
    recorded.submit(
        "team_reflection_session",
        {"session_number": "s3", "actions": [{"what": '=HYPERLINK("x")', "who": "x"}]},
        team=TEAM,
    )
    book = load_workbook(write_report(build_review(recorded, TODAY), TEAM, tmp_path / "a.xlsx"))
    cells = [c for row in book["actions"].values for c in row if isinstance(c, str)]
    assert '\'=HYPERLINK("x")' in cells and '=HYPERLINK("x")' not in cells
