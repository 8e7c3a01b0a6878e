"""REFOCUS forms declared once as data (YAML checked against a JSON Schema) and rendered by one
factory: widgets for notebooks and Voila, HTML/PDF for paper, a tidy table for export.

The definitions, validation and printouts are headless. The widget factory (``FormWidget``,
``render_form``, ``render_response``) is loaded only when first asked for, so that the store and
the command line never import ipywidgets."""

from typing import TYPE_CHECKING

from refocus_kit._lazy import lazy_exports
from refocus_kit.forms.loader import (
    DefinitionError,
    check_definition,
    load_definition,
    load_form,
    load_forms,
)
from refocus_kit.forms.model import Field, Form, Section
from refocus_kit.forms.printable import answers_html, printable_html, write_pdf
from refocus_kit.forms.validate import AnswersError, FieldError, validate_answers

if TYPE_CHECKING:
    from refocus_kit.forms.render import FormWidget, render_form, render_response

__all__ = [
    "AnswersError",
    "DefinitionError",
    "Field",
    "FieldError",
    "Form",
    "FormWidget",
    "Section",
    "answers_html",
    "check_definition",
    "load_definition",
    "load_form",
    "load_forms",
    "printable_html",
    "render_form",
    "render_response",
    "validate_answers",
    "write_pdf",
]

__getattr__ = lazy_exports(
    __name__, {"FormWidget": "render", "render_form": "render", "render_response": "render"}
)
