"""What /v1/ready checks: the database answers at the migration head this code ships, and the
chain answers (and still holds the anchor contract recorded for it)."""

from __future__ import annotations

import logging
import threading

from sqlalchemy import text
from sqlalchemy.orm import Session

from anchor.chain import ChainConnection, connect, require_code
from registry import migrate
from registry.api.config import ApiSettings
from registry.services.reporting.lookups import anchor_contract

log = logging.getLogger("rightsledger.api")


class Readiness:
    def __init__(self, settings: ApiSettings) -> None:
        self.settings = settings
        self.head = migrate.head()
        self._conn: ChainConnection | None = None
        self._lock = threading.Lock()
        self._contract: str | None = None

    def database(self, session: Session) -> str:
        try:
            at = session.execute(text("SELECT version_num FROM alembic_version")).scalar()
        except Exception as exc:
            log.warning("readiness: database unreachable: %s", exc.__class__.__name__)
            return "unreachable"
        if at != self.head:
            return f"schema at {at}, expected {self.head}: run `rightsledger init`"
        contract = anchor_contract(session)
        self._contract = contract.address if contract else None
        return "ok"

    def chain(self) -> str:
        with self._lock:
            try:
                if self._conn is None:
                    self._conn = connect(
                        self.settings.chain_url, self.settings.data_dir, read_only=True, timeout=3.0
                    )
                self._conn.refresh()
                self._conn.w3.eth.get_block_number()
                if self._contract:
                    require_code(self._conn, self._contract)
            except Exception as exc:  # any failure is "not ready"; the reason goes to the log
                log.warning("readiness: chain not ready: %s", exc)
                if self._conn is not None:
                    self._conn.close()
                    self._conn = None
                return "unreachable"
        return "ok"

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None
