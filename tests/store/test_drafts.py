"""Drafts obey the limits of a submit: never more is stored than Submit would accept, and the
notes say which answers were trimmed or left out, never what was typed."""

import logging
from dataclasses import replace

import pytest

from refocus_kit.forms.validate import DRAFT_LEFT_OUT, DRAFT_TRIMMED

MARKER = "Marker-of-a-typed-answer-3P8"  # fictional answer text


@pytest.fixture
def every_kind(every_kind):
    return replace(every_kind, checks=())


def test_a_draft_never_holds_more_than_a_submit_would_accept(store, every_kind, caplog):
    caplog.set_level(logging.INFO)
    typed = {
        "title": "A title",
        "notes": MARKER + "x" * 5_000_000,  # 5 MB in a field of 300 characters
        "costs": [{"item": f"Tea {n}", "amount": 1} for n in range(9)],  # 9 where 5 are allowed
        "grid": {"home": {"now": "y" * 1000}},
        "colour": "purple",
        "elsewhere": "a field this form does not have",
    }
    notes = store.save_draft("k", every_kind, typed)
    kept = store.load_draft("k")
    assert kept == {
        "title": "A title",
        "notes": (MARKER + "x" * 300)[:300],
        "costs": [{"item": f"Tea {n}", "amount": 1} for n in range(5)],
        "grid": {"home": {"now": "y" * 100}},
    }
    told = {(n.path, n.message) for n in notes}
    assert told == {
        ("notes", DRAFT_TRIMMED),
        ("costs", DRAFT_TRIMMED),
        ("grid", DRAFT_TRIMMED),
        ("colour", DRAFT_LEFT_OUT),
        ("(unknown)", DRAFT_LEFT_OUT),
    }
    assert MARKER not in caplog.text and "purple" not in caplog.text
    store.submit(every_kind, kept)  # what the draft holds, a submit takes as it is


def test_a_draft_with_an_nhs_number_keeps_the_rest(store, every_kind):
    notes = store.save_draft("k", every_kind, {"title": "Fine", "notes": "Seen: 943 476 5919"})
    assert store.load_draft("k") == {"title": "Fine"}
    assert [(n.path, n.message) for n in notes] == [("notes", DRAFT_LEFT_OUT)]


def test_a_draft_within_the_limits_is_kept_as_typed_however_unfinished(store, every_kind):
    unfinished = {"costs": [{"amount": 12.5}], "notes": "Half a thought"}  # no title, no item
    assert store.save_draft("k", every_kind, unfinished) == []
    assert store.load_draft("k") == unfinished
