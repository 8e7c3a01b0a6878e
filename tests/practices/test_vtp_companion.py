import pytest

from refocus_kit.forms import load_form, validate_answers
from refocus_kit.forms.model import Form
from refocus_kit.practices.vtp_companion import VTPCompanion

# A tiny made-up form in the same shape, so the companion is tested apart from the real content.
TINY = Form.from_data(
    {
        "id": "tiny",
        "version": 1,
        "title": "Tiny",
        "source": "test",
        "respondent": "none",
        "audience": ["staff"],
        "instructions": "Ask gently.",
        "sections": [
            {
                "id": "intro",
                "title": "Intro",
                "fields": [{"id": "who", "kind": "short_text", "label": "Who"}],
            },
            *[
                {
                    "id": a,
                    "title": a.title(),
                    "prompts": [f"About {a}?"],
                    "fields": [
                        {
                            "id": f"{a}_notes",
                            "kind": "long_text",
                            "label": "Notes",
                            "prompts": ["probe"],
                        },
                        {
                            "id": f"{a}_discussed",
                            "kind": "choice",
                            "label": "Progress",
                            "options": [
                                {"value": v, "label": v}
                                for v in ("not_yet", "started", "discussed")
                            ],
                        },
                    ],
                }
                for a in ("alpha", "beta", "gamma")
            ],
        ],
    }
)


def test_areas_come_from_the_form_sections_with_notes_and_progress():
    companion = VTPCompanion(TINY)
    assert [a.id for a in companion.areas] == ["alpha", "beta", "gamma"]
    assert companion.area("beta").questions == ("About beta?",)
    assert companion.area("beta").probes == ("probe",)
    assert companion.opening == "Ask gently."


def test_the_real_guide_has_its_ten_areas():
    companion = VTPCompanion()
    assert len(companion.areas) == 10
    assert companion.areas[-1].id == "treatment_preferences"


def test_areas_in_any_order_and_progress_shows_what_is_left():
    companion = VTPCompanion(TINY)
    companion.write("gamma", "Talked about music (fictional)")
    assert companion.status["gamma"] == "started"
    companion.mark("alpha", "discussed")
    progress = companion.progress()
    assert progress == {"not_yet": ["Beta"], "started": ["Gamma"], "discussed": ["Alpha"]}
    assert companion.fraction_discussed() == pytest.approx(1 / 3)


def test_writing_does_not_undo_a_discussed_mark():
    companion = VTPCompanion(TINY)
    companion.mark("alpha", "discussed")
    companion.write("alpha", "more notes")
    assert companion.status["alpha"] == "discussed"


def test_unknown_area_or_status_is_refused():
    companion = VTPCompanion(TINY)
    with pytest.raises(KeyError):
        companion.write("delta", "x")
    with pytest.raises(ValueError):
        companion.mark("alpha", "done")


def test_answers_fit_the_real_form_and_round_trip():
    companion = VTPCompanion(practice_case="Ana (fictional)")
    companion.write("gender", "Would prefer a female worker")
    companion.mark("sexuality", "discussed")
    answers = companion.answers()
    validate_answers(load_form("values_treatment_preferences"), answers)
    again = VTPCompanion.from_answers(answers)
    assert again.notes["gender"] == "Would prefer a female worker"
    assert again.status == companion.status
    assert again.practice_case == "Ana (fictional)"
