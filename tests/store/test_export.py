import json
from dataclasses import replace

import openpyxl
import pandas as pd
import pytest

from refocus_kit.forms.loader import load_forms
from refocus_kit.store.export import (
    BASE_COLUMNS,
    COLUMNS,
    answer_rows,
    response_table,
    tidy,
    write_export,
)

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


def records(table):
    """The table's rows as dicts, an empty cell None (pandas infers each column's dtype from
    the values a table holds, so a part of a table may hold the same cells in another)."""
    return [{k: None if v is None or v != v else v for k, v in row.items()}
            for row in table.astype(object).to_dict("records")]  # fmt: skip


@pytest.fixture
def mixed(store, every_kind):
    """Responses of two forms, one edited, in two teams."""
    forms = {**load_forms(), "every_kind": every_kind}
    first = store.submit(every_kind, ANSWERS, team="Team A (fictional)", respondent="w.1")
    store.submit("supervision_reflection", {"q1_when_ask": "At reviews"}, team="Team B")
    store.revise(first.id, {**ANSWERS, "title": "Edited"}, form=every_kind)
    store.submit(every_kind, {**ANSWERS, "colour": "red"}, demo=True)
    return store, forms


def test_asking_for_forms_gives_the_full_exports_rows_of_those_forms(mixed):
    store, forms = mixed
    full = tidy(store, forms=forms)
    assert set(full["form_id"]) == {"every_kind", "supervision_reflection"}
    for asked in (["every_kind"], ["supervision_reflection"], ["every_kind", "nothing"]):
        expected = full[full["form_id"].isin(asked)]
        assert records(tidy(store, form_ids=asked, forms=forms)) == records(expected)
    assert tidy(store, "every_kind", form_ids=["supervision_reflection"], forms=forms).empty
    assert tidy(store, form_ids=[], forms=forms).empty


def test_asking_for_columns_gives_those_columns_of_the_full_export(mixed):
    store, forms = mixed
    full = tidy(store, forms=forms)
    assert full.loc[full["item"] == "title", "value"].tolist() == ["Edited", ANSWERS["title"]]
    for columns in (["response_id", "item", "value"], ["answer", "team", "created_at"]):
        pd.testing.assert_frame_equal(tidy(store, columns=columns, forms=forms), full[columns])
    with pytest.raises(ValueError, match="no such columns: colour"):
        tidy(store, columns=["item", "colour"])


def test_the_response_table_is_the_exports_first_columns_once_per_response(mixed):
    store, forms = mixed
    full = tidy(store, forms=forms)
    table = response_table(store)
    expected = full.drop_duplicates("response_id")[BASE_COLUMNS].reset_index(drop=True)
    for column in ("created_at", "updated_at"):
        expected[column] = pd.to_datetime(expected[column], utc=True, format="ISO8601")
    pd.testing.assert_frame_equal(table, expected)
    every = response_table(store, "every_kind")
    assert records(every) == records(table[table["form_id"] == "every_kind"])
    assert table["demo"].tolist() == [False, False, True]
    assert table["updated_at"].iloc[0] > table["created_at"].iloc[0]  # the edit
    some = response_table(
        store, form_ids=["every_kind"], columns=["team", "demo"], team="Team A (fictional)"
    )
    assert some.to_dict("records") == [{"team": "Team A (fictional)", "demo": False}]


def test_answer_rows_give_the_current_answers_of_the_forms_named_oldest_first(mixed):
    store, _forms = mixed
    ids = response_table(store, form_ids=["every_kind"])["response_id"].tolist()
    found = list(answer_rows(store, ["every_kind"]))
    assert [(form, rid) for form, rid, _ in found] == [("every_kind", rid) for rid in ids]
    assert [answers["title"] for _, _, answers in found] == ["Edited", ANSWERS["title"]]
    assert found[1][2] == {**ANSWERS, "colour": "red"}
    assert list(answer_rows(store, [])) == []


def test_an_empty_response_table_keeps_its_columns_and_kinds(store):
    table = response_table(store)
    assert list(table.columns) == BASE_COLUMNS
    assert str(table["created_at"].dtype) == "datetime64[us, UTC]"
    assert table["demo"].dtype == bool
