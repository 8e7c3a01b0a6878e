"""Forms as HTML and PDF: blank copies for paper, filled-in copies for the record. The same
template gives the read-only view inside a notebook or Voila page. Everything is escaped."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from markupsafe import Markup

from refocus_kit.forms.model import Form
from refocus_kit.templating import templates

__all__ = [
    "CITATION",
    "PageFormatError",
    "answers_html",
    "printable_html",
    "write_page",
    "write_pdf",
]

CITATION = (
    "Source: Bird V, Leamy M, Le Boutillier C, Williams J, Slade M (2011) REFOCUS: Promoting "
    "recovery in community mental health services, London: Rethink. Reproduced free of charge "
    "with full citation, as its licence allows."
)


def answers_html(
    form: Form, answers: dict[str, Any] | None = None, *, show_prompts: bool = False
) -> str:
    """The form's sections with the given answers (or blanks), as an HTML fragment."""
    template = templates("refocus_kit.forms").get_template("answers.html.j2")
    return template.render(
        form=form, answers=answers or {}, filled=answers is not None, show_prompts=show_prompts
    )


def printable_html(
    form: Form,
    answers: dict[str, Any] | None = None,
    *,
    meta: dict[str, str] | None = None,
    show_prompts: bool | None = None,
) -> str:
    """A whole printable page; blank copies show the prompts unless told otherwise."""
    prompts = answers is None if show_prompts is None else show_prompts
    body = Markup(answers_html(form, answers, show_prompts=prompts))  # noqa: S704 - autoescaped above
    template = templates("refocus_kit.forms").get_template("printable.html.j2")
    return template.render(form=form, body=body, meta=meta or {}, citation=CITATION)


def _no_fetch(url: str, *args: Any, **kwargs: Any) -> dict:
    raise ValueError(f"printouts load nothing from outside: refused {url[:60]!r}")


def write_pdf(html_text: str, out: Path) -> Path:
    """Render a printable page to PDF with WeasyPrint, which may fetch nothing."""
    import weasyprint

    out.parent.mkdir(parents=True, exist_ok=True)
    weasyprint.HTML(string=html_text, base_url=None, url_fetcher=_no_fetch).write_pdf(out)
    return out


class PageFormatError(ValueError):
    """The output file's name asks for neither HTML nor PDF."""


def write_page(html_text: str, out: Path) -> Path:
    """Write a printable page as HTML or PDF, as the file's suffix says."""
    suffix = out.suffix.lower()
    if suffix == ".pdf":
        return write_pdf(html_text, out)
    if suffix in {".html", ".htm"}:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(html_text, encoding="utf-8")
        return out
    raise PageFormatError("the file name must end in .html or .pdf")
