"""What must hold for a proof to be proven: who signs the log, which log, where it is anchored,
and whether the on-chain steps must run. It is pinned by the verifier (a log descriptor, settings,
arguments), never read from the proof it checks."""

from __future__ import annotations

from dataclasses import dataclass

from ledger.note import Verifier
from ledger.steps import StepName

# Offline, a proof is proven by its inclusion under a checkpoint the log signed; the leaf hash may
# be "not checked" (a fingerprint-only proof withholds the entry) but never failed.
_ALWAYS = frozenset({StepName.INCLUSION, StepName.NOTE_SIGNATURE})
_ON_CHAIN = frozenset({StepName.ON_CHAIN_CHECKPOINT, StepName.CONTRACT_INCLUSION})


@dataclass(frozen=True, slots=True)
class VerificationPolicy:
    verifier_keys: tuple[Verifier, ...] = ()  # none: no trusted log identity, nothing is proven
    origin: str | None = None  # the log's origin line; None accepts any log the keys sign
    contracts: tuple[str, ...] = ()  # the log's anchor contracts, oldest first; none: chain unchecked
    chain_id: int | None = None  # the chain the log anchors to; None: any chain serving `contracts`
    require_chain: bool = True  # False only when the user turned the on-chain steps off

    @property
    def required(self) -> frozenset[StepName]:
        return _ALWAYS | _ON_CHAIN if self.require_chain else _ALWAYS

    def pins_contract(self, address: str) -> bool:
        return address.lower() in {contract.lower() for contract in self.contracts}
