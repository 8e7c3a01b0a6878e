"""Whose words these are: the manual's, quoted and cited, or the kit's own, labelled as such.

The kit reproduces the REFOCUS manual's instruments faithfully and adds a few things of its own:
thresholds in the practice checks, coaching questions, goal themes, guidance, some fields and the
attendance record. Data marks each addition (`kit_own: true`), and every place that shows one
labels it with the wording made here, so nothing the kit chose passes for the manual's mark.
"""

from __future__ import annotations

__all__ = ["KIT_OWN", "kit_own", "kit_own_note", "quoted"]

KIT_OWN = "the kit's own"


def kit_own(what: str) -> str:
    """The label for something the kit chose itself, e.g. "the kit's own mark, not the
    manual's"."""
    return f"{KIT_OWN} {what}, not the manual's"


def kit_own_note(text: str, what: str) -> str:
    """`text` with the kit's own label after it in brackets (the label alone if no text)."""
    label = f"({kit_own(what)})"
    return f"{text} {label}" if text.strip() else label


def quoted(words: str, source: str) -> str:
    """The manual's own words, in quotation marks, with where they come from."""
    return f"\u201c{words}\u201d ({source})"
