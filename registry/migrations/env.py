"""Alembic environment. `registry.migrate` passes a live connection in `config.attributes`;
the `sqlalchemy.url` option serves a plain `alembic` command line."""

from __future__ import annotations

from alembic import context
from sqlalchemy.engine import Connection

from registry.db import make_engine
from registry.models import Base

config = context.config


def run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        # SQLite alters most columns only by copying the table: let autogenerate say so.
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        run(connection)
        return
    url = config.get_main_option("sqlalchemy.url")
    if not url:
        raise RuntimeError("no database: pass a connection or set sqlalchemy.url")
    engine = make_engine(url)
    try:
        with engine.begin() as connection:
            run(connection)
    finally:
        engine.dispose()


if context.is_offline_mode():
    raise RuntimeError("offline (--sql) migrations are not supported: triggers differ per dialect")
run_online()
