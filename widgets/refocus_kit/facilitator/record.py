"""A session's record as HTML (live view, printout) and PDF."""

from __future__ import annotations

import datetime as dt
from functools import cache

import jinja2
from markupsafe import Markup

from refocus_kit.facilitator.summary import ANONYMITY_THRESHOLD, SessionSummary
from refocus_kit.forms.printable import CITATION

__all__ = ["record_html", "record_page"]


@cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("refocus_kit.facilitator", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )


def record_html(summary: SessionSummary) -> str:
    """The record's body: counts, grouped points, stories and actions, all escaped."""
    template = _environment().get_template("record.html.j2")
    return template.render(summary=summary, threshold=ANONYMITY_THRESHOLD)


def record_page(summary: SessionSummary) -> str:
    """A whole printable page for the session's record."""
    body = Markup(record_html(summary))  # noqa: S704 - rendered with autoescape above
    template = _environment().get_template("record-page.html.j2")
    made = dt.datetime.now().strftime("%d %B %Y, %H:%M")
    return template.render(summary=summary, body=body, made=made, citation=CITATION)
