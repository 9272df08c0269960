"""The demo's proof files: one per entry kind, as the people entitled to them would download them,
plus a C2SP tlog-proof and one deliberately tampered file; each verified offline (leaf hash,
inclusion, checkpoint signature) and on chain (the checkpoint and the contract's verifyInclusion).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from anchor.chain import ChainConnection
from anchor.trust import verification_policy
from anchor.verify import chain_checks
from ledger import Outcome, dump_rlproof, dump_tlog_proof, load_proof, verify_proof
from ledger.descriptor import LogDescriptor
from ledger.steps import CHAIN_STEPS
from registry.services.anchoring.proofs import proof_for


@dataclass(frozen=True)
class Wanted:
    """A proof to export: `kind` `entity_id`, whole or (for someone not entitled) hash only."""

    label: str
    kind: str
    entity_id: str
    file: str
    hash_only: bool = False


@dataclass(frozen=True)
class Checked:
    label: str
    kind: str
    path: Path
    offline: bool
    on_chain: bool
    failed_step: str | None

    @property
    def valid(self) -> bool:
        return self.failed_step is None


def export_proofs(session: Session, proofs_dir: Path, wanted: Sequence[Wanted]) -> list[tuple[Wanted, Path]]:
    """Write each wanted proof (and, for the first, its tlog-proof and a tampered copy)."""
    proofs_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for n, want in enumerate(wanted):
        proof = proof_for(session, want.kind, want.entity_id, include_entry=not want.hash_only)
        path = proofs_dir / want.file
        path.write_text(dump_rlproof(proof))
        written.append((want, path))
        if n == 0:
            tlog = proofs_dir / (Path(want.file).stem + ".tlog-proof")
            tlog.write_text(dump_tlog_proof(proof))
            written.append(
                (Wanted(f"{want.label}, as C2SP tlog-proof", want.kind, want.entity_id, tlog.name), tlog)
            )
            tampered = json.loads(dump_rlproof(proof))
            body = tampered["entry"]["body"]
            body["title"] = body.get("title", "") + " (altered)"
            bad = proofs_dir / (Path(want.file).stem + ".tampered.rlproof")
            bad.write_text(json.dumps(tampered, ensure_ascii=False))
            written.append((Wanted(f"{want.label}, title altered", want.kind, want.entity_id, bad.name), bad))
    return written


def check_proofs(
    written: Sequence[tuple[Wanted, Path]],
    conn: ChainConnection,
    descriptor: LogDescriptor,
) -> list[Checked]:
    """Verify every written proof file as a third party would: from the file, the log's published
    descriptor (key, origin, contract) and the chain."""
    policy = verification_policy(descriptor=descriptor)
    checks = chain_checks(conn, policy)
    out = []
    for want, path in written:
        report = verify_proof(load_proof(path.read_text()), policy, checks)
        failed = report.failed
        offline = [step for step in report.steps if step.name not in CHAIN_STEPS]
        on_chain = [step for step in report.steps if step.name in CHAIN_STEPS]
        out.append(
            Checked(
                label=want.label,
                kind=want.kind,
                path=path,
                offline=not any(s.outcome is Outcome.FAILED for s in offline),
                on_chain=bool(on_chain)
                and all(
                    s.ok if s.name in report.required else s.outcome is not Outcome.FAILED for s in on_chain
                ),
                failed_step=None if report.ok else (failed.name if failed else "?"),
            )
        )
    return out
