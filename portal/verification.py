"""The portal's own verification of a proof: ledger/ for the leaf hash, inclusion and checkpoint
signature, anchor/ for the checkpoint read straight from the chain and the contract's
verifyInclusion. It trusts only the pinned settings (key, origin, contract, chain), never the API.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from anchor.chain import EMBEDDED, ChainConnection, connect
from anchor.embedded import DB_FILE
from anchor.errors import ChainError
from anchor.trust import NoTrustedKey, verification_policy
from anchor.verify import chain_checks
from ledger import (
    LedgerError,
    ProofFile,
    Report,
    Step,
    StepName,
    VerificationPolicy,
    load_proof,
    verify_proof,
)
from portal.settings import PortalSettings

# One reader per chain for the portal's life: opening the embedded chain costs far more than a
# check, and a node connection is reused the same way. A lock keeps one check at a time on it.
_chains: dict[tuple[str | None, str], ChainConnection] = {}
_chains_lock = threading.Lock()


@contextmanager
def chain_reader(settings: PortalSettings) -> Iterator[ChainConnection]:
    key = (settings.chain_url, str(settings.data_dir.resolve()))
    with _chains_lock:
        conn = _chains.get(key)
        if conn is None:
            embedded_db = settings.data_dir / "chain" / DB_FILE
            if settings.chain_url in (None, EMBEDDED) and not embedded_db.is_file():
                # A reader would create an empty chain there: say the setting is wrong instead.
                raise ChainError(
                    f"there is no embedded chain in {settings.data_dir.resolve()}: set "
                    "RIGHTS_PORTAL_DATA_DIR to the ledger's data directory, or RIGHTS_PORTAL_CHAIN_URL"
                )
            conn = connect(
                settings.chain_url, settings.data_dir, read_only=True, timeout=settings.chain_timeout
            )
            _chains[key] = conn
        try:
            conn.refresh()  # see checkpoints anchored since by another process
            yield conn
        except ChainError:
            # A node that went away: reconnect next time rather than keep a dead connection.
            _chains.pop(key, None)
            conn.close()
            raise


def close_chains() -> None:
    with _chains_lock:
        for conn in _chains.values():
            conn.close()
        _chains.clear()


def policy_of(settings: PortalSettings) -> VerificationPolicy:
    """What the portal pinned; NoTrustedKey when it has no (valid) verifier key of the log."""
    vkey = settings.verifier_key()
    return verification_policy(
        [vkey] if vkey else [],
        origin=settings.log_origin,
        contract=settings.contract_address,
        pin_hint="the portal has no verifier key of the log (RIGHTS_PORTAL_LOG_VKEY)",
    )


def verify_bytes(
    data: bytes, settings: PortalSettings, *, expected_leaf: str | None = None, with_chain: bool = True
) -> Report:
    """Read and check a proof file (.rlproof or .tlog-proof). Never raises for a bad file or an
    unreachable chain: each becomes a failed step or `unreadable`, in words."""
    report = _verify(data, settings, with_chain)
    if expected_leaf and report.proof is not None:
        report.steps.insert(0, _expected_step(report.proof, expected_leaf))
    return report


def _verify(data: bytes, settings: PortalSettings, with_chain: bool) -> Report:
    try:
        proof = load_proof(data)
    except (LedgerError, UnicodeDecodeError) as exc:
        return Report(unreadable=str(exc))
    try:
        policy = policy_of(settings)
    except NoTrustedKey as exc:
        return Report([Step(StepName.CONFIGURATION, False, str(exc))], proof=proof)
    if not with_chain:
        return verify_proof(proof, policy)
    if not policy.contract:
        report = verify_proof(proof, policy)
        report.steps.append(
            Step(
                StepName.ON_CHAIN_CHECKPOINT,
                False,
                "the portal has no pinned contract address (RIGHTS_PORTAL_CONTRACT_ADDRESS)",
            )
        )
        return report
    try:
        with chain_reader(settings) as conn:
            return verify_proof(proof, policy, chain_checks(conn, policy))
    except ChainError as exc:
        report = verify_proof(proof, policy)
        report.steps.append(Step(StepName.CHAIN, False, f"the chain cannot be read: {exc}"))
        return report


def _expected_step(proof: ProofFile, expected_leaf: str) -> Step:
    actual = proof.claimed_leaf_hash.hex()
    if actual == expected_leaf.strip().lower():
        return Step(
            StepName.EXPECTED_ENTRY, True, f"the proof is about the entry expected (leaf hash {actual})"
        )
    return Step(
        StepName.EXPECTED_ENTRY,
        False,
        f"the proof is about another entry: its leaf hash is {actual}, expected {expected_leaf}",
    )


__all__ = ["chain_reader", "close_chains", "policy_of", "verify_bytes"]
