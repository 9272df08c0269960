"""What the anchoring job needs from the ledger's storage; the registry implements it over the
database. Each write commits on its own, so the job can be killed between any two of them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from ledger.checkpointing import SignedCheckpoint
from ledger.note import Signer


@dataclass(frozen=True, slots=True)
class Attempt:
    """A signed anchor transaction, recorded before it is broadcast."""

    chain_id: int
    contract: str
    tree_size: int
    tx_hash: str
    nonce: int
    raw_tx: str


@dataclass(frozen=True, slots=True)
class Anchored:
    """A checkpoint confirmed on chain."""

    chain_id: int
    contract: str
    checkpoint_index: int
    tree_size: int
    root: bytes
    note_hash: bytes
    tx_hash: str
    block_number: int
    gas_used: int
    gas_price_wei: int
    cost_wei: int


class CheckpointBook(Protocol):
    def integrate_pending(self) -> int:
        """Append recorded entries to the log; return the log's size. Commits."""

    def signed(self, tree_size: int) -> SignedCheckpoint | None:
        """The checkpoint of `tree_size` this log signed, if any."""

    def sign(self, origin: str, signer: Signer, tree_size: int) -> SignedCheckpoint:
        """The signed checkpoint of `tree_size`, made and saved once (reused after a crash). Commits."""

    def consistency_proof(self, old_size: int, new_size: int) -> list[bytes]: ...

    def anchored(self, chain_id: int, contract: str) -> Sequence[Anchored]:
        """Confirmed anchors on that contract, by checkpoint index."""

    def record_anchored(self, anchored: Anchored) -> None:
        """Commits."""

    def attempts(self, chain_id: int, contract: str) -> Sequence[Attempt]:
        """Attempts whose tree size has no confirmed anchor yet, oldest first."""

    def record_attempt(self, attempt: Attempt) -> None:
        """Commits."""

    def attempt(self, tx_hash: str) -> Attempt | None:
        """The recorded attempt of this transaction hash (even one that was anchored)."""
