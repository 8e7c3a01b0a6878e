"""The practice tools say what the REFOCUS manual says (issue 11).

Each test holds the manual's exact words and checks that the tool shows them, or that a threshold,
example or question the kit chose itself is labelled as the kit's own wherever it is shown: in the
reasons the checks give, in the widgets, and in the pictures."""

from datetime import date, timedelta
from html import unescape

import pytest

from refocus_kit.practices import (
    ActionPlan,
    ActionPlannerTool,
    ActionStep,
    BackgroundMap,
    CarePlan,
    CarePlanTool,
    CoachingTool,
    LifeMapTool,
    RelationshipMap,
    StrengthsTool,
    check_care_plan,
    check_goal,
    check_smart,
    check_strengths,
)
from refocus_kit.practices.content import load_content
from refocus_kit.practices.lifemaps import map_info

KIT_OWN_MARK = "(the kit's own mark, not the manual's)"
TODAY = date(2025, 6, 2)

# Section 5.4: "... either informally or using the SMART (Specific, Measurable, Attainable,
# Realistic, Timetabled) approach". The manual gives no number for any of the five.
MANUAL_SMART = "SMART (Specific, Measurable, Attainable, Realistic, Timetabled)"
# Section 5.4: "The resulting care plan will: a) ...; b) ...; c) ...; AND d) ...".
MANUAL_CARE_PLAN = (
    "a) Focus on personally-valued goals",
    "b) Reflect the person's values and treatment preferences",
    "c) Build on the person's strengths",
    "d) Involve independent and joint action rather than passive action",
)
# Section 4.3, the marks of a good assessment that the kit measures with numbers of its own.
MANUAL_COMPLETE = "Complete \u2013 each life domain has rich and detailed information"
MANUAL_UPDATED = "Updated \u2013 clear when last updated and sufficiently current to be useable"
# Section 5.3, principle 3 (the manual prints it without the "to" the kit restores in brackets).
MANUAL_APPROACH_GOAL = "I would like use other strategies besides medication to manage my illness"
# Chapter 3, Visual approach.
MANUAL_RELATIONSHIP = (
    "The relationship map can be divided into sections such as family, friends, community, "
    "and mental health staff or providers."
)
MANUAL_BACKGROUND = (
    "The timeline may include positive experiences and achievements as well as times of "
    "trauma, loss and grief."
)


def smart(step: ActionStep) -> dict:
    return {m.id: m for m in check_smart(step, today=TODAY)}


def test_the_smart_marks_are_the_manuals_words():
    labels = [m.label for m in check_smart(ActionStep("Phone the choir", "Ana"), today=TODAY)]
    assert f"SMART ({', '.join(labels)})" == MANUAL_SMART


@pytest.mark.parametrize("confidence", [5, 7, 9])
def test_the_confidence_mark_is_labelled_the_kits_own(confidence):
    step = ActionStep("Phone the choir leader", "Ana", TODAY, confidence=confidence)
    reason = smart(step)["attainable"].reason
    assert f"7/10 {KIT_OWN_MARK}" in reason


@pytest.mark.parametrize("weeks", [2, 20])
def test_the_twelve_weeks_mark_is_labelled_the_kits_own(weeks):
    step = ActionStep("Phone the choir leader", "Ana", TODAY + timedelta(weeks=weeks))
    assert f"12 weeks {KIT_OWN_MARK}" in smart(step)["realistic"].reason


def test_the_planner_shows_the_kits_label_with_its_marks():
    plan = ActionPlan("Ana (fictional) would like to sing again")
    plan.add("Phone the choir leader", "Ana", "next Monday", "independent", 5)
    tool = ActionPlannerTool(plan)
    assert f"7/10 {KIT_OWN_MARK}" in unescape(tool.steps.value)


def test_every_threshold_the_kit_chose_is_flagged_in_its_data():
    for name in ("smart", "strengths_marks"):
        for key, data in load_content(name)["thresholds"].items():
            assert data["kit_own"] is True, f"{name}.{key}"


def _care_plan(kinds: list[str]) -> CarePlan:
    plan = ActionPlan("I would like to sing in a choir again")
    for n, kind in enumerate(kinds):
        plan.add(f"Step {n}: phone the choir", "Ana", "next Monday", kind)
    return CarePlan([plan], "Ana values singing.", "Ana sings alto.", person_chose_goals=True)


def test_the_care_plan_tests_are_the_manuals_words():
    assert tuple(t.label for t in check_care_plan(_care_plan(["joint"]))) == MANUAL_CARE_PLAN


@pytest.mark.parametrize("kinds", [["independent", "joint"], ["passive", "passive", "joint"]])
def test_care_plan_test_d_labels_the_kits_reading_as_its_own(kinds):
    actions = check_care_plan(_care_plan(kinds))[3]
    text = " ".join(actions.reasons)
    assert f"more independent or joint than passive steps {KIT_OWN_MARK}" in text


def test_the_care_plan_tool_shows_the_manuals_test_and_the_kits_label():
    tool = CarePlanTool(_care_plan(["passive"]).plans, "Ana values singing.", "Ana sings alto.")
    tool.check()
    shown = unescape(tool.result.value)
    assert MANUAL_CARE_PLAN[3] in shown and KIT_OWN_MARK in shown


def _thin_worksheet() -> dict:
    cells = {"current": "Flat", "desires": "A garden to grow herbs", "resources": "Shared house"}
    rows = ("daily_living", "financial", "occupational", "social_supports", "health")
    return {"strengths": {row: dict(cells) for row in (*rows, "spiritual_cultural")}}


def test_the_three_words_mark_is_labelled_and_the_manuals_words_are_quoted():
    complete = {m.id: m for m in check_strengths(_thin_worksheet(), TODAY, today=TODAY)}["complete"]
    assert f"3 words a box {KIT_OWN_MARK}" in " ".join(complete.reasons)
    assert f"\u201c{MANUAL_COMPLETE}\u201d" in complete.manual
    assert "section 4.3" in complete.manual


@pytest.mark.parametrize("age", [10, 200])
def test_the_ninety_days_mark_is_labelled_and_the_manuals_words_are_quoted(age):
    results = check_strengths(_thin_worksheet(), TODAY - timedelta(days=age), today=TODAY)
    updated = {m.id: m for m in results}["updated"]
    assert f"90 days {KIT_OWN_MARK}" in " ".join(updated.reasons)
    assert f"\u201c{MANUAL_UPDATED}\u201d" in updated.manual


def test_the_strengths_tool_shows_the_manuals_words_beside_the_kits_marks():
    tool = StrengthsTool()
    tool.load(_thin_worksheet())
    tool.updated.value = date.today() - timedelta(days=200)
    tool.check()
    shown = unescape(tool.result.value)
    for words in (MANUAL_COMPLETE, MANUAL_UPDATED, f"3 words a box {KIT_OWN_MARK}"):
        assert words in shown
    assert "(the kit's own question, not the manual's)" in shown  # the self-rating questions


def test_the_manuals_approach_goal_is_quoted_as_the_manual_says_it():
    suggestion = check_goal("I want to reduce my medication").suggestion
    assert "manage my health" not in suggestion
    shown = suggestion.replace("[to] ", "")
    assert f"\u201c{MANUAL_APPROACH_GOAL}\u201d" in shown
    assert "section 5.3" in shown
    assert "(the kit's own question, not the manual's)" in suggestion


def test_the_kits_own_goal_examples_are_labelled():
    suggestion = check_goal("I don't want to end up back in hospital").suggestion
    assert "(the kit's own example, not the manual's)" in suggestion
    assert "(the kit's own question, not the manual's)" in suggestion


def test_the_relationship_map_has_the_manuals_sections():
    parts = list(map_info("relationship")["parts"].values())
    assert parts == ["Family", "Friends", "Community", "Mental health staff or providers"]
    assert ", ".join(p.lower() for p in parts[:3]) + ", and " + parts[3].lower() in (
        MANUAL_RELATIONSHIP
    )
    texts = [t.get_text() for t in RelationshipMap("Ana (fictional)").draw().axes[0].texts]
    assert "Mental health staff or\nproviders" in texts or any(
        " ".join(t.split()) == "Mental health staff or providers" for t in texts
    )


def test_the_background_map_keeps_trauma():
    kinds = map_info("background")["kinds"]
    assert kinds["difficult"] == "Times of trauma, loss and grief"
    assert kinds["difficult"].lower() in MANUAL_BACKGROUND.lower()
    assert kinds["positive"].lower() in MANUAL_BACKGROUND.lower()
    background = BackgroundMap("Ana (fictional)")
    background.add("Age 24", "First stay in hospital", "difficult")
    texts = [t.get_text() for t in background.draw().axes[0].texts]
    assert "\u25cf Times of trauma, loss and grief" in texts


@pytest.mark.parametrize("kind", ["relationship", "background"])
def test_the_life_map_tool_quotes_the_manual_and_labels_its_own_prompt(kind):
    tool = LifeMapTool(kind, owner="Ana (fictional)")
    intro = unescape(tool.children[0].value)
    assert "chapter 3" in intro
    assert "(the kit's own prompt, not the manual's)" in intro
    quote = MANUAL_RELATIONSHIP if kind == "relationship" else MANUAL_BACKGROUND
    assert map_info(kind)["manual"] in quote


@pytest.mark.parametrize("model", ["REACH", "GROW"])
def test_coaching_guides_and_questions_are_labelled_the_kits_own(model):
    tool = CoachingTool(model)
    tool.show_questions.value = True
    heading, questions = unescape(tool.heading.value), unescape(tool.questions.value)
    assert f"\u201c{tool.conversation.stage.manual}\u201d" in heading
    assert "REFOCUS manual" in heading
    assert "(the kit's own guide, not the manual's)" in heading
    assert "(the kit's own questions, not the manual's)" in questions
