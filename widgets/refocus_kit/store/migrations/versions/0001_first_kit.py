"""The first kit's store (commit 3c6bbb4): responses, their revisions, drafts and kit_meta.

The baseline: a store made before the kit kept revisions is stamped with the newest revision it
matches (schema.py) rather than made again. Types are written out, never imported from
tables.py, so that this revision stays what it was when tables.py changes.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

UTC_DATETIME = sa.DateTime(timezone=True)  # tables.UTCDateTime, as stored


def upgrade() -> None:
    meta = op.create_table(
        "kit_meta",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("value", sa.String(200), nullable=False),
    )
    op.bulk_insert(meta, [{"key": "schema_version", "value": "1"}])
    op.create_table(
        "responses",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("submission_id", sa.String(64), nullable=False, unique=True),
        sa.Column("form_id", sa.String(64), nullable=False, index=True),
        sa.Column("form_version", sa.Integer, nullable=False),
        sa.Column("team", sa.String(120), index=True),
        sa.Column("session", sa.String(120), index=True),
        sa.Column("respondent", sa.String(64), index=True),
        sa.Column("created_at", UTC_DATETIME, nullable=False),
        sa.Column("updated_at", UTC_DATETIME, nullable=False, index=True),
        sa.Column("revision", sa.Integer, nullable=False),
    )
    op.create_table(
        "revisions",
        sa.Column(
            "response_id",
            sa.String(32),
            sa.ForeignKey("responses.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("number", sa.Integer, primary_key=True),
        sa.Column("form_version", sa.Integer, nullable=False),
        sa.Column("answers", sa.JSON, nullable=False),
        sa.Column("created_at", UTC_DATETIME, nullable=False),
        sa.Column("editor", sa.String(64)),
    )
    op.create_table(
        "drafts",
        sa.Column("key", sa.String(200), primary_key=True),
        sa.Column("form_id", sa.String(64), nullable=False),
        sa.Column("respondent", sa.String(64), index=True),
        sa.Column("answers", sa.JSON, nullable=False),
        sa.Column("updated_at", UTC_DATETIME, nullable=False, index=True),
    )


def downgrade() -> None:
    for table in ("drafts", "revisions", "responses", "kit_meta"):
        op.drop_table(table)
