"""The embedded chain: py-evm in-process, persisted in `<dir>/evm.sqlite3`, spoken to via web3.

One process writes (it holds `<dir>/writer.lock`); any number of others open the same chain
read-only and call `refresh()` to see the blocks written since. Within a process the chain is
shared by threads: web3 requests are serialised, as py-evm is not thread-safe.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

from eth_tester import EthereumTester
from web3 import Web3
from web3.providers.eth_tester import EthereumTesterProvider
from web3.providers.eth_tester.defaults import API_ENDPOINTS
from web3.types import RPCEndpoint, RPCResponse

from anchor.embedded_backend import EMBEDDED_CHAIN_ID, PersistentPyEVMBackend, create_genesis, has_chain
from anchor.embedded_reverts import ExecutionFailed
from anchor.errors import ChainError
from anchor.kvstore import SqliteKV
from anchor.writer_lock import WriterLock

DB_FILE = "evm.sqlite3"
LOCK_FILE = "writer.lock"


class EmbeddedChain:
    """An open embedded chain. Use `open_embedded()`; `close()` when done."""

    def __init__(self, directory: Path, kv: SqliteKV, lock: WriterLock | None) -> None:
        self.directory = directory
        self.read_only = lock is None
        self._kv = kv
        self._lock = lock
        self.backend = PersistentPyEVMBackend(kv)
        self.provider = _LockedTesterProvider(EthereumTester(self.backend))
        self.w3 = Web3(self.provider)
        self.chain_id = EMBEDDED_CHAIN_ID

    def refresh(self) -> None:
        """See the blocks committed by the writer since this chain was opened or refreshed."""
        with self.provider.lock:
            self.backend.refresh()

    def close(self) -> None:
        with self.provider.lock:
            self._kv.close()
            if self._lock is not None:
                self._lock.release()

    def __repr__(self) -> str:
        mode = "read-only" if self.read_only else "writer"
        return f"EmbeddedChain({str(self.directory)!r}, {mode})"


def open_embedded(directory: Path, *, read_only: bool = False, wait: float = 10.0) -> EmbeddedChain:
    """Open (and on first use create) the embedded chain stored in `directory`.

    A writer takes the writer lock and fails with ChainError if another process holds it. A
    reader on a chain not yet created waits up to `wait` seconds for the writer to create it,
    and creates it itself if nobody writes.
    """
    directory.mkdir(parents=True, exist_ok=True)
    db_path = directory / DB_FILE
    if read_only:
        _ensure_created(directory, wait)
        return EmbeddedChain(directory, SqliteKV(db_path, read_only=True), None)
    lock = WriterLock(directory / LOCK_FILE)
    lock.acquire()
    try:
        kv = SqliteKV(db_path)
        if not has_chain(kv):
            create_genesis(kv)
        return EmbeddedChain(directory, kv, lock)
    except BaseException:
        lock.release()
        raise


def _ensure_created(directory: Path, wait: float) -> None:
    deadline = time.monotonic() + wait
    while not _exists(directory / DB_FILE):
        lock = WriterLock(directory / LOCK_FILE)
        try:
            lock.acquire()
        except ChainError:
            # A writer is running and creates the genesis block as it opens: give it time.
            if time.monotonic() > deadline:
                raise ChainError(
                    f"the embedded chain in {directory} was not created within {wait} s"
                ) from None
            time.sleep(0.05)
            continue
        try:
            kv = SqliteKV(directory / DB_FILE)
            try:
                if not has_chain(kv):
                    create_genesis(kv)
            finally:
                kv.close()
        finally:
            lock.release()


def _exists(db_path: Path) -> bool:
    if not db_path.exists():
        return False
    kv = SqliteKV(db_path, read_only=True)
    try:
        return has_chain(kv)
    finally:
        kv.close()


def _endpoints() -> dict[str, dict[str, Any]]:
    # web3's tester endpoints answer a fixed chain id; ours must answer the chain's real one,
    # which is also the id transactions are signed for.
    endpoints = {namespace: dict(methods) for namespace, methods in API_ENDPOINTS.items()}
    endpoints["eth"]["chainId"] = lambda *_: EMBEDDED_CHAIN_ID
    endpoints["net"]["version"] = lambda *_: str(EMBEDDED_CHAIN_ID)
    return endpoints


class _LockedTesterProvider(EthereumTesterProvider):
    """EthereumTesterProvider with our chain id, one request at a time, and failed calls
    answered as JSON-RPC errors (see embedded_reverts)."""

    def __init__(self, tester: EthereumTester) -> None:
        super().__init__(tester, api_endpoints=_endpoints())
        self.lock = threading.RLock()

    def make_request(self, method: RPCEndpoint, params: Any) -> RPCResponse:
        with self.lock:
            try:
                return super().make_request(method, params)
            except ExecutionFailed as failed:
                self._current_request_id += 1
                return {"jsonrpc": "2.0", "id": self._current_request_id, "error": failed.rpc_error()}
