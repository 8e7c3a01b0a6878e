import pytest

from refocus_kit.practices.ui_coaching import CoachingTool


def test_reach_role_play_steps_through_and_shows_what_was_agreed():
    tool = CoachingTool("REACH")
    assert "Reflect" in tool.heading.value
    assert tool.back_button.disabled
    tool.notes.value = "Things are <better>"
    tool.next_button.click()
    assert "Explore" in tool.heading.value
    assert tool.notes.value == ""
    tool.back_button.click()
    assert tool.notes.value == "Things are <better>"
    tool.agreed_button.click()
    assert "&lt;better&gt;" in tool.agreed.value
    assert "Still to cover" in tool.agreed.value


def test_questions_show_on_request():
    tool = CoachingTool("GROW")
    assert tool.questions.value == ""
    tool.show_questions.value = True
    assert "<li>" in tool.questions.value


@pytest.mark.parametrize(("model", "stages"), [("REACH", 5), ("GROW", 4)])
def test_next_stops_at_the_last_stage(model, stages):
    tool = CoachingTool(model)
    for _ in range(stages + 2):
        tool.next_button.click()
    assert f"stage {stages} of {stages}" in tool.heading.value
    assert tool.next_button.disabled
