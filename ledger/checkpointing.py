"""Signing a checkpoint of any log store: the step shared by the CLI and the anchoring job."""

from __future__ import annotations

from dataclasses import dataclass

from ledger.checkpoint import Checkpoint, note_hash
from ledger.note import Signer, sign_note
from ledger.store import LogStore, tree_root


@dataclass(frozen=True, slots=True)
class SignedCheckpoint:
    checkpoint: Checkpoint
    note: str
    note_hash: bytes


def sign_checkpoint(
    store: LogStore, origin: str, signer: Signer, size: int | None = None
) -> SignedCheckpoint:
    """The signed C2SP checkpoint of the store's tree at `size` (default: its current size)."""
    size = store.size() if size is None else size
    checkpoint = Checkpoint(origin, size, tree_root(store, size))
    note = sign_note(checkpoint.body(), signer)
    return SignedCheckpoint(checkpoint, note, note_hash(note))
