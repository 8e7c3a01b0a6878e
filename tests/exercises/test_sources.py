"""The source assignments as nbgrader and the manual need them: every graded cell well formed,
answer keys only in hidden tests, the due date's place, the manual's instruments in its own
words with their citation, and the kit's own additions and fictional people said to be so."""

import re

import nbformat
import pytest

from refocus_kit.exercises.answers import ANSWERS_FILE
from refocus_kit.exercises.catalogue import exercises
from refocus_kit.exercises.course import sources_folder
from refocus_kit.exercises.grading import DUE_MARKER
from refocus_kit.forms import load_form

NAMES = [e.name for e in exercises()]


def notebook(name):
    return nbformat.read(sources_folder() / name / f"{name}.ipynb", as_version=4)


def text_of(name):
    return "\n".join(c.source for c in notebook(name).cells)


def flat(text):
    """Markdown quoting and line breaks aside, the words in order."""
    return re.sub(r"\s+", " ", re.sub(r"(?m)^\s*>\s?", "", text)).replace("*", "")


@pytest.mark.parametrize("name", NAMES)
def test_cells_are_nbgrader_cells_and_keys_are_hidden(name):
    ids = []
    for cell in notebook(name).cells:
        meta = cell.metadata.get("nbgrader")
        if meta is None:
            continue
        ids.append(meta["grade_id"])
        assert meta["schema_version"] == 3
        if meta["grade"] and cell.cell_type == "code":  # an autograder test
            assert meta["locked"] and meta["points"] > 0
            assert cell.source.startswith("### BEGIN HIDDEN TESTS")
            assert cell.source.endswith("### END HIDDEN TESTS")
        if meta["task"]:
            assert "### BEGIN MARK SCHEME" in cell.source
    assert len(ids) == len(set(ids)), "grade ids repeat"
    assert (sources_folder() / name / ANSWERS_FILE).read_text().strip() == "{}"


@pytest.mark.parametrize("name", NAMES)
def test_the_first_cell_cites_the_manual_shows_the_due_date_and_says_marks_are_formative(name):
    first = notebook(name).cells[0].source
    assert "REFOCUS manual (Bird et al. 2011)" in first
    assert f"**Due:** {DUE_MARKER}" in first
    assert "There is no pass mark." in first


@pytest.mark.parametrize(
    ("name", "form_ids"),
    [
        ("understanding-values", ["understanding_values_exercise"]),
        ("my-identity", ["worker_identity_exercise"]),
    ],
)
def test_the_manuals_exercises_are_in_its_words(name, form_ids):
    """The form definitions hold the manual's words (tests/forms/test_manual_wording.py)."""
    words = flat(text_of(name))
    for form_id in form_ids:
        form = load_form(form_id)
        assert flat(form.instructions) in words
        for section in form.sections:
            for field in section.fields:
                if field.kind == "long_text" and field.id in {"identity", "interests"}:
                    assert field.label in words and flat(field.help) in words


def test_the_supervision_reflection_is_appendix_9_word_for_word():
    form = load_form("supervision_reflection")
    words = flat(text_of("supervision-reflection"))
    for section in form.sections:
        assert flat(section.title.split(". ", 1)[1]) in words
        for field in section.fields:
            if not field.kit_own:
                assert flat(field.label) in words


@pytest.mark.parametrize("name", ["recovery-knowledge", "coaching", "goals-and-actions"])
def test_the_kits_own_questions_and_examples_are_labelled(name):
    assert "the kit's own" in text_of(name) and "not the manual's" in text_of(name)


@pytest.mark.parametrize("name", ["coaching", "goals-and-actions", "case-vignette"])
def test_people_in_examples_are_said_to_be_fictional(name):
    assert "fictional" in text_of(name)


def test_the_vignettes_rubric_is_for_graders_only():
    cells = [
        c for c in notebook("case-vignette").cells if c.metadata.get("nbgrader", {}).get("task")
    ]
    assert [c.metadata.nbgrader.points for c in cells] == [4, 4]
    assert all("Rubric (the kit's own, not the manual's)" in c.source for c in cells)
