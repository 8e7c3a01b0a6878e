"""Checks on free text that protect people: no patient identifiers, no control characters,
and spreadsheet formulas defused on export."""

from __future__ import annotations

import re

__all__ = ["contains_nhs_number", "control_characters", "is_valid_nhs_number", "neutralise_formula"]

# Ten digits, optionally grouped with spaces or dashes, not part of a longer run of digits.
_NHS_CANDIDATE = re.compile(r"(?<![\d])\d(?:[ \-]?\d){9}(?![\d])")
# C0 controls (but tab, newline and carriage return), DEL and C1 controls.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "|")


def is_valid_nhs_number(digits: str) -> bool:
    """True if ten digits pass the NHS modulus 11 check."""
    if len(digits) != 10 or not digits.isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(digits[:9], range(10, 1, -1), strict=True))
    check = 11 - total % 11
    if check == 11:
        check = 0
    return check != 10 and check == int(digits[9])


def contains_nhs_number(text: str) -> bool:
    """True if the text holds something that is a valid NHS number once spaces/dashes go."""
    return any(
        is_valid_nhs_number(re.sub(r"[ \-]", "", m.group())) for m in _NHS_CANDIDATE.finditer(text)
    )


def control_characters(text: str) -> list[str]:
    """The control characters in the text, as readable code points (U+0000)."""
    return sorted({f"U+{ord(c):04X}" for c in _CONTROL.findall(text)})


def neutralise_formula(value: object) -> object:
    """Make a text cell inert in spreadsheets (OWASP CSV injection): prefix a quote."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value
