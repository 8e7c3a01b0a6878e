"""The kit keeps the store's revision with Alembic: kit_meta's schema_version becomes 2, so that
a kit from before (which checked only that number, and added any column it missed by hand)
refuses this store and asks for a newer kit instead of altering it.

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

kit_meta = sa.table("kit_meta", sa.column("key", sa.String), sa.column("value", sa.String))


def _schema_version(value: str) -> None:
    op.execute(kit_meta.delete().where(kit_meta.c.key == "schema_version"))
    op.execute(kit_meta.insert().values(key="schema_version", value=value))


def upgrade() -> None:
    _schema_version("2")


def downgrade() -> None:
    _schema_version("1")
