"""The exercises' widgets, headless: each saves its answer as it changes and starts from the
saved one; the checks mark saved answers and explain them."""

import os

from refocus_kit.exercises.answers import load_answers
from refocus_kit.exercises.notebook import answered, choose, draft_goal, expect, rate
from tests.support.imports import imported_by


def test_an_exercise_kernel_imports_no_plotting_library():
    """Every exercise notebook's first cell imports this module in a fresh kernel, once per
    submission at autograde: matplotlib (behind the goal check's page helpers) cost 1.3-1.8 s
    a submission there, for widgets that draw no figure."""
    setup = "from refocus_kit.exercises.notebook import choose, expect"
    assert imported_by(setup, ["matplotlib", "numpy"], dict(os.environ)) == set()


def test_a_choice_is_saved_as_it_changes_and_comes_back(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    box = choose("q1", ["approach", "avoidance"])
    assert box.value is None and load_answers() == {}
    box.value = "avoidance"
    assert load_answers() == {"q1": "avoidance"}
    assert choose("q1", ["approach", "avoidance"]).value == "avoidance"


def test_a_saved_answer_no_longer_offered_is_not_shown(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    choose("q1", ["a", "b"]).value = "b"
    assert choose("q1", ["a", "c"]).value is None


def test_a_rating_is_saved(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    rate("closeness").value = 4
    assert load_answers() == {"closeness": 4}


def test_the_goal_draft_is_checked_as_it_is_typed_and_shown_escaped(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    box = draft_goal("rewrite")
    text, verdict = box.children
    assert "Nothing typed yet" in verdict.value
    text.value = "I want to stop <b>drinking</b>"
    assert "avoidance goal" in verdict.value and "<b>drinking" not in verdict.value
    text.value = "I'd like to swim on Saturdays with my brother"
    assert "approach goal" in verdict.value
    assert load_answers() == {"rewrite": "I'd like to swim on Saturdays with my brother"}


def test_expect_marks_and_explains(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert expect("q1", "Value 3", "Box 1, Value 3.") == 0.0
    assert "No answer given. The answer is: Value 3." in capsys.readouterr().out
    choose("q1", ["Value 1", "Value 3"]).value = "Value 1"
    assert expect("q1", "Value 3", "Box 1, Value 3.", points=2) == 0.0
    assert "Your answer: Value 1. The answer is: Value 3." in capsys.readouterr().out
    choose("q1", ["Value 1", "Value 3"]).value = "Value 3"
    assert expect("q1", "Value 3", "Box 1, Value 3.", points=2) == 2
    assert "Yes.\nBox 1, Value 3." in capsys.readouterr().out


def test_answered_gives_a_share_of_the_marks_per_answer(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    rate("a").value = 1
    rate("b").value = 5
    assert answered(["a", "b", "c"], 3) == 2.0
    assert "2 of 3 answered." in capsys.readouterr().out
