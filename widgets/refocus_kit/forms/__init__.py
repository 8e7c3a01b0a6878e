"""REFOCUS forms declared once as data (YAML checked against a JSON Schema) and rendered by one
factory: widgets for notebooks and Voila, HTML/PDF for paper, a tidy table for export."""

from refocus_kit.forms.loader import DefinitionError, load_definition, load_form, load_forms
from refocus_kit.forms.model import Field, Form, Section
from refocus_kit.forms.printable import answers_html, printable_html, write_pdf
from refocus_kit.forms.render import FormWidget, render_form, render_response
from refocus_kit.forms.validate import AnswersError, FieldError, validate_answers

__all__ = [
    "AnswersError",
    "DefinitionError",
    "Field",
    "FieldError",
    "Form",
    "FormWidget",
    "Section",
    "answers_html",
    "load_definition",
    "load_form",
    "load_forms",
    "printable_html",
    "render_form",
    "render_response",
    "validate_answers",
    "write_pdf",
]
