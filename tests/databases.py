"""Test databases on both backends: a SQLite file, or a throwaway PostgreSQL database on
RIGHTS_TEST_PG_URL (default postgresql://postgres@127.0.0.1:5432).

Migrated ones are copied from a template migrated once per test session: SQLite copies the file,
PostgreSQL clones it with CREATE DATABASE ... TEMPLATE. Migrating anew costs 0.1-0.3 s a database,
a copy a few milliseconds, and most tests start from a migrated database."""

from __future__ import annotations

import os
import secrets
import shutil
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url

from registry.db import normalise_url
from registry.migrate import upgrade

PG_URL = os.environ.get("RIGHTS_TEST_PG_URL", "postgresql://postgres@127.0.0.1:5432")


def pg_admin_engine() -> Engine:
    admin = create_engine(
        normalise_url(PG_URL), isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 5}
    )
    try:
        with admin.connect():
            pass
    except Exception as exc:
        admin.dispose()
        # A missing database fails, never skips: a skipped backend is an untested one.
        pytest.fail(f"PostgreSQL at {PG_URL} is unreachable: {exc}")
    return admin


def create_postgres_database(prefix: str = "rl_test", template: str | None = None) -> str:
    """A new PostgreSQL database (empty, or a clone of `template`); its URL."""
    name = f"{prefix}_{secrets.token_hex(6)}"
    clause = f' TEMPLATE "{template}"' if template else ""
    admin = pg_admin_engine()
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"{clause}'))
    finally:
        admin.dispose()
    return normalise_url(PG_URL).set(database=name).render_as_string(hide_password=False)


def drop_postgres_database(name: str) -> None:
    admin = pg_admin_engine()
    try:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        admin.dispose()


def postgres_database(template: str | None = None) -> Iterator[str]:
    """A throwaway PostgreSQL database for the length of the iteration."""
    url = create_postgres_database(template=template)
    try:
        yield url
    finally:
        drop_postgres_database(make_url(url).database or "")


class Templates:
    """The session's two migrated templates, each made the first time a test asks for it."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._folder: Path | None = None
        self._sqlite: Path | None = None
        self._postgres: str | None = None

    def sqlite(self) -> Path:
        with self._lock:
            if self._sqlite is None:
                self._folder = Path(tempfile.mkdtemp(prefix="rl-template-"))
                path = self._folder / "template.db"
                upgrade(f"sqlite:///{path}")
                self._sqlite = path
            return self._sqlite

    def postgres(self) -> str:
        with self._lock:
            if self._postgres is None:
                url = create_postgres_database("rl_template")
                upgrade(url)  # disposes its engine: nobody stays connected to the template
                self._postgres = make_url(url).database
            assert self._postgres is not None
            return self._postgres

    def drop(self) -> None:
        with self._lock:
            if self._postgres is not None:
                drop_postgres_database(self._postgres)
                self._postgres = None
            if self._folder is not None:
                shutil.rmtree(self._folder, ignore_errors=True)
                self._folder = self._sqlite = None


TEMPLATES = Templates()


def migrate(url: str) -> None:
    """Give the new, empty database at `url` the newest schema, as `registry.migrate.upgrade` would
    (tests/test_databases.py checks that the two agree)."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        target = Path(parsed.database or "")
        if target.exists() and target.stat().st_size > 0:
            raise ValueError(f"{target} is not empty: only a new database is made from the template")
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(TEMPLATES.sqlite(), target)
        return
    template = TEMPLATES.postgres()
    admin = pg_admin_engine()
    try:
        with admin.connect() as connection:
            # The test's database was made empty: made again from the template under the same name.
            connection.execute(text(f'DROP DATABASE IF EXISTS "{parsed.database}" WITH (FORCE)'))
            connection.execute(text(f'CREATE DATABASE "{parsed.database}" TEMPLATE "{template}"'))
    finally:
        admin.dispose()


def migrated_postgres_database() -> Iterator[str]:
    """A throwaway PostgreSQL database with the newest schema, cloned from the template."""
    yield from postgres_database(template=TEMPLATES.postgres())
