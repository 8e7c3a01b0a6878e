import datetime as dt
import json
from dataclasses import replace

import openpyxl
import pandas as pd
import pytest

from refocus_kit.forms.loader import load_forms
from refocus_kit.store.export import (
    BASE_COLUMNS,
    COLUMNS,
    COUNT_COLUMNS,
    response_answers,
    response_counts,
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


def test_response_answers_are_the_exports_first_columns_once_per_response(mixed):
    store, forms = mixed
    full = tidy(store, forms=forms)
    both = ["every_kind", "supervision_reflection"]
    table, answers = response_answers(store, both)
    expected = full.drop_duplicates("response_id")[BASE_COLUMNS].reset_index(drop=True)
    for column in ("created_at", "updated_at"):
        expected[column] = pd.to_datetime(expected[column], utc=True, format="ISO8601")
    pd.testing.assert_frame_equal(table, expected)
    assert table["demo"].tolist() == [False, False, True]
    assert table["updated_at"].iloc[0] > table["created_at"].iloc[0]  # the edit
    found = list(answers)  # each one's current answers, in the same order
    assert [a.get("title") for a in found] == ["Edited", None, ANSWERS["title"]]
    assert found[2] == {**ANSWERS, "colour": "red"}
    columns = ["response_id", "team", "demo"]
    some, _ = response_answers(store, ["every_kind"], columns=columns)
    every = table[table["form_id"] == "every_kind"][columns].reset_index(drop=True)
    pd.testing.assert_frame_equal(some, every)
    with pytest.raises(ValueError, match="no such columns: item"):
        response_answers(store, both, columns=["team", "item"])


def test_response_counts_count_per_form_team_utc_month_and_demo(mixed):
    store, _forms = mixed
    late = dt.timezone(dt.timedelta(hours=-5))  # 23:30 on 31 January there: February in UTC
    for made in (dt.datetime(2027, 1, 31, 23, 30, tzinfo=late),
                 dt.datetime(2027, 2, 20, 9, tzinfo=dt.UTC),
                 dt.datetime(2027, 1, 5, 9, tzinfo=dt.UTC)):  # fmt: skip
        store.submit("supervision_reflection", {"q1_when_ask": "At reviews"}, team="Team B",
                     respondent="w.2", made_at=made)  # fmt: skip
    now = dt.datetime.now(dt.UTC)
    counts = response_counts(store)
    assert list(counts.columns) == COUNT_COLUMNS
    assert sorted(counts.fillna({"team": "-"}).values.tolist(), key=str) == sorted([
        ["every_kind", "Team A (fictional)", f"{now:%Y-%m}", False, 1, now.date()],
        ["every_kind", "-", f"{now:%Y-%m}", True, 1, now.date()],
        ["supervision_reflection", "Team B", f"{now:%Y-%m}", False, 1, now.date()],
        ["supervision_reflection", "Team B", "2027-02", False, 2, dt.date(2027, 2, 1)],
        ["supervision_reflection", "Team B", "2027-01", False, 1, dt.date(2027, 1, 5)],
    ], key=str)  # fmt: skip
    assert counts["responses"].dtype == "int64" and counts["demo"].dtype == bool
    theirs = response_counts(store, excluding=["every_kind"], respondents=True)
    assert list(theirs.columns) == [*COUNT_COLUMNS[:4], "respondent", *COUNT_COLUMNS[4:]]
    theirs = theirs.fillna({"respondent": "-"})[["month", "respondent", "responses"]]
    assert sorted(theirs.values.tolist(), key=str) == sorted(
        [["2027-01", "w.2", 1], ["2027-02", "w.2", 2], [f"{now:%Y-%m}", "-", 1]], key=str
    )
    assert response_counts(store, excluding=["every_kind", "supervision_reflection"]).empty


def test_no_responses_keep_their_columns_and_kinds(store):
    table, answers = response_answers(store, ["every_kind"])
    assert list(answers) == [] and list(table.columns) == BASE_COLUMNS
    assert str(table["created_at"].dtype) == "datetime64[us, UTC]"
    assert table["demo"].dtype == bool
