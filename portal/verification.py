"""The portal's own verification of a proof: ledger/ for the leaf hash, inclusion and checkpoint
signature, anchor/ for the checkpoint read straight from the chain and the contract's
verifyInclusion and the anchor transaction. It trusts only what it pinned (the log descriptor of
its data directory, its settings: key, origin, contract), never the API nor the proof's own claims.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from anchor.chain import EMBEDDED, ChainConnection, connect
from anchor.embedded import DB_FILE
from anchor.errors import ChainError
from anchor.trust import verification_policy
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
from ledger.descriptor import DESCRIPTOR_FILE, read_descriptor
from portal.browser_verifier import PinnedIdentity
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


def policy_of(settings: PortalSettings, *, with_chain: bool = True) -> VerificationPolicy:
    """What the portal pinned: the log descriptor of its data directory, narrowed by its settings,
    or its settings alone (key, origin, contract). TrustError when they do not parse or disagree."""
    path = settings.data_dir / DESCRIPTOR_FILE
    vkey = settings.verifier_key()
    return verification_policy(
        descriptor=read_descriptor(path.read_bytes()) if path.is_file() else None,
        vkeys=[vkey] if vkey else [],
        origin=settings.log_origin,
        contracts=[settings.contract_address] if settings.contract_address else [],
        require_chain=with_chain,
    )


def browser_identity(settings: PortalSettings) -> PinnedIdentity | None:
    """What the reader's browser verifies against: the same pinned policy, and the chain's public
    JSON-RPC URL. None for the embedded development chain (no browser reaches it)."""
    rpc_url = settings.public_rpc_url()
    if rpc_url is None:
        return None
    policy = policy_of(settings)
    return PinnedIdentity(
        verifier_keys=tuple(verifier.vkey for verifier in policy.verifier_keys),
        origin=policy.origin,
        contracts=policy.contracts,
        chain_id=policy.chain_id,
        rpc_url=rpc_url,
    )


def verify_bytes(
    data: bytes, settings: PortalSettings, *, expected_leaf: str | None = None, with_chain: bool = True
) -> Report:
    """Read and check a proof file (.rlproof or .tlog-proof). Never raises for a bad file or an
    unreachable chain: each becomes a failed or unchecked step, or `unreadable`, in words."""
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
        policy = policy_of(settings, with_chain=with_chain)
    except LedgerError as exc:  # a pinned value that does not parse: the portal is misconfigured
        return Report([Step.failed(StepName.CONFIGURATION, str(exc))], proof=proof)
    if not with_chain:
        return verify_proof(proof, policy)
    if not policy.contracts:
        why = "the portal has no pinned contract (RIGHTS_PORTAL_CONTRACT_ADDRESS)"
        return verify_proof(proof, policy, no_chain=why)
    try:
        with chain_reader(settings) as conn:
            return verify_proof(proof, policy, chain_checks(conn, policy))
    except ChainError as exc:
        report = verify_proof(proof, policy, no_chain="the chain cannot be read")
        report.steps.append(Step.failed(StepName.CHAIN, f"the chain cannot be read: {exc}"))
        return report


def _expected_step(proof: ProofFile, expected_leaf: str) -> Step:
    actual = proof.claimed_leaf_hash.hex()
    if actual == expected_leaf.strip().lower():
        return Step.passed(
            StepName.EXPECTED_ENTRY, f"the proof is about the entry expected (leaf hash {actual})"
        )
    return Step.failed(
        StepName.EXPECTED_ENTRY,
        f"the proof is about another entry: its leaf hash is {actual}, expected {expected_leaf}",
    )


__all__ = ["browser_identity", "chain_reader", "close_chains", "policy_of", "verify_bytes"]
