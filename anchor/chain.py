"""One way to reach any chain: `connect()` returns a `ChainConnection` whose `w3` is a normal
`Web3`, whether the chain is the embedded one (url None or "embedded") or a JSON-RPC node.

The connection is checked when it is made: the node answers, and serves the expected chain id.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType

from eth_typing import ChecksumAddress
from web3 import Web3

from anchor.embedded import EmbeddedChain, open_embedded
from anchor.errors import ChainError, NoContractCode, WrongChain
from anchor.rpc import http_web3, redact_url

EMBEDDED = "embedded"


@dataclass(eq=False)
class ChainConnection:
    """An open chain: `w3` for everything (contracts, transactions, receipts, logs), the
    `chain_id` it serves, and `url` (None for the embedded chain). Its repr hides credentials."""

    w3: Web3
    chain_id: int
    url: str | None  # None: the embedded chain
    embedded: bool
    _embedded_chain: EmbeddedChain | None = field(default=None, repr=False)

    @property
    def where(self) -> str:
        """For messages: the node's URL without its credentials, or the embedded chain's folder."""
        if self._embedded_chain is not None:
            return f"the embedded chain in {self._embedded_chain.directory}"
        return redact_url(self.url or "")

    def refresh(self) -> None:
        """See blocks written by another process since (embedded readers); no-op for a node."""
        if self._embedded_chain is not None:
            self._embedded_chain.refresh()

    def close(self) -> None:
        if self._embedded_chain is not None:
            self._embedded_chain.close()

    def __enter__(self) -> ChainConnection:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"ChainConnection(chain_id={self.chain_id}, {self.where})"


def connect(
    url: str | None,
    data_dir: Path,
    *,
    expected_chain_id: int | None = None,
    timeout: float = 10.0,
    read_only: bool = False,
) -> ChainConnection:
    """Connect to the embedded chain under `data_dir / "chain"` (url None or "embedded") or to the
    JSON-RPC node at an http(s) `url`. `read_only` opens the embedded chain as a reader (any
    number of processes) instead of its single writer; it changes nothing for a node.

    Raises ChainUnreachable (node does not answer within `timeout`), WrongChain (chain id is not
    `expected_chain_id`), ChainError (embedded chain locked by another writer, bad URL)."""
    if url is None or url == EMBEDDED:
        chain = open_embedded(data_dir / "chain", read_only=read_only, wait=timeout)
        conn = ChainConnection(chain.w3, chain.chain_id, None, True, chain)
    else:
        w3, chain_id = http_web3(url, timeout=timeout)
        conn = ChainConnection(w3, chain_id, url, False)
    if expected_chain_id is not None and conn.chain_id != expected_chain_id:
        conn.close()
        raise WrongChain(
            f"{conn.where} serves chain id {conn.chain_id}, expected chain id {expected_chain_id}"
        )
    return conn


def require_code(conn: ChainConnection, address: str) -> bytes:
    """The runtime code at `address`; NoContractCode if there is none (wrong address or chain,
    or a development node restarted since the contract was deployed)."""
    try:
        checksum: ChecksumAddress = Web3.to_checksum_address(address)
    except ValueError as exc:
        raise ChainError(f"{address!r} is not an EVM address") from exc
    code = bytes(conn.w3.eth.get_code(checksum))
    if not code:
        raise NoContractCode(f"no contract code at {checksum} on chain id {conn.chain_id} ({conn.where})")
    return code
