"""The trainer-led sessions of the programme (manual, chapter 6, strategies 1-3): each declared
once as data (`sessions/<event-id>.yaml`), joined to its programme event, with the calls its
notebook makes (`agenda`, `before`, `check`, `room`), the coverage map of the manual's elements,
and the build of decks, handouts and run-sheets. Every name is loaded when first used, so the
headless half never imports ipywidgets."""

from typing import TYPE_CHECKING

from refocus_kit._lazy import lazy_exports

if TYPE_CHECKING:
    from refocus_kit.course.checks import Marks, mark_check
    from refocus_kit.course.coverage_map import Element, coverage, elements, missing_places
    from refocus_kit.course.loader import CourseError, check_session, session, sessions
    from refocus_kit.course.model import Check, Part, Session
    from refocus_kit.course.show import ChooseCheck, agenda, before, check, room

__all__ = [
    "Check",
    "ChooseCheck",
    "CourseError",
    "Element",
    "Marks",
    "Part",
    "Session",
    "agenda",
    "before",
    "check",
    "check_session",
    "coverage",
    "elements",
    "mark_check",
    "missing_places",
    "room",
    "session",
    "sessions",
]

__getattr__ = lazy_exports(
    __name__,
    {
        "Check": "model",
        "Part": "model",
        "Session": "model",
        "CourseError": "loader",
        "check_session": "loader",
        "session": "loader",
        "sessions": "loader",
        "Element": "coverage_map",
        "coverage": "coverage_map",
        "elements": "coverage_map",
        "missing_places": "coverage_map",
        "Marks": "checks",
        "mark_check": "checks",
        "ChooseCheck": "show",
        "agenda": "show",
        "before": "show",
        "check": "show",
        "room": "show",
    },
)
