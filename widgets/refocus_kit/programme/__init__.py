"""The REFOCUS programme as data: its six implementation strategies and every planned event, by
month (manual, chapter 6). Sessions, forms, the course, the timetable and the review all read it.
Headless: no widgets here."""

from refocus_kit.programme.loader import (
    ProgrammeError,
    bundled_path,
    check_programme,
    load_programme,
    programme,
)
from refocus_kit.programme.model import MODES, Event, Length, Programme, Strategy

__all__ = [
    "MODES",
    "Event",
    "Length",
    "Programme",
    "ProgrammeError",
    "Strategy",
    "bundled_path",
    "check_programme",
    "load_programme",
    "programme",
]
