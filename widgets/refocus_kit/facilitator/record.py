"""A session's record as HTML (live view, printout) and PDF."""

from __future__ import annotations

import datetime as dt

from markupsafe import Markup

from refocus_kit.facilitator.summary import ANONYMITY_THRESHOLD, SessionSummary
from refocus_kit.forms.printable import CITATION
from refocus_kit.templating import templates

__all__ = ["record_html", "record_page"]


def record_html(summary: SessionSummary) -> str:
    """The record's body: counts, grouped points, stories and actions, all escaped."""
    template = templates("refocus_kit.facilitator").get_template("record.html.j2")
    return template.render(summary=summary, threshold=ANONYMITY_THRESHOLD)


def record_page(summary: SessionSummary) -> str:
    """A whole printable page for the session's record."""
    body = Markup(record_html(summary))  # noqa: S704 - rendered with autoescape above
    template = templates("refocus_kit.facilitator").get_template("record-page.html.j2")
    made = dt.datetime.now().strftime("%d %B %Y, %H:%M")
    return template.render(summary=summary, body=body, made=made, citation=CITATION)
