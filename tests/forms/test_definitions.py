"""The bundled forms (the manual's eleven instruments and records, and the kit's own records):
each loads, cites the manual, renders, prints and round-trips."""

import datetime as dt

import pytest
from markupsafe import escape

from refocus_kit.demo import demo_answers
from refocus_kit.forms import load_forms, printable_html, render_form
from refocus_kit.sessions import Session, prefill

FORM_IDS = [
    "action_plan",
    "attendance",
    "care_plan_check",
    "care_record_audit",
    "clinical_information_record",
    "coaching_day_discussion",
    "coaching_follow_up_1_discussion",
    "coaching_follow_up_2_discussion",
    "life_map",
    "manager_reflection_group",
    "partnership_project_proposal",
    "personal_awareness_exercise",
    "recovery_training_1_discussion",
    "recovery_training_2_discussion",
    "recovery_training_3_discussion",
    "service_user_carer_information_session_discussion",
    "strengths_worksheet",
    "supervision_reflection",
    "team_information_session_discussion",
    "team_reflection_session",
    "understanding_values_exercise",
    "values_treatment_preferences",
    "worker_identity_exercise",
]
# The room discussions of the trainer-led sessions (issue 12): the kit's own participant forms.
DISCUSSION_FORMS = {form_id for form_id in FORM_IDS if form_id.endswith("_discussion")}
# The kit's own records: attendance, what the practice tools save, the care-record audit and the
# room discussions.
KIT_OWN_FORMS = {
    "attendance",
    "action_plan",
    "care_plan_check",
    "care_record_audit",
    "life_map",
} | DISCUSSION_FORMS
PARTICIPANT_FORMS = {
    "team_reflection_session",
    "manager_reflection_group",
    "supervision_reflection",
    "partnership_project_proposal",
} | DISCUSSION_FORMS


def test_what_a_session_fills_in_is_declared_as_no_answer():
    """The fields `prefill` sets are the form's session_fields, so they alone are no answer."""
    for form_id in PARTICIPANT_FORMS:
        session = Session(
            "ABC234",
            form_id,
            "T",
            1,
            dt.date(2026, 1, 5),
            "facilitated",
            False,
            1,
            dt.datetime(2026, 1, 5, tzinfo=dt.UTC),
            None,
        )
        assert set(prefill(session)) == set(load_forms()[form_id].session_fields), form_id


def test_all_forms_are_bundled():
    assert sorted(load_forms()) == FORM_IDS


@pytest.mark.parametrize("form_id", FORM_IDS)
def test_each_form_cites_the_manual(form_id):
    form = load_forms()[form_id]
    prefix = "The kit's own form, not the manual's; made for " if form.kit_own else ""
    assert form.source.startswith(prefix + "REFOCUS manual (Bird et al. 2011)")
    assert form.kit_own == (form_id in KIT_OWN_FORMS)
    assert "Appendix" in form.source or "chapter" in form.source or "section" in form.source


def test_participant_forms_are_marked_for_the_voila_pages():
    marked = {f.id for f in load_forms().values() if "participant" in f.audience}
    assert marked == PARTICIPANT_FORMS


def test_no_form_asks_for_the_name_of_a_person_using_the_service():
    for form in load_forms().values():
        for field in form.fields:
            assert "name of person" not in field.label.lower()
            if "person using the service" in field.label:
                assert not field.required and "initials or a pseudonym" in field.label


@pytest.mark.parametrize("form_id", FORM_IDS)
def test_each_form_round_trips_through_widget_and_store(form_id, store):
    form = load_forms()[form_id]
    answers = demo_answers()[form_id]
    respondent = None if form.respondent == "none" else "demo.worker"
    widget = render_form(form, store=store, team="Demo team (fictional)", respondent=respondent)
    widget.set_answers(answers)
    assert widget.value == answers
    saved = widget.submit()
    assert saved is not None, widget.summary.value
    assert store.get(saved.id).answers == answers
    assert store.get(saved.id).form_version == form.version


def _texts(fields, answers):
    """Every free-text answer, in groups and tables too."""
    for field in fields:
        value = answers.get(field.id)
        if field.kind.endswith("_text") and value:
            yield value
        elif field.kind == "group":
            for entry in value or []:
                yield from _texts(field.fields, entry)
        elif field.kind == "matrix":
            yield from (text for cells in (value or {}).values() for text in cells.values())


@pytest.mark.parametrize("form_id", FORM_IDS)
def test_each_form_prints_blank_and_filled(form_id):
    form = load_forms()[form_id]
    assert form.title in printable_html(form)
    filled = printable_html(form, demo_answers()[form_id])
    texts = list(_texts(form.fields, demo_answers()[form_id]))
    assert texts, "the demo answers should fill at least one text field"
    for text in texts:
        assert str(escape(text)) in filled


def test_vtp_guide_has_the_ten_areas_in_order():
    sections = [s.title for s in load_forms()["values_treatment_preferences"].sections]
    areas = [s for s in sections if s != "Person and worker"]
    assert len(areas) == 10
    assert areas[0].startswith("Cultural identity") and areas[-1] == "Treatment preferences"


def test_strengths_worksheet_is_six_domains_by_three_columns_with_checklist():
    matrix = load_forms()["strengths_worksheet"].field("strengths")
    assert len(matrix.rows) == 6 and len(matrix.columns) == 3
    prompts = matrix.prompts_for("daily_living", "current")
    assert "Where are you living now?" in prompts  # Appendix 5
    assert "Transport options" in prompts  # Appendix 6 checklist


def test_partnership_budget_and_team_rules():
    form = load_forms()["partnership_project_proposal"]
    assert {(c.kind, c.group) for c in form.checks} == {
        ("sum_at_most", "costs"),
        ("includes_each", "project_team"),
    }
    assert next(c for c in form.checks if c.kind == "sum_at_most").max == 500
