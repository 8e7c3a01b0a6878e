"""The store's tables. One row per response, one per revision of its answers (never updated in
place), plus drafts saved as people type.

Responses and sessions carry a `demo` mark: the kit's fictional demo data says what it is in the
row itself, so every reader (views, exports, `refocus demo clear`) can tell it from real data."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    false,
)
from sqlalchemy.types import TypeDecorator

__all__ = [
    "SCHEMA_VERSION",
    "as_utc",
    "drafts",
    "kit_meta",
    "metadata",
    "responses",
    "revisions",
    "sessions",
    "timetable_changes",
    "timetables",
]

# The store's schema is kept by Alembic (schema.py, migrations/): a change to a table here needs a
# revision there. kit_meta's schema_version is only for kits from before that, which refuse a
# store whose number is above their 1 (migrations/versions/0005).
SCHEMA_VERSION = 2


def as_utc(value: dt.datetime) -> dt.datetime:
    """A stored timestamp, timezone-aware: one without a zone (SQLite's) is UTC."""
    return value if value.tzinfo is not None else value.replace(tzinfo=dt.UTC)


class UTCDateTime(TypeDecorator):
    """Timestamps kept in UTC and always handed back timezone-aware (SQLite forgets zones)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        return value.astimezone(dt.UTC) if value is not None else None

    def process_result_value(self, value, dialect):
        return as_utc(value) if value is not None else None


metadata = MetaData()

kit_meta = Table(
    "kit_meta",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", String(200), nullable=False),
)

responses = Table(
    "responses",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("submission_id", String(64), nullable=False, unique=True),
    Column("form_id", String(64), nullable=False, index=True),
    Column("form_version", Integer, nullable=False),
    Column("team", String(120), index=True),
    Column("session", String(120), index=True),
    Column("respondent", String(64), index=True),
    Column("created_at", UTCDateTime, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False, index=True),
    Column("revision", Integer, nullable=False),
    Column("demo", Boolean, nullable=False, server_default=false()),
)

revisions = Table(
    "revisions",
    metadata,
    Column(
        "response_id", String(32), ForeignKey("responses.id", ondelete="CASCADE"), primary_key=True
    ),
    Column("number", Integer, primary_key=True),
    Column("form_version", Integer, nullable=False),
    Column("answers", JSON, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("editor", String(64)),
)

drafts = Table(
    "drafts",
    metadata,
    Column("key", String(200), primary_key=True),
    Column("form_id", String(64), nullable=False),
    Column("respondent", String(64), index=True),
    Column("answers", JSON, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False, index=True),
)

sessions = Table(
    "sessions",
    metadata,
    Column("code", String(16), primary_key=True),
    Column("form_id", String(64), nullable=False),
    Column("team", String(120), nullable=False, index=True),
    Column("number", Integer),
    Column("held_on", Date, nullable=False),
    Column("mode", String(20), nullable=False),
    Column("anonymous", Boolean, nullable=False),
    Column("expected", Integer, nullable=False),
    Column("opened_at", UTCDateTime, nullable=False),
    Column("closed_at", UTCDateTime, index=True),
    Column("demo", Boolean, nullable=False, server_default=false()),
)

# A team's programme: its start date and length (the manual's 18 months, or a shorter run).
timetables = Table(
    "timetables",
    metadata,
    Column("team", String(120), primary_key=True),
    Column("start_on", Date, nullable=False),
    Column("months", Integer, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
    Column("demo", Boolean, nullable=False, server_default=false()),
)

# One kept change per team and event: moved to another date, or cancelled.
timetable_changes = Table(
    "timetable_changes",
    metadata,
    Column("team", String(120), primary_key=True),
    Column("event_id", String(64), primary_key=True),
    Column("action", String(12), nullable=False),
    Column("moved_to", Date),
    Column("note", String(200)),
    Column("changed_at", UTCDateTime, nullable=False),
    Column("demo", Boolean, nullable=False, server_default=false()),
)
