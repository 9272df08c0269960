"""The portal's own verification of a proof: ledger/ for the leaf hash, inclusion and checkpoint
signature, anchor/ for the checkpoint read straight from the chain and the contract's
verifyInclusion. It trusts only the pinned settings (key, origin, contract, chain), never the API.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from anchor.chain import EMBEDDED, ChainConnection, connect
from anchor.embedded import DB_FILE
from anchor.errors import ChainError
from anchor.verify import STEP_CHECKPOINT, STEP_CONTRACT, chain_checks
from ledger import LedgerError, ProofFile, Report, Step, load_proof, verify_proof
from ledger.note import Verifier
from portal.settings import PortalSettings

STEP_EXPECTED = "expected entry"
STEP_CHAIN = "chain"
STEP_CONFIG = "configuration"


@dataclass
class Verdict:
    """What the page shows: the steps (each ok or not, with its detail), or why the file could not
    even be read; the proof, for its entry and anchor; and the seconds it took."""

    steps: list[Step] = field(default_factory=list)
    unreadable: str | None = None
    proof: ProofFile | None = None
    chain_id: int | None = None
    seconds: float = 0.0
    reported: bool = False  # the time to verdict is printed once, not on every rerun

    @property
    def ok(self) -> bool:
        return self.unreadable is None and bool(self.steps) and all(s.ok for s in self.steps)

    @property
    def failed(self) -> Step | None:
        return next((s for s in self.steps if not s.ok), None)

    def to_dict(self) -> dict[str, Any]:
        return {
            "valid": self.ok,
            "unreadable": self.unreadable,
            "steps": [{"step": s.name, "ok": s.ok, "detail": s.detail} for s in self.steps],
            "seconds": round(self.seconds, 3),
        }


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


def verify_bytes(
    data: bytes, settings: PortalSettings, *, expected_leaf: str | None = None, with_chain: bool = True
) -> Verdict:
    """Read and check a proof file (.rlproof or .tlog-proof). Never raises for a bad file or an
    unreachable chain: each becomes a failed step or `unreadable`, in words."""
    started = time.perf_counter()
    verdict = Verdict()
    try:
        verdict.proof = load_proof(data)
    except (LedgerError, UnicodeDecodeError) as exc:
        verdict.unreadable = str(exc)
        verdict.seconds = time.perf_counter() - started
        return verdict
    vkey = settings.verifier_key()
    if not vkey:
        verdict.steps.append(
            Step(STEP_CONFIG, False, "the portal has no verifier key of the log (RIGHTS_PORTAL_LOG_VKEY)")
        )
    else:
        try:
            keys = [Verifier.from_vkey(vkey)]
        except LedgerError as exc:
            keys = []
            verdict.steps.append(Step(STEP_CONFIG, False, f"the pinned verifier key is not valid: {exc}"))
        if keys:
            verdict.steps.extend(_check(verdict, verdict.proof, keys, settings, with_chain).steps)
    if expected_leaf:
        verdict.steps.insert(0, _expected_step(verdict.proof, expected_leaf))
    verdict.seconds = time.perf_counter() - started
    return verdict


def _check(
    verdict: Verdict, proof: ProofFile, keys: list[Verifier], settings: PortalSettings, with_chain: bool
) -> Report:
    origin = settings.log_origin
    if not with_chain:
        return verify_proof(proof, keys, origin=origin)
    if not settings.contract_address:
        report = verify_proof(proof, keys, origin=origin)
        report.steps.append(
            Step(
                STEP_CHECKPOINT,
                False,
                "the portal has no pinned contract address (RIGHTS_PORTAL_CONTRACT_ADDRESS)",
            )
        )
        return report
    try:
        with chain_reader(settings) as conn:
            verdict.chain_id = conn.chain_id
            checks = chain_checks(conn, settings.contract_address, pinned=True)
            return verify_proof(proof, keys, origin=origin, extra_checks=checks)
    except ChainError as exc:
        report = verify_proof(proof, keys, origin=origin)
        report.steps.append(Step(STEP_CHAIN, False, f"the chain cannot be read: {exc}"))
        return report


def _expected_step(proof: ProofFile, expected_leaf: str) -> Step:
    actual = proof.claimed_leaf_hash.hex()
    if actual == expected_leaf.strip().lower():
        return Step(STEP_EXPECTED, True, f"the proof is about the entry expected (leaf hash {actual})")
    return Step(
        STEP_EXPECTED,
        False,
        f"the proof is about another entry: its leaf hash is {actual}, expected {expected_leaf}",
    )


__all__ = [
    "STEP_CHAIN",
    "STEP_CHECKPOINT",
    "STEP_CONFIG",
    "STEP_CONTRACT",
    "STEP_EXPECTED",
    "Verdict",
    "chain_reader",
    "close_chains",
    "verify_bytes",
]
