"""Wiring for CLI commands: settings -> engine, sessions, the log key."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from anchor.accounts import publisher_account
from anchor.chain import ChainConnection, connect
from anchor.job import JobSettings
from ledger.note import Signer
from registry import migrate
from registry.db import make_engine, make_session_factory, transaction
from registry.private_files import private_folder
from rightsledger.keys import load_log_key, load_or_create_log_key
from rightsledger.settings import Settings


class NotInitialised(Exception):
    """The database has not been created or upgraded yet."""


def initialise(settings: Settings) -> Signer:
    """Create or upgrade the database and make sure the log has its key."""
    private_folder(settings.data_dir)
    migrate.upgrade(settings.db_url)
    return load_or_create_log_key(settings.signing_key_file, settings.log_origin, settings.passphrase)


def sessions(settings: Settings) -> sessionmaker[Session]:
    if migrate.current(settings.db_url) != migrate.head():
        raise NotInitialised(f"the database at {settings.db_url} is not initialised: run `rightsledger init`")
    return make_session_factory(make_engine(settings.db_url))


@contextmanager
def unit_of_work(settings: Settings) -> Iterator[Session]:
    with transaction(sessions(settings)) as session:
        yield session


def job_settings(settings: Settings) -> JobSettings:
    """The anchoring job's settings, from RIGHTS_CONFIRMATIONS and RIGHTS_ANCHOR_*."""
    return JobSettings(
        settings.log_origin,
        confirmations=settings.confirmations,
        receipt_timeout=settings.anchor_receipt_timeout_seconds,
        retries=settings.anchor_retries,
        stuck_after=settings.anchor_stuck_after_seconds,
        fee_bump_percent=settings.anchor_fee_bump_percent,
        max_fee_bumps=settings.anchor_max_fee_bumps,
    )


def log_key(settings: Settings) -> Signer:
    return load_log_key(settings.signing_key_file, settings.passphrase)


def open_chain(settings: Settings, *, read_only: bool = False) -> ChainConnection:
    """The configured chain: a JSON-RPC node (RIGHTS_CHAIN_URL) or the embedded chain."""
    return connect(settings.chain_url, settings.data_dir, read_only=read_only)


def publisher(settings: Settings, conn: ChainConnection) -> Any:
    return publisher_account(conn, keystore=settings.keystore)
