"""The forms say what the REFOCUS manual says (issue 11).

Each test holds the manual's exact words and checks that the form shows them, on screen and in
the printout, or that what the kit adds of its own is labelled as such where it appears."""

import html
import re

import pytest

from refocus_kit.demo import demo_answers
from refocus_kit.forms import (
    AnswersError,
    answers_html,
    load_form,
    load_forms,
    printable_html,
    render_form,
    validate_answers,
)
from refocus_kit.forms.safety import is_valid_nhs_number

KIT_OWN_ADDITION = "(the kit's own addition, not the manual's)"

# Appendix 3 and Appendix 5: the lines above the guide and the worksheet.
MANUAL_PERSON_LINE = "Name of person using the service"
MANUAL_WORKER_LINE = "Name of worker"
# Appendix 3: the heading over the nine areas, the question for each of them, the first area.
MANUAL_VTP_VALUES = "VALUES"
MANUAL_VTP_ASK = (
    "For each area ask: What would be helpful for me to know? What is important to you?"
)
MANUAL_VTP_FIRST_AREA = "Cultural identity including race, culture and ethnicity"
# Appendix 5: the worksheet's rows and columns (each column's heading, then its questions).
MANUAL_WORKSHEET_ROWS = (
    "Daily living situation",
    "Financial",
    "Occupational e.g. educational, vocational, leisure",
    "Social Supports",
    "Health",
    "Spiritual and cultural",
)
MANUAL_WORKSHEET_COLUMNS = (
    "Currently What's going on today? What's available now?",
    "Desires and aspirations What do I want?",
    "Personal and social resources What have I used in the past?",
)
# Appendix 2: beside "Project costs".
MANUAL_TOTAL = "Total budget required"
# Chapter 6, strategy 4: "Group 2: Review progress, share experiences, solve problems." (3 to 6)
MANUAL_MANAGER_GROUPS = "Review progress, share experiences, solve problems."


def text_of(markup: str) -> str:
    """What a person reads: tags dropped, entities decoded, spaces collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", markup)).split())


def widget_text(form) -> str:
    """Every piece of text the widget shows, in order."""
    parts = []

    def walk(widget):
        value = getattr(widget, "value", None)
        if isinstance(value, str) and "<" in value:
            parts.append(text_of(value))
        for child in getattr(widget, "children", ()):
            walk(child)

    walk(form)
    return " ".join(parts)


def test_the_vtp_guide_has_the_manuals_values_heading_after_the_name_lines():
    form = load_form("values_treatment_preferences")
    for shown in (text_of(printable_html(form)), widget_text(render_form(form))):
        heading = shown.index(f"{MANUAL_VTP_VALUES} {MANUAL_VTP_FIRST_AREA}")
        assert shown.index(MANUAL_WORKER_LINE) < heading
        assert MANUAL_VTP_ASK in shown  # the form's instructions, at its head


@pytest.mark.parametrize("form_id", ["values_treatment_preferences", "strengths_worksheet"])
def test_the_name_lines_are_optional_initials_or_pseudonym_with_the_manuals_label(form_id):
    form = load_form(form_id)
    person = next(f for f in form.fields if f'"{MANUAL_PERSON_LINE}"' in f.help)
    assert not person.required
    assert "initials or a pseudonym" in person.label and "optional" in person.label
    assert "never stores the real names of people using services" in person.help
    assert "name of person" not in person.label.lower()
    worker = next(f for f in form.fields if f.label == MANUAL_WORKER_LINE)
    assert not worker.required
    fields = [f.id for f in form.fields]
    assert fields.index(person.id) == 0 and fields.index(worker.id) == 1  # the manual's order
    blank = text_of(printable_html(form))
    assert MANUAL_PERSON_LINE in blank and MANUAL_WORKER_LINE in blank


@pytest.mark.parametrize("form_id", ["values_treatment_preferences", "strengths_worksheet"])
def test_the_store_still_refuses_an_nhs_number_in_the_name_lines(form_id, store):
    assert is_valid_nhs_number("9434765919")
    form = load_form(form_id)
    for field_id in ("practice_case", "worker_name"):
        with pytest.raises(AnswersError, match="NHS number"):
            store.submit(form, {field_id: "943 476 5919"}, team="Demo team (fictional)")
    assert store.responses(form_id) == []
    validate_answers(form, {"practice_case": "S.T. (fictional)", "worker_name": "Alex"})


def test_the_strengths_worksheet_has_the_manuals_rows_and_columns():
    matrix = load_form("strengths_worksheet").field("strengths")
    assert tuple(r.label for r in matrix.rows) == MANUAL_WORKSHEET_ROWS
    assert tuple(c.label.replace(" \u2014 ", " ") for c in matrix.columns) == (
        MANUAL_WORKSHEET_COLUMNS
    )


def test_the_budget_total_is_the_manuals_and_the_same_on_screen_and_in_print():
    form = load_form("partnership_project_proposal")
    answers = demo_answers()["partnership_project_proposal"]
    total = sum(item["amount"] for item in answers["costs"])
    expected = f"{MANUAL_TOTAL}: \u00a3{total:,.2f} of \u00a3500.00"
    widget = render_form(form)
    widget.set_answers(answers)
    assert expected in widget_text(widget)
    assert expected in text_of(answers_html(form, answers))
    assert expected in text_of(printable_html(form, answers))
    assert f"{MANUAL_TOTAL}:" in text_of(printable_html(form))  # a line to fill in on paper


def test_the_budget_total_follows_the_costs_as_they_change():
    widget = render_form("partnership_project_proposal")
    widget.set_answers({"costs": [{"item": "Seeds", "amount": 40}, {"item": "Hoe", "amount": 2.5}]})
    assert f"{MANUAL_TOTAL}: \u00a342.50 of \u00a3500.00" in widget_text(widget)
    widget.set_answers({"costs": [{"item": "Hire", "amount": 499}, {"item": "Tea", "amount": 2}]})
    assert f"{MANUAL_TOTAL}: \u00a3501.00 of \u00a3500.00 (over the limit)" in widget_text(widget)


def test_the_manager_groups_record_what_the_manual_says_they_do():
    form = load_form("manager_reflection_group")
    labels = [f.label.lower() for f in form.fields]
    for activity in MANUAL_MANAGER_GROUPS.rstrip(".").split(", "):
        what = activity.split(" ", 1)[1]  # progress, experiences, problems
        assert any(what in label for label in labels), activity
    assert "share experiences" in labels
    assert "experiences" in demo_answers()["manager_reflection_group"]


def test_the_attendance_record_is_labelled_the_kits_own_where_its_source_shows():
    form = load_form("attendance")
    assert form.source.startswith("The kit's own form, not the manual's")
    assert "chapter 6" in form.source
    assert form.source in text_of(printable_html(form))
    assert form.source in widget_text(render_form(form))


def test_every_field_the_kit_adds_says_so_on_screen_and_in_print():
    added = [(f, form) for form in load_forms().values() for f in form.fields if f.kit_own]
    assert len(added) >= 19  # VTP progress marks, panel comments, overall reflections, ...
    for field, form in added:
        assert field.help.endswith(KIT_OWN_ADDITION), (form.id, field.id)
        assert f"{field.label} {field.help}" in text_of(printable_html(form))


def test_every_introduction_is_labelled_the_kits_own_guidance():
    for form in load_forms().values():
        assert form.introduction.endswith("(the kit's own guidance, not the manual's)"), form.id
        assert form.introduction in widget_text(render_form(form))
