import pytest

from refocus_kit.forms import AnswersError, load_form, validate_answers
from refocus_kit.forms.validate import NHS_MESSAGE, clean_answers, field_errors, has_answer

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
    assert messages(every_kind, {**GOOD, "title": ""}) == {"title": "needs an answer"}


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
        ("colour", "green", "must be one of the choices (red, blue), not 'green'"),
        ("days", "mon", "must be a list of choices, not str"),
        ("closeness", 6, "must be at most 5, not 6"),
        ("closeness", 0, "must be at least 1, not 0"),
        ("closeness", True, "must be a number, not True"),
        ("month", "three", "must be a number, not 'three'"),
        ("month", 2.5, "must be a whole number, not 2.5"),
        ("when", "01/03/2026", "must be a date written as YYYY-MM-DD, not '01/03/2026'"),
        ("when", 20260301, "must be a date written as YYYY-MM-DD, not 20260301"),
    ],
)
def test_wrong_types_get_clear_messages(every_kind, field, value, expected):
    assert messages(every_kind, {**GOOD, field: value}) == {field: expected}


def test_multi_choice_limit(every_kind):
    assert messages(every_kind, {**GOOD, "days": ["mon", "tue", "wed"]}) == {
        "days": "may have at most 2 choices"
    }


def test_group_entries_are_checked_with_their_number(every_kind):
    costs = [{"item": "Tea", "amount": 20.123, "who": "staff"}, {"amount": 5}]
    found = messages(every_kind, {**GOOD, "costs": costs})
    assert found == {
        "costs[1].amount": "has more than two decimal places (£20.123)",
        "costs[2].item": "needs an answer",
    }


def test_group_errors_carry_the_entry_label(every_kind):
    errors = field_errors(every_kind, {**GOOD, "costs": [{"amount": 5}]})
    assert str(errors[0]) == "Cost item 1: Item (costs[1].item): needs an answer"


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


def test_every_message_reads_on_from_the_field_or_stands_alone(every_kind):
    """At the field a message follows "This" ("This needs an answer"); a form's own rule is a
    sentence of its own."""
    bad = {**GOOD, "title": "", "colour": "green", "month": 40, "when": "soon", "notes": "x" * 301}
    for error in field_errors(every_kind, bad):
        assert not error.sentence and error.message[0].islower(), error
    costs = [{"item": "Hall", "amount": 40, "who": "staff"}]
    (rule,) = field_errors(every_kind, {**GOOD, "costs": costs})
    assert rule.sentence and rule.message == "Both kinds of people must appear."


@pytest.mark.parametrize("blank", [{}, {"title": "  ", "notes": "\n"}, {"costs": [{}, {}]}])
def test_a_blank_form_is_refused_with_a_message_that_says_so(every_kind, blank):
    error, *others = field_errors(every_kind, clean_answers(every_kind, blank))
    assert error.path == "(answers)" and error.sentence
    assert [e.path for e in others] == ["title"]  # and the required answer is named too
    assert "No question is answered" in error.message
    assert not has_answer(every_kind, blank)
    with pytest.raises(AnswersError, match="No question is answered"):
        validate_answers(every_kind, blank)


def test_a_blank_form_is_refused_alongside_its_other_problems(every_kind):
    errors = field_errors(every_kind, {"mood": "fine"})
    assert [e.path for e in errors] == ["(answers)", "mood", "title"]  # not a field: no answer
    assert str(errors[0]).startswith("Every kind of field (test fixture): No question is")


def test_whitespace_alone_is_no_answer(every_kind):
    assert clean_answers(every_kind, {**GOOD, "notes": " \n\t"}) == {
        k: v for k, v in GOOD.items() if k != "notes"
    }
    assert messages(every_kind, {**GOOD, "title": "   "}) == {"title": "needs an answer"}


def test_what_a_session_fills_in_is_not_an_answer():
    form = load_form("team_reflection_session")
    prefilled = {"session_number": "s2", "month": 4, "format": "facilitated"}
    (error,) = field_errors(form, prefilled)
    assert "Session, Month of the intervention and Format come from the session" in error.message
    assert field_errors(form, {**prefilled, "enablers": "Tea together"}) == []
    assert has_answer(form, {"actions": [{"what": "Book a room", "who": "Sam"}]})
