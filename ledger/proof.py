"""What a proof is: the entry (with its salt when private and the holder is entitled to it,
otherwise only its leaf hash), its leaf index, the inclusion proof, the signed checkpoint note, and
the anchor on chain. Reading and writing files is ledger.proof_formats; checking, ledger.verifier."""

from __future__ import annotations

from dataclasses import dataclass

from ledger.checkpoint import Checkpoint
from ledger.entry import Entry
from ledger.errors import ProofFileError
from ledger.note import open_note

MAX_PROOF_HASHES = 64  # a tree of 2**64 leaves needs at most 64; anything longer is hostile


@dataclass(frozen=True, slots=True)
class Anchor:
    """Where the proof says the checkpoint was anchored: enough to find it on any node of that
    chain. A claim to check against the chain, never a trust root."""

    chain_id: int
    contract: str
    checkpoint_index: int
    tx_hash: str
    block_number: int


@dataclass(frozen=True, slots=True)
class ProofFile:
    leaf_index: int
    inclusion: tuple[bytes, ...]
    checkpoint_note: str
    entry: Entry | None = None
    leaf_hash: bytes | None = None
    anchor: Anchor | None = None

    def __post_init__(self) -> None:
        if self.entry is None and self.leaf_hash is None:
            raise ProofFileError("a proof needs the entry or at least its leaf hash")
        if self.leaf_index < 0:
            raise ProofFileError(f"leaf_index {self.leaf_index} is negative")
        if len(self.inclusion) > MAX_PROOF_HASHES:
            raise ProofFileError(f"inclusion proof has {len(self.inclusion)} hashes; at most 64")

    @property
    def claimed_leaf_hash(self) -> bytes:
        if self.entry is not None:
            return self.entry.leaf_hash()
        assert self.leaf_hash is not None
        return self.leaf_hash

    def checkpoint(self) -> Checkpoint:
        """The checkpoint inside the note, parsed without checking its signatures."""
        body, _ = open_note(self.checkpoint_note)
        return Checkpoint.parse(body)
