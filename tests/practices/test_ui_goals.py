from refocus_kit.practices.actions import ActionPlan
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
