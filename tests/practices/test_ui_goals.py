import re
from datetime import date, timedelta

from refocus_kit.practices.actions import MAX_STEP_WEEKS, ActionPlan
from refocus_kit.practices.ui_goals import ActionPlannerTool, CarePlanTool, GoalCheckTool


def test_goal_check_shows_verdict_reasons_and_suggestion():
    tool = GoalCheckTool()
    tool.text.value = "I want to stop drinking"
    tool.check_button.click()
    html = tool.result.value
    assert "Avoidance goal" in html
    assert "&quot;stop&quot; asks to stop something" in html
    assert "Suggestion" in html


def test_goal_check_escapes_the_persons_words():
    tool = GoalCheckTool("I want to <b>dance</b> again")
    tool.check_button.click()
    assert "Approach goal" in tool.result.value
    assert "<b>dance</b>" not in tool.result.value
    assert "&lt;b&gt;dance" in tool.result.value


def test_goal_check_asks_for_text_first():
    tool = GoalCheckTool()
    tool.check_button.click()
    assert "Type a goal" in tool.result.value


def test_planner_adds_steps_and_shows_smart_and_balance():
    tool = ActionPlannerTool()
    tool.goal.value = "I want to dance again (fictional)"
    tool.what.value = "Phone the salsa class"
    tool.who.value = "Ana"
    tool.by_when.value = "next Tuesday"
    tool.kind.value = "joint"
    tool.confidence.value = 8
    tool.add_button.click()
    assert tool.plan.balance() == {"independent": 0, "joint": 1, "passive": 0}
    assert tool.plan.steps[0].confidence == 8
    assert "Specific" in tool.steps.value and "Timetabled" in tool.steps.value
    assert tool.what.value == ""
    image = tool.picture.children[0]
    assert bytes(image.value).startswith(b"\x89PNG")


def test_planner_needs_a_step_description():
    tool = ActionPlannerTool()
    tool.add_button.click()
    assert tool.plan.steps == []
    assert "Say what the step is" in tool.steps.value


def test_care_plan_tool_reports_the_four_tests():
    plan = ActionPlan("I would like to sing in a choir")
    plan.add("Phone the choir", "Ana", "Monday", "independent")
    tool = CarePlanTool([plan], "Ana values singing", "Ana sings alto")
    tool.chose.value = True
    tool.check_button.click()
    for label in ("a) Focus", "b) Reflect", "c) Build", "d) Involve"):
        assert label in tool.result.value
    assert tool.result.value.count("\u2714") == 4


def test_enter_in_the_goal_box_checks_the_goal():
    """ipywidgets 8 deprecates Text.on_submit: a box that does not update on every keystroke
    sends its value when the person presses Enter (or leaves the box), and the tool observes it."""
    tool = GoalCheckTool()
    assert tool.text.continuous_update is False
    tool.text.value = "I want to stop drinking"  # what the browser sends on Enter
    assert "Avoidance goal" in tool.result.value


def test_the_planner_redraws_when_the_goal_is_entered_not_at_every_keystroke():
    tool = ActionPlannerTool()
    assert tool.goal.continuous_update is False
    tool.goal.value = "I want to dance again (fictional)"
    assert tool.plan.goal == "I want to dance again (fictional)"


def test_the_date_placeholder_is_a_date_to_come():
    tool = ActionPlannerTool()
    shown = re.search(r"\d{4}-\d{2}-\d{2}", tool.by_when.placeholder)
    assert shown, tool.by_when.placeholder
    due = date.fromisoformat(shown.group(0))
    assert date.today() < due <= date.today() + timedelta(weeks=MAX_STEP_WEEKS.number)


def test_step_titles_read_as_english():
    plan = ActionPlan("Ana (fictional) would like to sing in a choir again")
    plan.add("Phone the choir leader", "Ana", "next Monday", "independent")
    plan.add("Go to the first rehearsal with Jo", "Ana and Jo", "in two weeks", "joint")
    plan.add("Write a letter about travel costs", "Worker", "by the end of the month", "passive")
    plan.add("Look up bus times")
    steps = ActionPlannerTool(plan).steps.value
    assert "Ana, by next Monday" in steps
    assert "Ana and Jo, in two weeks" in steps
    assert "Worker, by the end of the month" in steps
    assert "by in" not in steps and "by by" not in steps
    assert "Look up bus times \u2014 who and when not yet agreed" in steps
