from refocus_kit.practices.actions import ActionPlan
from refocus_kit.practices.careplan import CarePlan, check_care_plan

VALUES = "Ana (fictional) values her Catholic faith and her choir; she prefers a female worker."
STRENGTHS = "Ana sings alto in the choir and walks her dog every day."


def good_plan() -> CarePlan:
    plan = ActionPlan("I would like to sing in the church choir again")
    plan.add("Phone the choir leader", "Ana", "next Monday", "independent")
    plan.add("Go to the first rehearsal with my friend", "Ana and Jo", "March", "joint")
    plan.add("Write a letter of support", "Worker", "March", "passive")
    return CarePlan([plan], VALUES, STRENGTHS, person_chose_goals=True)


def results(plan):
    return {t.id: t for t in check_care_plan(plan)}


def test_a_good_plan_passes_the_four_tests_in_the_manuals_order():
    tests = check_care_plan(good_plan())
    assert [t.id for t in tests] == ["goals", "values", "strengths", "actions"]
    assert [t.label[:2] for t in tests] == ["a)", "b)", "c)", "d)"]
    assert all(t.passed for t in tests), tests
    assert "choir" in " ".join(results(good_plan())["strengths"].reasons)


def test_goals_not_asked_yet_is_a_question_not_a_pass():
    plan = good_plan()
    plan.person_chose_goals = None
    goals = results(plan)["goals"]
    assert goals.passed is None
    assert any("Ask the person" in r for r in goals.reasons)


def test_goals_in_the_workers_voice_and_avoidance_goals_are_named():
    plan = CarePlan(
        [ActionPlan("Medication compliance"), ActionPlan("I want to stop drinking")],
        person_chose_goals=True,
    )
    goals = results(plan)["goals"]
    assert goals.passed is False
    text = " ".join(goals.reasons)
    assert "person's voice" in text
    assert "avoidance" in text


def test_no_goals_and_no_summaries_fail_with_reasons():
    result = results(CarePlan())
    assert not result["goals"].passed
    assert "No goals" in result["goals"].reasons[0]
    assert "No values" in result["values"].reasons[0]
    assert "No steps" in result["actions"].reasons[0]


def test_plan_that_ignores_strengths_fails():
    plan = good_plan()
    plan.strengths_summary = "Excellent at chess and carpentry."
    assert results(plan)["strengths"].passed is False


def test_mostly_passive_plan_fails():
    plan = ActionPlan("I would like my own flat")
    plan.add("Fill in the housing form", "Worker", "May", "passive")
    plan.add("Phone the council", "Worker", "May", "passive")
    plan.add("Look at flats", "Sam", "June", "joint")
    actions = results(CarePlan([plan]))["actions"]
    assert actions.passed is False
    assert "2 passive" in actions.reasons[0]
