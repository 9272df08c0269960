"""What a verification reports: each step by its name, whether it passed, and why, in words."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from ledger.checkpoint import Checkpoint
from ledger.proof import ProofFile


class StepName(StrEnum):
    """Every step a verifier may report; the values are the names printed and translated."""

    EXPECTED_ENTRY = "expected entry"
    LEAF_HASH = "leaf hash"
    CHECKPOINT = "checkpoint"
    INCLUSION = "inclusion"
    NOTE_SIGNATURE = "note signature"
    CHAIN = "chain"
    ON_CHAIN_CHECKPOINT = "on-chain checkpoint"
    CONTRACT_INCLUSION = "contract verifyInclusion"
    CONFIGURATION = "configuration"


@dataclass(frozen=True, slots=True)
class Step:
    name: StepName
    ok: bool
    detail: str


@dataclass
class Report:
    """The steps in the order they ran, or why the file could not even be read; and the proof
    that was checked, for what it shows (its entry, its anchor)."""

    steps: list[Step] = field(default_factory=list)
    proof: ProofFile | None = None
    unreadable: str | None = None

    @property
    def ok(self) -> bool:
        return self.unreadable is None and bool(self.steps) and all(step.ok for step in self.steps)

    @property
    def failed(self) -> Step | None:
        return next((step for step in self.steps if not step.ok), None)

    def step(self, name: StepName) -> Step | None:
        return next((step for step in self.steps if step.name is name), None)

    def to_dict(self) -> dict[str, Any]:
        doc: dict[str, Any] = {
            "valid": self.ok,
            "steps": [{"step": s.name.value, "ok": s.ok, "detail": s.detail} for s in self.steps],
        }
        if self.unreadable is not None:
            doc["unreadable"] = self.unreadable
        return doc


@dataclass(frozen=True, slots=True)
class Check:
    """A step that a verifier adds from outside ledger/ (the on-chain ones): its name, so that a
    crash of `run` is reported under it, and `run` itself."""

    name: StepName
    run: Callable[[ProofFile, Checkpoint], Step]
