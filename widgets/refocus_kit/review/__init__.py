"""The facilitator's progress review (delivery, exercises, reflection, the partnership project,
working practices and the kit's own implementation index), built from the store's tidy export,
the sessions, the kept timetables and the exercises' export, never the raw tables. Headless:
charts are in `review.charts`, the report in `review.report`."""

from refocus_kit.review.build import (
    MEASURE_COLUMNS,
    Review,
    build_review,
    kit_review,
    review_from,
)
from refocus_kit.review.delivery import GRACE_DAYS
from refocus_kit.review.exercises import NO_EXERCISES, exercises_table
from refocus_kit.review.index import INDEX_FORMULA
from refocus_kit.review.reflection import FOLLOW_UP_RULE

__all__ = [
    "FOLLOW_UP_RULE",
    "GRACE_DAYS",
    "INDEX_FORMULA",
    "MEASURE_COLUMNS",
    "NO_EXERCISES",
    "Review",
    "build_review",
    "exercises_table",
    "kit_review",
    "review_from",
]
