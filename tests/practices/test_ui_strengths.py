from refocus_kit.practices.strengths_quality import COLUMNS, ROWS
from refocus_kit.practices.ui_strengths import StrengthsTool


def test_prompts_show_on_request():
    tool = StrengthsTool()
    assert tool.prompts["health"].value == ""
    tool.prompt_buttons["health"].value = True
    assert "Exercise" in tool.prompts["health"].value
    tool.prompt_buttons["health"].value = False
    assert tool.prompts["health"].value == ""


def test_own_strengths_mode_shows_the_appendix_7_questions():
    tool = StrengthsTool()
    tool.mode.value = "own"
    assert "What are my gifts?" in tool.own_questions.value
    tool.mode.value = "practice"
    assert tool.own_questions.value == ""


def test_answers_have_the_form_shape_and_check_runs():
    tool = StrengthsTool()
    tool.cells["health", "current"].value = 'Walks with her neighbour; says "it clears my head"'
    answers = tool.answers()
    assert set(answers["strengths"]) == set(ROWS)
    assert set(answers["strengths"]["health"]) == set(COLUMNS)
    tool.ratings["skills"].value = "yes"
    tool.check_button.click()
    html = tool.result.value
    assert "Complete (measured)" in html
    assert "Captures skills" in html and "self-rated" in html
    assert "&quot;I&quot;" in html or "Health" in html


def test_load_fills_the_boxes():
    tool = StrengthsTool()
    tool.load(
        {
            "strengths": {"financial": {"desires": "Save for a holiday"}},
            "anything_else": "Loves fado",
        }
    )
    assert tool.cells["financial", "desires"].value == "Save for a holiday"
    assert tool.anything_else.value == "Loves fado"
