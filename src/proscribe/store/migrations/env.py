"""Alembic's entry point for the store's migrations.

`Store.open` runs these with the connection it already holds (`config.attributes["connection"]`),
inside its own transaction, so an in-memory SQLite database is migrated in place and a failed
migration leaves nothing behind. Run from the `alembic` command line instead, it connects to
`sqlalchemy.url` itself, or writes SQL in offline mode (`alembic upgrade head --sql`).
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, create_engine

from proscribe.store.schema import metadata


def run_offline() -> None:
    context.configure(
        url=context.config.get_main_option("sqlalchemy.url"),
        target_metadata=metadata,
        literal_binds=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_on(connection: Connection) -> None:
    # render_as_batch: SQLite can alter a table only by copying it; Alembic's batch mode does
    # that for future revisions and is a plain ALTER on PostgreSQL.
    context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    given = context.config.attributes.get("connection")
    if isinstance(given, Connection):
        run_on(given)
        return
    url = context.config.get_main_option("sqlalchemy.url")
    if url is None:
        raise RuntimeError("no connection given and no sqlalchemy.url configured")
    engine = create_engine(url)
    try:
        with engine.begin() as connection:
            run_on(connection)
    finally:
        engine.dispose()


if context.is_offline_mode():
    run_offline()
else:
    run_online()
