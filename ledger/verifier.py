"""Verification of a proof against a policy: leaf hash, inclusion, the checkpoint's signature,
then the checks given from outside (the chain's). Every step runs that can, so the report shows
all that is wrong, not only the first."""

from __future__ import annotations

from collections.abc import Sequence

from ledger.checkpoint import Checkpoint
from ledger.errors import LedgerError
from ledger.merkle import verify_inclusion
from ledger.note import verify_note
from ledger.policy import VerificationPolicy
from ledger.proof import ProofFile
from ledger.steps import Check, Report, Step, StepName


def verify_proof(proof: ProofFile, policy: VerificationPolicy, checks: Sequence[Check] = ()) -> Report:
    report = Report(proof=proof)
    leaf = _leaf_hash(proof, report)
    try:
        checkpoint = proof.checkpoint()
    except LedgerError as exc:
        report.steps.append(Step(StepName.CHECKPOINT, False, f"the checkpoint note cannot be read: {exc}"))
        return report
    report.steps.append(_inclusion(proof, leaf, checkpoint))
    report.steps.append(_signature(proof, checkpoint, policy))
    for check in checks:
        try:
            report.steps.append(check.run(proof, checkpoint))
        except Exception as exc:  # a failing check is a finding, never a crash of the verifier
            report.steps.append(Step(check.name, False, str(exc)))
    return report


def _leaf_hash(proof: ProofFile, report: Report) -> bytes:
    if proof.entry is None:
        assert proof.leaf_hash is not None
        report.steps.append(
            Step(
                StepName.LEAF_HASH,
                True,
                f"{proof.leaf_hash.hex()} (entry not included: hash taken as given)",
            )
        )
        return proof.leaf_hash
    computed = proof.entry.leaf_hash()
    if proof.leaf_hash is not None and proof.leaf_hash != computed:
        report.steps.append(
            Step(
                StepName.LEAF_HASH,
                False,
                f"the entry hashes to {computed.hex()} but the file states "
                f"{proof.leaf_hash.hex()}: the entry was altered",
            )
        )
    else:
        report.steps.append(
            Step(
                StepName.LEAF_HASH,
                True,
                f"{computed.hex()} = SHA-256(0x00 || canonical entry "
                f"{proof.entry.kind} {proof.entry.id} v{proof.entry.version})",
            )
        )
    return computed


def _inclusion(proof: ProofFile, leaf: bytes, checkpoint: Checkpoint) -> Step:
    try:
        verify_inclusion(leaf, proof.leaf_index, checkpoint.size, proof.inclusion, checkpoint.root)
    except LedgerError as exc:
        return Step(StepName.INCLUSION, False, str(exc))
    return Step(
        StepName.INCLUSION,
        True,
        f"leaf {proof.leaf_index} is in the tree of {checkpoint.size} with root {checkpoint.root.hex()}",
    )


def _signature(proof: ProofFile, checkpoint: Checkpoint, policy: VerificationPolicy) -> Step:
    try:
        verify_note(proof.checkpoint_note, policy.verifier_keys)
    except LedgerError as exc:
        return Step(StepName.NOTE_SIGNATURE, False, str(exc))
    if policy.origin is not None and checkpoint.origin != policy.origin:
        return Step(
            StepName.NOTE_SIGNATURE,
            False,
            f"checkpoint is from log {checkpoint.origin!r}, not {policy.origin!r}",
        )
    return Step(
        StepName.NOTE_SIGNATURE,
        True,
        f"checkpoint of {checkpoint.origin!r} at size {checkpoint.size} is signed by a trusted log key",
    )
