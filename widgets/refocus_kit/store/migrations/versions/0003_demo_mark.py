"""Responses and sessions carry a demo mark; the rows already there are real data (commit
43dc201).

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

MARKED = ("responses", "sessions")


def upgrade() -> None:
    for table in MARKED:
        op.add_column(
            table, sa.Column("demo", sa.Boolean, nullable=False, server_default=sa.false())
        )


def downgrade() -> None:
    for table in MARKED:
        op.drop_column(table, "demo")
