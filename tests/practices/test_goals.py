from pathlib import Path

import pytest
import yaml

from refocus_kit.practices.goals import APPROACH, AVOIDANCE, check_goal
from refocus_kit.practices.goals_eval import evaluate, main

HERE = Path(__file__).parent
EXAMPLES = HERE / "goal_examples.yaml"
HELD_OUT = HERE / "goal_examples_heldout.yaml"


def test_labelled_set_is_large_varied_and_balanced():
    items = yaml.safe_load(EXAMPLES.read_text(encoding="utf-8"))["goals"]
    assert len(items) >= 60
    assert {i["label"] for i in items} == {APPROACH, AVOIDANCE}
    texts = [i["text"] for i in items]
    assert len(set(texts)) == len(texts)
    counts = [sum(i["label"] == label for i in items) for label in (APPROACH, AVOIDANCE)]
    assert min(counts) >= 0.35 * len(items)


def test_accuracy_on_labelled_set_meets_the_bar(capsys):
    right, total, misses = evaluate(EXAMPLES)
    print(f"goal check accuracy: {right}/{total} = {right / total:.1%}")
    assert right / total >= 0.9, misses


def test_accuracy_on_held_out_set_written_after_the_rules():
    right, total, misses = evaluate(HELD_OUT)
    assert total >= 30
    assert right / total >= 0.9, misses


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("I want to reduce my medication", AVOIDANCE),
        ("I would like use other strategies besides medication to manage my illness", APPROACH),
        ("I want to lose weight", AVOIDANCE),
        ("I want to dance again", APPROACH),
    ],
)
def test_the_manuals_examples(text, label):
    assert check_goal(text).verdict == label


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("I don't want to go back on the ward", AVOIDANCE),
        ("I\u2019d like to join a walking group", APPROACH),
        ("I want to cut down on takeaways", AVOIDANCE),
        ("No more hospital", AVOIDANCE),
        ("I want to get rid of my debts", AVOIDANCE),
        ("I want to stop gambling", AVOIDANCE),
        ("quit smoking", AVOIDANCE),
        ("Less worry", AVOIDANCE),
        ("I want to avoid the pub", AVOIDANCE),
        ("Never again in a police cell", AVOIDANCE),
        ("I just want to be left alone", AVOIDANCE),
        ("I want people to leave me alone", AVOIDANCE),
        ("I want to spend time alone reading", APPROACH),
        ("Live alone in my own flat", APPROACH),
        ("I want to be alone some evenings to read", APPROACH),
        ("more friends", APPROACH),
        ("a part-time job", APPROACH),
    ],
)
def test_the_ways_people_put_goals(text, label):
    assert check_goal(text).verdict == label


def test_avoidance_goal_has_reasons_and_a_suggestion():
    verdict = check_goal("I want to reduce my medication")
    assert verdict.verdict == AVOIDANCE
    assert any('"reduce"' in r for r in verdict.reasons)
    assert "strategies besides medication" in verdict.suggestion


def test_approach_goal_has_reasons_and_no_suggestion():
    verdict = check_goal("I want to dance again")
    assert verdict.reasons
    assert verdict.suggestion is None


def test_goal_naming_both_counts_as_approach_and_says_why():
    verdict = check_goal("Less time on my own, more time with people")
    assert verdict.verdict == APPROACH
    assert any("move towards" in r for r in verdict.reasons)


def test_unknown_topic_gets_the_general_suggestion():
    assert "instead" in check_goal("I want to stop biting my nails").suggestion


def test_to_dict_has_the_json_shape():
    data = check_goal("no more debt").to_dict()
    assert data["verdict"] == AVOIDANCE
    assert isinstance(data["reasons"], list)
    assert isinstance(data["suggestion"], str)


@pytest.mark.parametrize("text", ["", "   ", "!!!"])
def test_blank_goal_is_refused(text):
    with pytest.raises(ValueError, match="words"):
        check_goal(text)


def test_evaluate_command_prints_the_figure(capsys):
    assert main([str(EXAMPLES)]) == 0
    assert "right (" in capsys.readouterr().out
