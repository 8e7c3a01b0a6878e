import json
from dataclasses import replace

import openpyxl
import pandas as pd
import pytest

from refocus_kit.store.export import COLUMNS, tidy, write_export

ANSWERS = {
    "title": '=HYPERLINK("http://x.invalid")',
    "notes": "+44 is not a formula, nor is @home",
    "colour": "blue",
    "days": ["mon", "wed"],
    "month": 4,
    "costs": [
        {"item": "Tea", "amount": 20.5, "who": "staff"},
        {"item": "-Map", "amount": 4, "who": "person_using_service"},
    ],
    "grid": {"home": {"now": "A flat"}},
}


@pytest.fixture
def table(store, every_kind):
    store.submit(every_kind, ANSWERS, team="Demo team (fictional)", respondent="w.1")
    return tidy(store, forms={"every_kind": every_kind})


def test_one_row_per_response_and_item(table):
    assert list(table.columns) == COLUMNS
    assert table["item"].tolist() == [
        "title",
        "notes",
        "colour",
        "days",
        "month",
        "costs[1].item",
        "costs[1].amount",
        "costs[1].who",
        "costs[2].item",
        "costs[2].amount",
        "costs[2].who",
        "grid.home.now",
    ]
    assert table["response_id"].nunique() == 1


def test_answers_are_readable(table):
    row = table.set_index("item")
    assert row.loc["days", "value"] == "mon; wed"
    assert row.loc["days", "answer"] == "Monday; Wednesday"
    assert row.loc["costs[2].who", "answer"] == "Person using the service"
    assert row.loc["costs[1].amount", "label"] == "Cost item 1: Amount"
    assert row.loc["grid.home.now", "label"] == "Grid: Home / Now"


def test_csv_neutralises_formulas(table, tmp_path):
    out = write_export(table, "csv", tmp_path / "out.csv")
    back = pd.read_csv(out).set_index("item")
    assert back.loc["title", "value"].startswith("'=HYPERLINK")
    assert back.loc["notes", "value"].startswith("'+44")
    assert back.loc["costs[2].item", "value"] == "'-Map"


def test_xlsx_holds_no_formula_cells(table, tmp_path):
    out = write_export(table, "xlsx", tmp_path / "out.xlsx")
    sheet = openpyxl.load_workbook(out).active
    cells = [c for row in sheet.iter_rows() for c in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    assert any(c.value == "'" + ANSWERS["title"] for c in cells)


def test_json_keeps_text_exactly(table, tmp_path):
    out = write_export(table, "json", tmp_path / "out.json")
    rows = json.loads(out.read_text(encoding="utf-8"))
    assert rows[0]["value"] == ANSWERS["title"]
    assert rows[0]["team"] == "Demo team (fictional)"


def test_a_field_removed_from_the_form_keeps_its_data(store, every_kind):
    store.submit(replace(every_kind, checks=()), {"title": "x", "notes": "y"})
    sections = tuple(
        replace(s, fields=tuple(f for f in s.fields if f.id != "notes"))
        for s in every_kind.sections
    )
    table = tidy(store, forms={"every_kind": replace(every_kind, sections=sections)})
    assert table.set_index("item").loc["notes", "value"] == '"y"'


def test_unknown_format_is_refused(table, tmp_path):
    with pytest.raises(ValueError, match="unknown export format"):
        write_export(table, "ods", tmp_path / "x.ods")


def test_demo_rows_say_so(store, every_kind):
    store.submit(every_kind, {**ANSWERS, "title": "Real"})
    store.submit(every_kind, {**ANSWERS, "title": "Fictional"}, demo=True)
    table = tidy(store, forms={"every_kind": every_kind}).set_index("value")
    assert table.loc["Real", "demo"] == False  # noqa: E712 - numpy's bool, not Python's
    assert table.loc["Fictional", "demo"] == True  # noqa: E712
