from refocus_kit.forms import printable_html, write_pdf
from refocus_kit.forms.printable import CITATION, answers_html

from .test_validate import GOOD


def test_blank_copy_has_prompts_and_boxes(every_kind):
    page = printable_html(every_kind)
    assert "Where do you live?" in page
    assert page.count('class="blank') >= 5
    assert CITATION in page


def test_filled_copy_shows_answers_and_chosen_options(every_kind):
    page = printable_html(every_kind, GOOD, meta={"Team": "Demo team (fictional)"})
    assert "Walk group" in page and "£20.00" in page and "£4.50" in page
    assert '<li class="chosen"><span class="box">☒</span> Red</li>' in page
    assert "Demo team (fictional)" in page


def test_user_text_is_escaped(every_kind):
    html = answers_html(every_kind, {**GOOD, "notes": '<script>alert("x")</script>'})
    assert "<script>" not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html


def test_prompt_markup_from_a_definition_is_escaped_too(every_kind):
    assert "&lt;b&gt;bold?&lt;/b&gt;" in printable_html(every_kind)


def test_pdf_is_written(every_kind, tmp_path):
    out = write_pdf(printable_html(every_kind, GOOD), tmp_path / "copy.pdf")
    data = out.read_bytes()
    assert data.startswith(b"%PDF-") and len(data) > 5000
