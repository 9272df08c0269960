"""Migrations: from an empty database to head, idempotent, and in step with the models."""

from __future__ import annotations

import tomllib
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text

from registry import migrate
from registry.db import make_engine, make_session_factory, transaction
from registry.ledger_writer import integrate_pending, record
from registry.models import APPEND_ONLY_TABLES, STATE_TABLES, Base

TABLES = {"alembic_version", *APPEND_ONLY_TABLES, *STATE_TABLES}


def _tables(url: str) -> set[str]:
    engine = make_engine(url)
    try:
        return set(inspect(engine).get_table_names())
    finally:
        engine.dispose()


def test_upgrade_from_empty_then_again_is_a_no_op(db_url: str) -> None:
    assert migrate.current(db_url) is None
    migrate.upgrade(db_url)
    assert migrate.current(db_url) == migrate.head() == "0009"
    assert _tables(db_url) == TABLES
    engine = make_engine(db_url)
    try:
        with transaction(make_session_factory(engine)) as session:
            record(session, "work", "W-1", {"title": "kept"})
            integrate_pending(session)
        migrate.upgrade(db_url)  # again: nothing to do, nothing lost
        with engine.connect() as connection:
            assert connection.execute(text("SELECT count(*) FROM ledger_entry")).scalar_one() == 1
            assert connection.execute(text("SELECT count(*) FROM log_leaf")).scalar_one() == 1
            assert connection.execute(text("SELECT version_num FROM alembic_version")).all() == [("0009",)]
    finally:
        engine.dispose()
    assert migrate.current(db_url) == "0009"


def test_the_models_match_the_migrations(migrated_url: str) -> None:
    engine = make_engine(migrated_url)
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            assert compare_metadata(context, Base.metadata) == []
    finally:
        engine.dispose()


def test_downgrade_to_base_and_back(migrated_url: str) -> None:
    migrate.downgrade(migrated_url, "base")
    assert migrate.current(migrated_url) is None
    assert _tables(migrated_url) == {"alembic_version"}
    migrate.upgrade(migrated_url)
    assert _tables(migrated_url) == TABLES


def test_the_migration_scripts_ship_with_the_package() -> None:
    # Every file Alembic needs must match a package-data pattern, or an installed registry
    # (not an editable checkout) could not migrate.
    pyproject = tomllib.loads((Path(__file__).parents[2] / "pyproject.toml").read_text())
    patterns = pyproject["tool"]["setuptools"]["package-data"]["registry"]
    package = migrate.MIGRATIONS.parent
    needed = [p for p in migrate.MIGRATIONS.rglob("*") if p.is_file() and "__pycache__" not in p.parts]
    assert {p.name for p in needed} >= {"env.py", "script.py.mako", "0001_ledger_core.py"}
    shipped = {path for pattern in patterns for path in package.glob(pattern)}
    assert not [str(path.relative_to(package)) for path in needed if path not in shipped]
