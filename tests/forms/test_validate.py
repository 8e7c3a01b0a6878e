import pytest

from refocus_kit.forms import AnswersError, validate_answers
from refocus_kit.forms.validate import NHS_MESSAGE, clean_answers, field_errors

GOOD = {
    "title": "Walk group",
    "notes": "We meet on Tuesdays.\nEveryone welcome.",
    "colour": "red",
    "days": ["mon", "wed"],
    "closeness": 2,
    "month": 3,
    "when": "2026-03-01",
    "costs": [
        {"item": "Tea", "amount": 20, "who": "staff"},
        {"item": "Map", "amount": 4.5, "who": "person_using_service"},
    ],
    "grid": {"home": {"now": "A flat", "want": "A garden"}},
}


def messages(form, answers) -> dict[str, str]:
    return {e.path: e.message for e in field_errors(form, answers)}


def test_good_answers_pass_unchanged(every_kind):
    assert validate_answers(every_kind, GOOD) == GOOD


def test_blank_answers_are_dropped(every_kind):
    raw = {
        **GOOD,
        "notes": "",
        "days": [],
        "costs": [*GOOD["costs"], {"item": "", "amount": None}],
        "grid": {"home": {"now": "A flat", "want": ""}, "money": {"now": ""}},
    }
    cleaned = clean_answers(every_kind, raw)
    assert "notes" not in cleaned and "days" not in cleaned
    assert len(cleaned["costs"]) == 2
    assert cleaned["grid"] == {"home": {"now": "A flat"}}


def test_missing_required_answer_is_named(every_kind):
    assert messages(every_kind, {**GOOD, "title": ""}) == {"title": "is required"}


def test_unknown_field_is_refused(every_kind):
    assert messages(every_kind, {**GOOD, "mood": "fine"}) == {"mood": "is not a field of this form"}


def test_oversized_text_names_length_and_limit(every_kind):
    found = messages(every_kind, {**GOOD, "notes": "x" * 301})
    assert found == {"notes": "is 301 characters long; the limit is 300"}


@pytest.mark.parametrize("bad", ["nul\x00byte", "escape\x1b[31m", "bell\x07"])
def test_control_characters_are_refused(every_kind, bad):
    assert "control characters" in messages(every_kind, {**GOOD, "title": bad})["title"]


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("title", 42, "expected text, got int"),
        ("colour", "green", "'green' is not one of the choices (red, blue)"),
        ("days", "mon", "expected a list of choices, got str"),
        ("closeness", 6, "6 is above the maximum of 5"),
        ("closeness", True, "expected a number, got True"),
        ("month", "three", "expected a number, got 'three'"),
        ("month", 2.5, "expected a whole number, got 2.5"),
        ("when", "01/03/2026", "'01/03/2026' is not a date written as YYYY-MM-DD"),
    ],
)
def test_wrong_types_get_clear_messages(every_kind, field, value, expected):
    assert messages(every_kind, {**GOOD, field: value}) == {field: expected}


def test_multi_choice_limit(every_kind):
    assert messages(every_kind, {**GOOD, "days": ["mon", "tue", "wed"]}) == {
        "days": "choose at most 2"
    }


def test_group_entries_are_checked_with_their_number(every_kind):
    costs = [{"item": "Tea", "amount": 20.123, "who": "staff"}, {"amount": 5}]
    found = messages(every_kind, {**GOOD, "costs": costs})
    assert found == {
        "costs[1].amount": "£20.123 has more than two decimal places",
        "costs[2].item": "is required",
    }


def test_group_errors_carry_the_entry_label(every_kind):
    errors = field_errors(every_kind, {**GOOD, "costs": [{"amount": 5}]})
    assert str(errors[0]) == "Cost item 1: Item (costs[1].item): is required"


def test_group_size_limit(every_kind):
    costs = [{"item": "x", "amount": 1, "who": "staff"}] * 6
    assert (
        "has 6 entries; the limit is 5" in messages(every_kind, {**GOOD, "costs": costs})["costs"]
    )


def test_matrix_cells_are_checked(every_kind):
    found = messages(
        every_kind, {**GOOD, "grid": {"home": {"now": "y" * 101}, "loft": {"now": "?"}}}
    )
    assert found == {
        "grid.home.now": "is 101 characters long; the limit is 100",
        "grid.loft.now": "is not a cell of this table",
    }


def test_nhs_number_is_refused_with_the_reason(every_kind):
    found = messages(every_kind, {**GOOD, "grid": {"home": {"now": "NHS 943 476 5919"}}})
    assert found == {"grid.home.now": NHS_MESSAGE}


def test_html_is_kept_as_typed(every_kind):
    text = '<script>alert("hi")</script><b onclick="x()">bold</b>'
    assert validate_answers(every_kind, {**GOOD, "notes": text})["notes"] == text


def test_sum_check(every_kind):
    costs = [
        {"item": "Hall", "amount": 450, "who": "staff"},
        {"item": "Food", "amount": 60.5, "who": "person_using_service"},
    ]
    assert messages(every_kind, {**GOOD, "costs": costs}) == {
        "costs": "The total may be at most £500. (total now £510.50)"
    }


def test_includes_each_check(every_kind):
    costs = [{"item": "Hall", "amount": 40, "who": "staff"}]
    assert messages(every_kind, {**GOOD, "costs": costs}) == {
        "costs": "Both kinds of people must appear."
    }


def test_answers_must_be_an_object(every_kind):
    with pytest.raises(AnswersError, match="answers must be an object"):
        validate_answers(every_kind, ["not", "a", "dict"])


def test_error_lists_every_problem_at_once(every_kind):
    with pytest.raises(AnswersError) as caught:
        validate_answers(every_kind, {**GOOD, "title": "", "colour": "green", "mood": 1})
    assert [e.path for e in caught.value.errors] == ["mood", "title", "colour"]
