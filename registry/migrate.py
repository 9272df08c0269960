"""Create or upgrade the database schema with the Alembic migrations shipped in the package."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text
from sqlalchemy.engine import URL, Connection

from registry.db import make_engine

MIGRATIONS = Path(__file__).with_name("migrations")
# Two processes upgrading one PostgreSQL database at once queue on this lock instead of colliding.
_UPGRADE_LOCK = 0x52_4C_4D_49_47  # "RLMIG"


def upgrade(url: str | URL, revision: str = "head") -> None:
    """Bring the database at `url` to `revision` (default: the newest); a no-op when it is there."""
    _run(url, lambda config: command.upgrade(config, revision))


def downgrade(url: str | URL, revision: str) -> None:
    """Take the schema back to `revision` ("base" drops everything): for development only."""
    _run(url, lambda config: command.downgrade(config, revision))


def current(url: str | URL) -> str | None:
    """The revision the database at `url` is at, or None if it has never been migrated."""
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            return MigrationContext.configure(connection).get_current_revision()
    finally:
        engine.dispose()


def head() -> str | None:
    """The newest revision shipped with this code."""
    return ScriptDirectory.from_config(_config()).get_current_head()


def _run(url: str | URL, action: Callable[[Config], object]) -> None:
    engine = make_engine(url)
    try:
        # One transaction for the whole run: a failing migration leaves nothing half done.
        with engine.begin() as connection:
            if connection.dialect.name == "postgresql":
                connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _UPGRADE_LOCK})
            action(_config(connection))
    finally:
        engine.dispose()


def _config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS).replace("%", "%%"))
    config.attributes["connection"] = connection
    return config
