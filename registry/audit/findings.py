"""What an audit reports: findings (each a discrepancy, naming what differs and where) and notes
(facts an auditor should know that are not faults, e.g. entries not yet in the log)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

_SHOWN = 120  # characters of a value quoted in a message


@dataclass(frozen=True, slots=True)
class Finding:
    """One discrepancy. `check` names the audit step (leaf_hash, prev_chain, node_cache, rows...);
    kind/entry_id/version name the entry when there is one; `where` names the row or checkpoint."""

    check: str
    detail: str
    kind: str | None = None
    entry_id: str | None = None
    version: int | None = None
    where: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def line(self) -> str:
        subject = " ".join(
            part
            for part in (
                self.kind,
                self.entry_id,
                f"v{self.version}" if self.version is not None else None,
                f"({self.where})" if self.where else None,
            )
            if part
        )
        return f"[{self.check}] {subject + ': ' if subject else ''}{self.detail}"


@dataclass
class AuditReport:
    findings: list[Finding] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def clean(self) -> bool:
        return not self.findings

    def add(self, check: str, detail: str, **subject: Any) -> None:
        self.findings.append(Finding(check, detail, **subject))

    def count(self, what: str, n: int = 1) -> None:
        self.counts[what] = self.counts.get(what, 0) + n

    def to_dict(self) -> dict[str, Any]:
        return {
            "clean": self.clean,
            "findings": [f.to_dict() for f in self.findings],
            "notes": list(self.notes),
            "counts": dict(self.counts),
        }


def shown(value: Any) -> str:
    """A value quoted in a finding, cut to a readable length."""
    text = repr(value)
    return text if len(text) <= _SHOWN else text[: _SHOWN - 1] + "…"
