"""The facilitator's side: running a reflection session and reading what the room said."""

from refocus_kit.facilitator.live import SessionDesk
from refocus_kit.facilitator.overview import responses_overview
from refocus_kit.facilitator.record import record_html, record_page
from refocus_kit.facilitator.summary import SessionSummary, group_items, summarise

__all__ = [
    "SessionDesk",
    "SessionSummary",
    "group_items",
    "record_html",
    "record_page",
    "responses_overview",
    "summarise",
]
