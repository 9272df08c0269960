"""What must hold for a proof to verify: who signs the log, which log, and where it is anchored.
It is pinned by the verifier (settings, arguments), never read from the proof it checks."""

from __future__ import annotations

from dataclasses import dataclass

from ledger.note import Verifier


@dataclass(frozen=True, slots=True)
class VerificationPolicy:
    verifier_keys: tuple[Verifier, ...]
    origin: str | None = None  # the log's origin line; None accepts any log the keys sign
    contract: str | None = None  # the log's anchor contract
    contract_pinned: bool = True  # False: `contract` only finds proofs that carry no anchor
    chain_id: int | None = None  # the chain the log anchors to; None: the one connected to
    require_chain: bool = True  # whether the on-chain steps must run
