"""Shared fixtures. `db_url` runs a test on both backends: a SQLite file and a throwaway
PostgreSQL database (tests/databases.py); `migrated_url` gives it the newest schema from a template."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from registry.db import make_engine, make_session_factory
from tests.databases import TEMPLATES, migrate, postgres_database

# Real Hardhat node and Anvil fixtures (hardhat_url, anvil_url).
pytest_plugins = ["tests.chains"]


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database, dropped after the test."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'data' / 'rightsledger.db'}"
        return
    yield from postgres_database()


def pytest_sessionfinish(session: pytest.Session) -> None:
    TEMPLATES.drop()


@pytest.fixture
def migrated_url(db_url: str) -> str:
    migrate(db_url)
    return db_url


@pytest.fixture
def engine(migrated_url: str) -> Iterator[Engine]:
    engine = make_engine(migrated_url)
    yield engine
    engine.dispose()


@pytest.fixture
def session_factory(engine: Engine) -> sessionmaker[Session]:
    return make_session_factory(engine)


@pytest.fixture
def session(session_factory: sessionmaker[Session]) -> Iterator[Session]:
    """A session on a migrated database; whatever the test leaves uncommitted is rolled back."""
    with session_factory() as session:
        yield session


# Settings that change what the application does; the test suite's own (RIGHTS_TEST_*, the shared
# folder) stay. Cleared for every test so the machine's environment cannot leak in.
KEEP_ENV = ("RIGHTS_TEST_PG_URL", "RIGHTS_SHARED_DIR")


def application_env(environ: dict[str, str] | os._Environ[str] = os.environ) -> dict[str, str]:
    """`environ` without the application's RIGHTS_* settings (for subprocesses)."""
    return {k: v for k, v in environ.items() if not k.startswith("RIGHTS_") or k in KEEP_ENV}


@pytest.fixture(autouse=True)
def _no_rights_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in list(os.environ):
        if name.startswith("RIGHTS_") and name not in KEEP_ENV:
            monkeypatch.delenv(name)
