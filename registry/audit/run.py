"""The audit (`rightsledger audit`): everything the ledger promises, checked from the stored data
and the chain, with every discrepancy named.

1. Entries: each stored entry's canonical bytes give its leaf hash, agree with its columns, and
   chain to the previous version (prev = leaf hash of version n-1). registry.audit.entries
2. The log: leaves are the entries' leaf hashes, the cached subtrees are what the leaves give,
   and the roots at every checkpoint size are rebuilt. registry.audit.log
3. Checkpoints: signed by the log key, stating the origin, size and root, hashing to the note
   hash, rooted in the rebuilt log; one signed by a run stopped before anchoring it is noted,
   not a fault. registry.audit.checkpoints
4. Anchor attempts: each signed transaction is the one its row describes. registry.audit.attempts
5. The chain (when given): every on-chain checkpoint is one of ours, consecutive ones are
   consistent by the contract's verifyConsistency, every anchor record is on chain. registry.audit.chain
6. Business rows: the LATEST version of each thing states its rows as they are now (older
   versions are history, checked by 1), and rows with no entry are named. registry.audit.rows
7. Whole-run checks, e.g. each distribution's conservation (registry.kinds.checks.RunCheck).
8. Stored files (when the data directory is given): each against its recorded SHA-256.
   registry.audit.files
9. Sealed details (when the data key is given): each opens (AES-GCM tag). registry.audit.sealed

The audit only reads, inside the caller's session. It never stops on what it reads: a step that
fails on a damaged row or file is a finding naming the step and the error (registry.audit.steps),
and the other steps still run.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from ledger.note import Verifier
from registry.audit.attempts import check_attempts
from registry.audit.chain import ChainView, check_chain
from registry.audit.checkpoints import (
    StoredCheckpoint,
    check_checkpoints,
    note_unanchored,
    stored_checkpoints,
)
from registry.audit.checks import CHECKS
from registry.audit.derived import check_external_roles, check_match_keys, check_title_keys
from registry.audit.entries import Key, Latest, check_entries
from registry.audit.files import check_files
from registry.audit.findings import AuditReport, Finding
from registry.audit.log import rebuild_log
from registry.audit.rows import check_rows, check_runs
from registry.audit.sealed import check_sealed
from registry.audit.steps import guarded
from registry.audit.stored_times import check_time_text
from registry.crypto import FieldCipher
from registry.kinds.checks import Checks
from registry.models import AnchorRecord

__all__ = ["AuditReport", "ChainView", "Finding", "audit"]


def audit(
    session: Session,
    *,
    verifier: Verifier | None,
    origin: str | None = None,
    chain: ChainView | None = None,
    checks: Checks = CHECKS,
    data_dir: Path | None = None,
    cipher: FieldCipher | None = None,
) -> AuditReport:
    """Audit the database (and the chain, when `chain` is given). `verifier` is the log's public
    key: without it the checkpoints' signatures cannot be checked, which is a finding. `checks`:
    the business areas' checks (registry.audit.checks.CHECKS, all of them). `data_dir`: where
    the stored files live, `cipher` the data key sealing private details (None: they are not
    checked, which is a note)."""
    report = AuditReport()
    latest: dict[Key, Latest] = guarded(report, "entries", {}, check_entries, session, report, checks)
    checkpoints: list[StoredCheckpoint] = guarded(report, "checkpoint", [], stored_checkpoints, session)
    sizes = {cp.tree_size for cp in checkpoints}
    anchored: list[int] = guarded(report, "anchor_record", [], _anchored_sizes, session)
    sizes |= set(anchored)
    if chain is not None:
        on_chain: list[int] = guarded(report, "chain", [], _chain_sizes, chain)
        sizes |= set(on_chain)
    no_roots: dict[int, bytes] = {}
    log_size, roots = guarded(report, "log_leaf", (0, no_roots), rebuild_log, session, report, sizes)
    pending = report.counts.get("entries", 0) - report.counts.get("leaves", 0)
    if pending > 0:
        report.notes.append(
            f"{pending} recorded entries are not in the log yet: `rightsledger anchor` appends them"
        )
    if verifier is None:
        report.add("checkpoint", "no verifier key for the log: the checkpoints' signatures were not checked")
    guarded(
        report, "checkpoint", None, check_checkpoints, report, checkpoints, roots, log_size, verifier, origin
    )
    guarded(report, "checkpoint", None, note_unanchored, report, checkpoints, set(anchored))
    guarded(report, "anchor_attempt", None, check_attempts, session, report)
    if chain is not None:
        guarded(report, "chain", None, check_chain, session, report, chain, checkpoints, roots)
    else:
        report.notes.append("the chain was not checked (offline audit)")
    guarded(report, "rows", None, check_rows, session, report, latest, checks.body)
    guarded(report, "run", None, check_runs, session, report, checks.run)
    guarded(report, "derived", None, check_title_keys, session, report)
    guarded(report, "derived", None, check_match_keys, session, report)
    guarded(report, "derived", None, check_external_roles, session, report)
    guarded(report, "columns", None, check_time_text, session, report)
    if data_dir is not None:
        guarded(report, "files", None, check_files, session, report, data_dir)
    else:
        report.notes.append("the stored files were not checked (no data directory given)")
    if cipher is not None:
        guarded(report, "sealed", None, check_sealed, session, report, cipher)
    else:
        report.notes.append("the sealed details were not checked (no data key given)")
    return report


def _anchored_sizes(session: Session) -> list[int]:
    return list(session.scalars(select(AnchorRecord.tree_size)))


def _chain_sizes(chain: ChainView) -> list[int]:
    return [chain.checkpoint(i).tree_size for i in range(chain.count())]
