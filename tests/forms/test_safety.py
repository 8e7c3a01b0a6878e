import pytest

from refocus_kit.forms.safety import (
    contains_nhs_number,
    control_characters,
    is_valid_nhs_number,
    neutralise_formula,
)

# 943 476 5919 is the NHS's own published example of a valid number.
VALID = "9434765919"


def test_valid_nhs_number_passes_modulus_11():
    assert is_valid_nhs_number(VALID)


@pytest.mark.parametrize("digits", ["9434765918", "1234567890", "943476591", "94347659190"])
def test_invalid_numbers_fail(digits):
    assert not is_valid_nhs_number(digits)


def test_check_digit_of_ten_is_never_valid():
    # 0000000060: weights give remainder 1, check digit 10: no such NHS number exists.
    assert not is_valid_nhs_number("0000000060")


@pytest.mark.parametrize(
    "text",
    [
        "seen by 9434765919 today",
        "NHS no. 943 476 5919",
        "943-476-5919",
        "(9434765919)",
    ],
)
def test_nhs_numbers_found_in_text(text):
    assert contains_nhs_number(text)


@pytest.mark.parametrize(
    "text",
    [
        "call 9434765918",  # fails the check digit
        "reference 19434765919",  # part of a longer number
        "we met on 12/03/2026 at 10:30",
        "£500 budget for 30 people",
    ],
)
def test_other_numbers_are_left_alone(text):
    assert not contains_nhs_number(text)


def test_control_characters_are_named_but_newlines_and_tabs_are_fine():
    assert control_characters("a\x00b\x1bc") == ["U+0000", "U+001B"]
    assert control_characters("line one\nline two\ttabbed\r\n") == []


@pytest.mark.parametrize("cell", ["=SUM(A1)", "+1", "-2+3", "@cmd", "\tx", "|pipe"])
def test_formulas_are_neutralised(cell):
    assert neutralise_formula(cell) == "'" + cell


def test_plain_values_are_untouched():
    assert neutralise_formula("hello") == "hello"
    assert neutralise_formula(-5) == -5
    assert neutralise_formula(None) is None
