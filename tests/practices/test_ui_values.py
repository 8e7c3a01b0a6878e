from refocus_kit.practices.ui_values import NarrativeTool, SummaryTool, VTPCompanionTool
from refocus_kit.practices.vtp_companion import VTPCompanion
from tests.practices.fit import shown_html


def test_companion_keeps_notes_per_area_and_shows_progress():
    tool = VTPCompanionTool()
    tool.area.value = "gender"
    tool.notes.value = "Prefers a <i>female</i> worker (fictional)"
    assert tool.companion.notes["gender"].startswith("Prefers")
    assert tool.status.value == "started"
    assert "Started (1)" in tool.progress.value
    tool.area.value = "sexuality"
    assert tool.notes.value == ""
    tool.status.value = "discussed"
    assert "10% of areas discussed" in tool.progress.value
    tool.area.value = "gender"
    assert "female" in tool.notes.value


def test_companion_prompts_on_demand_escaped():
    tool = VTPCompanionTool()
    tool.area.value = "gender"
    assert tool.prompts.value == ""
    tool.show_prompts.value = True
    assert "&lt;man / woman&gt;" in tool.prompts.value


def test_narrative_shows_only_what_is_shared():
    tool = NarrativeTool()
    tool.boxes["life_so_far"].value = "Shared <script>story</script>"
    tool.sharing["life_so_far"].value = "worker"
    tool.boxes["meaningful"].value = "A private thought"
    tool.show_button.click()
    assert "&lt;script&gt;" in tool.shared.value
    assert "A private thought" not in tool.shared.value
    assert "1 piece(s) kept" in tool.shared.value


def test_summary_drafts_from_chosen_areas_and_shows_the_record():
    companion = VTPCompanion(practice_case="Ana (fictional)")
    companion.write("gender", "Prefers a female worker")
    companion.write("sexuality", "Not for the record")
    tool = SummaryTool(
        companion, {"strengths": {"health": {"current": "Walks daily"}}}, ["I want to dance again"]
    )
    tool.include["sexuality"].value = False
    tool.draft_button.click()
    assert tool.values.value == "Prefers a female worker."
    assert tool.strengths["health"].value == "Walks daily."
    tool.show_button.click()
    assert "Draft: not yet agreed" in tool.output.value
    assert "Goal 1: I want to dance again" in tool.output.value
    tool.agreed.value = True
    tool.show_button.click()
    assert "Agreed with the person" in tool.output.value
    assert tool.record()["goals"] == [{"goal": "I want to dance again"}]


def test_summary_boxes_carry_the_appendix_8_headings_whole():
    tool = SummaryTool(VTPCompanion(practice_case="Ana (fictional)"))
    shown = shown_html(tool)
    for heading in (
        "Values and treatment preferences",
        "Occupational e.g. educational, vocational, leisure",
        "Spiritual and cultural",
        "Personally valued goals",
    ):
        assert heading in shown
