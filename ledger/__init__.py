"""RightsLedger's trust core: canonical entries, the RFC 9162 Merkle log, signed checkpoints,
proof files and their verifier. Pure Python (stdlib, rfc8785, cryptography); imports nothing else
of the project. The names below are its public surface; the rest is reached by module."""

from ledger.checkpoint import Checkpoint
from ledger.descriptor import LogDescriptor, read_descriptor, sign_descriptor
from ledger.entry import Entry, make_entry, parse_entry
from ledger.errors import LedgerError, ProofFileError
from ledger.kinds import KINDS, Kind
from ledger.note import Signer, Verifier, sign_note
from ledger.policy import VerificationPolicy
from ledger.proof import Anchor, ProofFile
from ledger.proof_formats import dump_rlproof, dump_tlog_proof, load_proof
from ledger.steps import Outcome, Report, Step, StepName, Verdict
from ledger.verifier import verify_proof

__all__ = [
    "KINDS",
    "Anchor",
    "Checkpoint",
    "Entry",
    "Kind",
    "LedgerError",
    "LogDescriptor",
    "Outcome",
    "ProofFile",
    "ProofFileError",
    "Report",
    "Signer",
    "Step",
    "StepName",
    "Verdict",
    "VerificationPolicy",
    "Verifier",
    "dump_rlproof",
    "dump_tlog_proof",
    "load_proof",
    "make_entry",
    "parse_entry",
    "read_descriptor",
    "sign_descriptor",
    "sign_note",
    "verify_proof",
]
