import io
from datetime import date

import numpy as np
import pytest
from PIL import Image

from refocus_kit.practices.actions import (
    ACTION_KINDS,
    ActionPlan,
    ActionStep,
    action_kinds,
    check_smart,
    draw_balance,
)
from refocus_kit.practices.figures import DPI, save_figure
from tests.practices.pictures import assert_pdf, assert_png, unreadable_texts

TODAY = date(2025, 3, 1)


def marks(step):
    return {m.id: m for m in check_smart(step, today=TODAY)}


def test_a_good_step_passes_every_mark_with_reasons():
    step = ActionStep(
        "Phone the community centre about the salsa class",
        "Ana (fictional)",
        date(2025, 3, 10),
        "independent",
        8,
    )
    result = marks(step)
    assert all(m.passed for m in result.values())
    assert all(m.reason for m in result.values())
    assert list(result) == ["specific", "measurable", "attainable", "realistic", "timetabled"]


def test_a_vague_step_fails_with_reasons():
    result = marks(ActionStep("Try to be better", "", None, "passive"))
    assert result["specific"].passed is False
    assert "who" in result["specific"].reason
    assert result["measurable"].passed is False
    assert result["attainable"].passed is None
    assert "confident" in result["attainable"].reason
    assert result["timetabled"].passed is False


def test_vague_word_without_an_action_is_not_specific():
    result = marks(ActionStep("Work on my confidence", "Sam", "next week"))
    assert result["specific"].passed is False
    assert '"work on"' in result["specific"].reason


def test_timetabled_accepts_words_but_not_soon():
    assert marks(ActionStep("Go to choir", "Sam", "next Tuesday"))["timetabled"].passed
    assert marks(ActionStep("Go to choir", "Sam", "by end of June"))["timetabled"].passed
    assert not marks(ActionStep("Go to choir", "Sam", "soon"))["timetabled"].passed


def test_realistic_flags_past_far_and_bundled_steps():
    assert not marks(ActionStep("Go to choir", "Sam", date(2025, 2, 1)))["realistic"].passed
    assert not marks(ActionStep("Go to choir", "Sam", date(2025, 12, 1)))["realistic"].passed
    bundled = ActionStep("Buy shoes, join a gym and then run a marathon", "Sam", "May")
    assert "split" in marks(bundled)["realistic"].reason


def test_low_confidence_is_not_attainable():
    assert (
        marks(ActionStep("Go to choir", "Sam", "May", confidence=4))["attainable"].passed is False
    )


def test_measurable_by_number_or_visible_act():
    assert "twice" in marks(ActionStep("Swim twice a week", "Sam", "May"))["measurable"].reason
    assert marks(ActionStep("Visit the library", "Sam", "May"))["measurable"].passed


@pytest.mark.parametrize(("kind", "confidence"), [("sometimes", None), ("joint", 11)])
def test_step_refuses_unknown_kind_or_rating(kind, confidence):
    with pytest.raises(ValueError):
        ActionStep("Go", "Sam", None, kind, confidence)


def test_balance_counts_each_kind():
    plan = ActionPlan("I want to dance again (fictional)")
    plan.add("Find a class", "Ana", "May", "independent")
    plan.add("Go with my sister", "Ana and sister", "June", "joint")
    plan.add("Book a taxi", "Worker", "May", "passive")
    plan.add("Buy shoes", "Ana", "May", "independent")
    assert plan.balance() == {"independent": 2, "joint": 1, "passive": 1}


def test_plan_round_trips_through_a_dict():
    plan = ActionPlan("Dance again")
    plan.add("Find a class", "Ana", date(2025, 5, 1), "joint", 7)
    data = plan.to_dict()
    assert data["steps"][0]["by_when"] == "2025-05-01"
    again = ActionPlan.from_dict(data)
    assert again.steps[0].due_date() == date(2025, 5, 1)
    assert again.balance() == plan.balance()


@pytest.mark.parametrize("steps", [0, 3])
def test_balance_picture_is_drawn_and_exported(tmp_path, steps):
    plan = ActionPlan("I want to dance again (fictional)")
    for i in range(steps):
        plan.add(f"Step {i}", "Ana", "May", ("independent", "joint", "passive")[i])
    fig = draw_balance(plan)
    paths = save_figure(fig, tmp_path, "balance")
    assert_png(paths["png"], tuple(int(x * DPI) for x in fig.get_size_inches()))
    assert_pdf(paths["pdf"])


def _plan(steps_per_kind: int) -> ActionPlan:
    plan = ActionPlan("Ana (fictional) would like to sing in a choir again")
    for kind in ACTION_KINDS:
        for i in range(steps_per_kind):
            plan.add(f"Step {i + 1}: phone the community choir leader about rehearsals", "Ana")
            plan.steps[-1].kind = kind
    return plan


@pytest.mark.parametrize("steps_per_kind", [0, 1, 3, 6, 8])
def test_balance_picture_ends_where_its_steps_end(steps_per_kind):
    """No tall blank band under the steps: the picture is as tall as what it shows."""
    buffer = io.BytesIO()
    draw_balance(_plan(steps_per_kind)).savefig(buffer, format="png", dpi=DPI)
    grey = np.asarray(Image.open(io.BytesIO(buffer.getvalue())).convert("L"))
    drawn_rows = np.flatnonzero((grey < 250).any(axis=1))
    blank_below = grey.shape[0] - 1 - drawn_rows[-1]
    assert blank_below <= 40, f"{blank_below} px blank under the last step"


def test_every_word_in_the_balance_picture_reads_at_wcag_aa():
    colours = {kind["label"]: kind["colour"] for kind in action_kinds()}

    def bar_under(text):  # "Passive: 1" is written on the passive bar
        label, colon, _ = text.get_text().partition(":")
        return colours.get(label) if colon else None

    fig = draw_balance(_plan(1))
    assert unreadable_texts(fig, bar_under) == []
    assert min(t.get_fontsize() for ax in fig.axes for t in ax.texts) >= 10


def test_balance_picture_says_how_many_steps_it_leaves_out():
    texts = [t.get_text() for ax in draw_balance(_plan(8)).axes for t in ax.texts]
    assert texts.count("and 2 more") == 3
