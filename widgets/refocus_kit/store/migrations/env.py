"""Alembic's environment for the store: always run by the kit (refocus_kit.store.schema) on a
connection it has opened and locked, never from an alembic.ini. Only the kit's own tables, in
the database's default schema, are compared or touched; the version is kept in the kit's own
table (nbgrader's gradebook, which may share a PostgreSQL database, keeps its own)."""

from alembic import context

from refocus_kit.store.schema import VERSION_TABLE
from refocus_kit.store.tables import metadata

connection = context.config.attributes.get("connection")
if connection is None or context.is_offline_mode():
    raise SystemExit("the store's migrations run through `refocus store upgrade`")

context.configure(
    connection=connection,
    target_metadata=metadata,
    version_table=VERSION_TABLE,
    include_name=lambda name, kind, _parent: kind != "table" or name in metadata.tables,
)
with context.begin_transaction():
    context.run_migrations()
