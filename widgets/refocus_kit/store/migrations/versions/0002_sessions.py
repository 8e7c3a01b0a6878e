"""Sessions of the participant forms, with their short codes (commit 9189cb3).

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sessions",
        sa.Column("code", sa.String(16), primary_key=True),
        sa.Column("form_id", sa.String(64), nullable=False),
        sa.Column("team", sa.String(120), nullable=False, index=True),
        sa.Column("number", sa.Integer),
        sa.Column("held_on", sa.Date, nullable=False),
        sa.Column("mode", sa.String(20), nullable=False),
        sa.Column("anonymous", sa.Boolean, nullable=False),
        sa.Column("expected", sa.Integer, nullable=False),
        sa.Column("opened_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("closed_at", sa.DateTime(timezone=True), index=True),
    )


def downgrade() -> None:
    op.drop_table("sessions")
