"""Verification of a proof against a policy: leaf hash, inclusion, the checkpoint's signature,
then the checks given from outside (the chain's). Every step runs that can, so the report shows
all that is wrong, not only the first; a step that cannot run says why it was not checked."""

from __future__ import annotations

from collections.abc import Sequence

from ledger.checkpoint import Checkpoint
from ledger.errors import LedgerError
from ledger.merkle import verify_inclusion
from ledger.note import verify_note
from ledger.policy import VerificationPolicy
from ledger.proof import ProofFile
from ledger.steps import CHAIN_STEPS, Check, Report, Step, StepName

NO_IDENTITY = "no trusted log identity: no verifier key of the log is pinned"


def verify_proof(
    proof: ProofFile,
    policy: VerificationPolicy,
    checks: Sequence[Check] = (),
    *,
    no_chain: str = "no chain was given",
) -> Report:
    """Check `proof` against `policy`. `checks` are the on-chain steps (anchor.verify); without
    them those steps are reported as not checked, with `no_chain` as the reason."""
    report = Report(required=policy.required, proof=proof)
    leaf = _leaf_hash(proof, report)
    try:
        checkpoint = proof.checkpoint()
    except LedgerError as exc:
        report.steps.append(Step.failed(StepName.CHECKPOINT, f"the checkpoint note cannot be read: {exc}"))
        why = "there is no readable checkpoint to check against"
        later = (StepName.INCLUSION, StepName.NOTE_SIGNATURE, *CHAIN_STEPS)
        report.steps.extend(Step.not_checked(name, why) for name in later)
        return report
    report.steps.append(_inclusion(proof, leaf, checkpoint))
    report.steps.append(_signature(proof, checkpoint, policy))
    for check in checks:
        try:
            report.steps.append(check.run(proof, checkpoint))
        except Exception as exc:  # a failing check is a finding, never a crash of the verifier
            report.steps.append(Step.failed(check.name, str(exc)))
    if not checks:
        why = no_chain if policy.require_chain else "the on-chain steps were turned off"
        report.steps.extend(Step.not_checked(name, why) for name in CHAIN_STEPS)
    return report


def _leaf_hash(proof: ProofFile, report: Report) -> bytes:
    if proof.entry is None:
        assert proof.leaf_hash is not None
        report.steps.append(
            Step.not_checked(
                StepName.LEAF_HASH,
                f"content withheld: only the fingerprint {proof.leaf_hash.hex()} is given, "
                "so no entry was checked (inclusion says whether the log holds it)",
            )
        )
        return proof.leaf_hash
    computed = proof.entry.leaf_hash()
    if proof.leaf_hash is not None and proof.leaf_hash != computed:
        report.steps.append(
            Step.failed(
                StepName.LEAF_HASH,
                f"the entry hashes to {computed.hex()} but the file states "
                f"{proof.leaf_hash.hex()}: the entry was altered",
            )
        )
    else:
        report.steps.append(
            Step.passed(
                StepName.LEAF_HASH,
                f"{computed.hex()} = SHA-256(0x00 || canonical entry "
                f"{proof.entry.kind} {proof.entry.id} v{proof.entry.version}), "
                "computed from the entry in the file",
            )
        )
    return computed


def _inclusion(proof: ProofFile, leaf: bytes, checkpoint: Checkpoint) -> Step:
    try:
        verify_inclusion(leaf, proof.leaf_index, checkpoint.size, proof.inclusion, checkpoint.root)
    except LedgerError as exc:
        return Step.failed(StepName.INCLUSION, str(exc))
    return Step.passed(
        StepName.INCLUSION,
        f"leaf {proof.leaf_index} is in the tree of {checkpoint.size} with root {checkpoint.root.hex()}",
    )


def _signature(proof: ProofFile, checkpoint: Checkpoint, policy: VerificationPolicy) -> Step:
    if not policy.verifier_keys:
        return Step.not_checked(StepName.NOTE_SIGNATURE, NO_IDENTITY)
    try:
        verify_note(proof.checkpoint_note, policy.verifier_keys)
    except LedgerError as exc:
        return Step.failed(StepName.NOTE_SIGNATURE, str(exc))
    if policy.origin is not None and checkpoint.origin != policy.origin:
        return Step.failed(
            StepName.NOTE_SIGNATURE, f"checkpoint is from log {checkpoint.origin!r}, not {policy.origin!r}"
        )
    return Step.passed(
        StepName.NOTE_SIGNATURE,
        f"checkpoint of {checkpoint.origin!r} at size {checkpoint.size} is signed by a trusted log key",
    )
