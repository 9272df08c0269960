"""What a verification reports: each step by its name, its outcome (passed, failed, or not checked,
with why) and a detail in words; and the verdict, which is "proven" only when every step the
policy requires passed."""

from __future__ import annotations

from collections.abc import Callable, Collection
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
    ANCHOR_TRANSACTION = "anchor transaction"
    CONFIGURATION = "configuration"


CHAIN_STEPS = (StepName.ON_CHAIN_CHECKPOINT, StepName.CONTRACT_INCLUSION, StepName.ANCHOR_TRANSACTION)


class Outcome(StrEnum):
    PASSED = "passed"
    FAILED = "failed"
    NOT_CHECKED = "not checked"


class Verdict(StrEnum):
    PROVEN = "proven"
    FAILED = "failed"  # a step failed: the proof is wrong, or names what the policy does not trust
    NOT_PROVEN = "not proven"  # nothing failed, but a required step was not checked


@dataclass(frozen=True, slots=True)
class Step:
    name: StepName
    outcome: Outcome
    detail: str  # for a step not checked: why

    @property
    def ok(self) -> bool:
        return self.outcome is Outcome.PASSED

    @classmethod
    def passed(cls, name: StepName, detail: str) -> Step:
        return cls(name, Outcome.PASSED, detail)

    @classmethod
    def failed(cls, name: StepName, detail: str) -> Step:
        return cls(name, Outcome.FAILED, detail)

    @classmethod
    def not_checked(cls, name: StepName, why: str) -> Step:
        return cls(name, Outcome.NOT_CHECKED, why)


@dataclass
class Report:
    """The steps in the order they ran, or why the file could not even be read; the steps the
    policy required; and the proof that was checked, for what it shows (its entry, its anchor)."""

    steps: list[Step] = field(default_factory=list)
    required: Collection[StepName] = ()
    proof: ProofFile | None = None
    unreadable: str | None = None

    @property
    def verdict(self) -> Verdict:
        if self.unreadable is not None or self.failed is not None:
            return Verdict.FAILED
        passed = {step.name for step in self.steps if step.ok}
        if not self.steps or not set(self.required) <= passed:
            return Verdict.NOT_PROVEN
        return Verdict.PROVEN

    @property
    def ok(self) -> bool:
        """Proven: every required step passed and none failed."""
        return self.verdict is Verdict.PROVEN

    @property
    def failed(self) -> Step | None:
        return next((step for step in self.steps if step.outcome is Outcome.FAILED), None)

    @property
    def unchecked(self) -> Step | None:
        """The first required step that did not pass (why the verdict is not proven)."""
        return next((s for s in self.steps if s.name in self.required and not s.ok), None)

    def step(self, name: StepName) -> Step | None:
        return next((step for step in self.steps if step.name is name), None)

    def to_dict(self) -> dict[str, Any]:
        doc: dict[str, Any] = {
            "verdict": self.verdict.value,
            "valid": self.ok,
            "steps": [
                {"step": s.name.value, "outcome": s.outcome.value, "ok": s.ok, "detail": s.detail}
                for s in self.steps
            ],
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
