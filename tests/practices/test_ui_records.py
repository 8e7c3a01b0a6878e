"""Each practice tool keeps its work: make something, save, start a fresh tool (as after a
kernel restart) and find the same work again; drafts only for what the person changes."""

from refocus_kit.practices import (
    ActionPlan,
    ActionPlannerTool,
    CarePlanTool,
    LifeMapTool,
    StrengthsTool,
    VTPCompanionTool,
)
from refocus_kit.practices.ui_records import DRAFT

ME = "trainer.t1"


def typed(widget, value):
    """Change a widget's value as the browser does (through its synced state)."""
    widget.set_state({"value": value})


def reopen(make, store, choice=None):
    """A fresh tool, with the person's first listed record (or `choice`) opened in it."""
    tool = make(respondent=ME, store=store)
    tool.records.open_button.click()
    options = [value for _label, value in tool.records.choices.options]
    assert tool.records.choices.value == options[0]  # the most recent, ready to open
    tool.records.choices.value = choice or options[0]
    tool.records.load_button.click()
    return tool


def test_vtp_companion_notes_are_saved_and_found_again(store):
    tool = VTPCompanionTool(respondent=ME, store=store)
    tool.area.value = "gender"
    typed(tool.notes, "Would prefer a female worker (fictional)")
    tool.records.save_button.click()
    assert "Saved" in tool.records.status.value
    saved = store.responses("values_treatment_preferences", respondent=ME)
    assert saved[0].answers["gender_notes"].startswith("Would prefer")

    again = reopen(VTPCompanionTool, store)
    again.area.value = "gender"
    assert again.notes.value == "Would prefer a female worker (fictional)"
    assert again.status.value == "started"
    assert again.records.save().id == saved[0].id  # saving again revises the same record


def test_strengths_worksheet_is_saved_and_found_again(store):
    tool = StrengthsTool(respondent=ME, store=store)
    tool.load({"practice_case": "Ana (fictional)"})
    typed(tool.cells["health", "current"], "Walks with her neighbour")
    tool.records.save_button.click()
    again = reopen(StrengthsTool, store)
    assert again.cells["health", "current"].value == "Walks with her neighbour"
    assert again.answers()["practice_case"] == "Ana (fictional)"  # kept, though not shown
    assert again.records.choices.options == ()  # the list is put away once opened


def test_life_map_is_saved_and_drawn_again(store):
    tool = LifeMapTool("background", owner="Ana (fictional)", respondent=ME, store=store)
    tool.part.value = "positive"
    tool.extra.value = "Age 12"
    tool.item.value = "Won the school art prize"
    tool.add_button.click()
    tool.records.save_button.click()
    LifeMapTool("respect", respondent=ME, store=store).records.save()  # another kind
    again = reopen(lambda **kw: LifeMapTool("background", **kw), store)
    assert [e.what for e in again.map.events] == ["Won the school art prize"]
    assert again.map.events[0].when == "Age 12" and again.map.owner == "Ana (fictional)"
    assert len(again.records.records.saved()) == 1  # the respect map is not listed here


def test_action_plan_is_saved_and_found_again(store):
    tool = ActionPlannerTool(respondent=ME, store=store)
    typed(tool.goal, "I would like to sing in a choir again")
    tool.what.value, tool.who.value = "Phone the choir leader", "Ana"
    tool.confidence.value = 8
    tool.add_button.click()
    tool.records.save_button.click()
    again = reopen(ActionPlannerTool, store)
    assert again.goal.value == "I would like to sing in a choir again"
    assert [(s.what, s.who, s.confidence) for s in again.plan.steps] == [
        ("Phone the choir leader", "Ana", 8)
    ]
    assert "Phone the choir leader" in again.steps.value


def test_care_plan_check_is_saved_with_its_outcome_and_found_again(store):
    plan = ActionPlan("I would like to sing in a choir again")
    plan.add("Phone the community choir leader", "Ana", "next Monday", "independent", 8)
    tool = CarePlanTool([plan], respondent=ME, store=store)
    typed(tool.values, "Ana values singing and her faith.")
    tool.chose.value = True
    tool.records.save_button.click()
    saved = store.responses("care_plan_check", respondent=ME)[0].answers
    assert saved["person_chose_goals"] == "yes" and saved["test_actions"] == "met"
    again = reopen(CarePlanTool, store)
    assert [p.goal for p in again.plans] == ["I would like to sing in a choir again"]
    assert again.plans[0].steps[0].what == "Phone the community choir leader"
    assert again.values.value == "Ana values singing and her faith." and again.chose.value
    assert "I would like to sing" in again.plans_view.value


def test_unsaved_changes_come_back_as_a_draft(store):
    tool = ActionPlannerTool(respondent=ME, store=store)
    typed(tool.goal, "I would like to walk to the park")
    again = reopen(ActionPlannerTool, store, choice=DRAFT)
    assert again.goal.value == "I would like to walk to the park"
    assert store.responses("action_plan") == []  # a draft is not a saved record


def test_a_cell_filling_a_tool_in_writes_nothing(store):
    """What a notebook does when run top to bottom: set values in code, click Check."""
    tool = VTPCompanionTool(respondent=ME, store=store)
    tool.area.value = "gender"
    tool.notes.value = "A worked example"
    care = CarePlanTool([ActionPlan("I would like to dance")], respondent=ME, store=store)
    care.chose.value = True
    care.check_button.click()
    assert tool.records.records.draft() is None and care.records.records.draft() is None


def test_a_refused_save_names_the_answer_and_stores_nothing(store):
    tool = ActionPlannerTool(respondent=ME, store=store)
    tool.what.value = "Phone the choir leader"
    tool.add_button.click()
    tool.records.save_button.click()  # no goal yet
    assert "Nothing was saved" in tool.records.status.value
    assert "Goal, in the person&#x27;s own words" in tool.records.status.value
    assert store.responses("action_plan") == []


def test_without_a_pseudonym_saving_is_off_and_says_how_to_set_one():
    tool = StrengthsTool()
    assert tool.records.save_button.disabled and tool.records.open_button.disabled
    assert "pseudonym" in tool.records.status.value


def test_the_demo_care_plan_check_states_what_the_check_finds():
    """The fictional demo record's outcome is the check's own, not made up."""
    from refocus_kit.demo import demo_answers

    demo = demo_answers()["care_plan_check"]
    tool = CarePlanTool()
    tool.load(demo)
    assert tool.answers() == {**demo, "steps": tool.answers()["steps"]}
    assert [s["what"] for s in tool.answers()["steps"]] == [s["what"] for s in demo["steps"]]
