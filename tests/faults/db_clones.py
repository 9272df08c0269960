"""Copies of a prepared database, one per crash run: a file copy for SQLite, CREATE DATABASE ...
TEMPLATE for PostgreSQL (dropped when `cleanup` closes). Much faster than migrating anew."""

from __future__ import annotations

import shutil
from contextlib import ExitStack
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import make_url

from tests.databases import pg_admin_engine


def clone_database(template_url: str, n: int, cleanup: ExitStack) -> str:
    """A copy of the database at `template_url` (nobody may be connected to it)."""
    url = make_url(template_url)
    if url.get_backend_name() == "sqlite":
        source = Path(url.database or "")
        copy = source.with_name(f"{source.stem}-copy-{n}{source.suffix}")
        shutil.copyfile(source, copy)
        return url.set(database=str(copy)).render_as_string(hide_password=False)
    name = f"{url.database}_copy_{n}"
    admin = pg_admin_engine()
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{url.database}"'))

    def drop() -> None:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    cleanup.callback(drop)
    return url.set(database=name).render_as_string(hide_password=False)
