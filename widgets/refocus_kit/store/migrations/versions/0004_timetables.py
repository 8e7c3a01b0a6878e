"""A team's timetable, and the events it moved or cancelled (commit 536b8e6).

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

UTC_DATETIME = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "timetables",
        sa.Column("team", sa.String(120), primary_key=True),
        sa.Column("start_on", sa.Date, nullable=False),
        sa.Column("months", sa.Integer, nullable=False),
        sa.Column("updated_at", UTC_DATETIME, nullable=False),
        sa.Column("demo", sa.Boolean, nullable=False, server_default=sa.false()),
    )
    op.create_table(
        "timetable_changes",
        sa.Column("team", sa.String(120), primary_key=True),
        sa.Column("event_id", sa.String(64), primary_key=True),
        sa.Column("action", sa.String(12), nullable=False),
        sa.Column("moved_to", sa.Date),
        sa.Column("note", sa.String(200)),
        sa.Column("changed_at", UTC_DATETIME, nullable=False),
        sa.Column("demo", sa.Boolean, nullable=False, server_default=sa.false()),
    )


def downgrade() -> None:
    op.drop_table("timetable_changes")
    op.drop_table("timetables")
