from refocus_kit.forms import load_form, validate_answers
from refocus_kit.practices.summary import (
    compose_record,
    draft_strengths,
    draft_values_summary,
    record_text,
)
from refocus_kit.practices.vtp_companion import VTPCompanion


def companion() -> VTPCompanion:
    c = VTPCompanion(practice_case="Ana (fictional)")
    c.write("cultural_identity", "Ana describes herself as Portuguese-British")
    c.write("gender", "She would prefer a female worker.")
    c.write("sexuality", "Private for now")
    return c


def test_values_summary_uses_only_the_areas_the_person_agrees_to():
    text = draft_values_summary(companion(), include=["cultural_identity", "gender"])
    assert text == "Ana describes herself as Portuguese-British. She would prefer a female worker."
    assert "Private" in draft_values_summary(companion())


def test_strengths_drafts_join_the_three_columns():
    drafts = draft_strengths(
        {
            "strengths": {
                "financial": {
                    "current": "Manages money well",
                    "desires": "Save for a holiday",
                    "resources": "",
                }
            },
            "anything_else": "Loves fado",
        }
    )
    assert drafts["financial"] == "Manages money well. Save for a holiday."
    assert drafts["health"] == ""
    assert drafts["other"] == "Loves fado."


def test_record_has_the_appendix_8_shape_and_passes_the_form():
    record = compose_record(
        draft_values_summary(companion()),
        {"daily_living": "Lives in a flat", "other": "Sings"},
        ["I would like to dance again", " ", "I would like to attend a local church"],
        "Ana (fictional)",
    )
    assert record["goals"] == [
        {"goal": "I would like to dance again"},
        {"goal": "I would like to attend a local church"},
    ]
    assert set(record) >= {
        "values_summary",
        "daily_living",
        "financial",
        "occupational",
        "social_supports",
        "health",
        "spiritual_cultural",
        "other",
        "goals",
    }
    validate_answers(load_form("clinical_information_record"), record)


def test_record_text_reads_like_appendix_8():
    record = compose_record("Values text", {"health": "Walks daily"}, ["Dance", "Sing"])
    text = record_text(record)
    for heading in (
        "Values and treatment preferences",
        "Summary of strengths",
        "Personally valued goals",
        "Goal 1: Dance",
        "Goal 2: Sing",
        "Walks daily",
    ):
        assert heading in text
    assert "(no goals agreed yet)" in record_text(compose_record("", {}, []))
