"""RightsLedger's trust core: canonical entries, the RFC 9162 Merkle log, signed checkpoints and
proof files. Pure Python (stdlib, rfc8785, cryptography); imports nothing else of the project."""

from ledger.checkpoint import Checkpoint, note_hash
from ledger.entry import Entry, make_entry, parse_entry
from ledger.errors import (
    CanonicalError,
    CheckpointError,
    EntryError,
    LedgerError,
    NoteError,
    ProofError,
    ProofFileError,
    StoreError,
)
from ledger.kinds import KINDS, Kind
from ledger.note import Signer, Verifier, generate_key, sign_note, verify_note
from ledger.proof import Anchor, ProofFile, Report, Step, load_proof, verify_proof
from ledger.store import LogStore, MemoryLogStore

__all__ = [
    "KINDS",
    "Anchor",
    "CanonicalError",
    "Checkpoint",
    "CheckpointError",
    "Entry",
    "EntryError",
    "Kind",
    "LedgerError",
    "LogStore",
    "MemoryLogStore",
    "NoteError",
    "ProofError",
    "ProofFile",
    "ProofFileError",
    "Report",
    "Signer",
    "Step",
    "StoreError",
    "Verifier",
    "generate_key",
    "load_proof",
    "make_entry",
    "note_hash",
    "parse_entry",
    "sign_note",
    "verify_note",
    "verify_proof",
]
