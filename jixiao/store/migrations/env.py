"""Alembic environment: always run online, on the connection ``Database.upgrade`` hands over.

For developers adding a migration (from the repository root)::

    python -m jixiao.store.migrations.new "describe the change"
"""

from __future__ import annotations

from alembic import context

from jixiao.store._tables import for_dialect, metadata

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - only reachable through a hand-run alembic
    raise RuntimeError("jixiao migrations run through jixiao.store.Database, which passes a connection")

for_dialect(connection.dialect.name)  # the partial indexes' predicates, for autogenerate
context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=connection.dialect.name == "sqlite",  # SQLite alters tables by copying them
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
