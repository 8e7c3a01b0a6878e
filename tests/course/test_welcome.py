"""The welcome notebook, as a trainer projects it: its table of instruments shows every title
and source whole and left-aligned, and its text promises only what the form it shows has."""

import re
from dataclasses import replace
from pathlib import Path

import nbformat
import pytest

from refocus_kit.forms import load_form, load_forms
from refocus_kit.forms.catalogue import instruments_table

WELCOME = Path(__file__).resolve().parents[2] / "course" / "00-welcome" / "welcome.ipynb"


def _cells():
    return nbformat.read(WELCOME, as_version=4).cells


def _field_has_prompts(field) -> bool:
    return bool(field.prompts or field.cell_prompts) or any(map(_field_has_prompts, field.fields))


def _has_prompts(form) -> bool:
    return any(s.prompts for s in form.sections) or any(map(_field_has_prompts, form.fields))


def test_the_welcome_text_promises_prompts_only_on_a_form_that_has_them():
    cells = _cells()
    shown = [
        (cells[i - 1].source, match.group(1))
        for i, cell in enumerate(cells)
        if cell.cell_type == "code"
        for match in re.finditer(r'render_form\("(\w+)"\)', cell.source)
    ]
    assert shown, "the welcome notebook shows a form live"
    for text, form_id in shown:
        if re.search(r"\bPrompts\b", text):
            assert _has_prompts(load_form(form_id)), f"{form_id} has no prompts to open"


def test_the_welcome_notebook_lists_the_instruments_with_the_kits_table():
    code = "\n".join(c.source for c in _cells() if c.cell_type == "code")
    assert "instruments_table()" in code
    assert "pd.DataFrame" not in code  # pandas cuts long text at 50 characters and right-aligns


@pytest.mark.parametrize("form", load_forms().values(), ids=lambda f: f.id)
def test_every_title_and_source_is_shown_whole(form):
    html = instruments_table().value.replace("&#x27;", "'")  # "The kit's own form", escaped
    assert f">{form.title}<" in html
    assert form.source.removeprefix("REFOCUS manual (Bird et al. 2011), ") in html
    assert f"<code>{form.id}</code>" in html
    assert "\u2026" not in html and "..." not in html


def test_the_table_reads_left_to_right():
    """JupyterLab right-aligns table cells unless told otherwise."""
    html = instruments_table().value
    cells = re.findall(r"<t[hd]\b[^>]*>", html)
    assert cells and all("text-align:left" in c for c in cells)


def test_the_table_escapes_what_it_shows():
    evil = replace(load_form("attendance"), title="<script>x</script>")
    assert "<script>" not in instruments_table([evil]).value
