"""`distribution_proposal`: a distribution prepared by one person as a dry run, and the decision
of a second (approved and run, or refused) (private: the society's own)."""

from __future__ import annotations

from ledger.kinds import Kind
from registry import entity_ids
from registry.kinds.declaration import Declaration, society_only

IDS = entity_ids.DISTRIBUTION_PROPOSAL

DECLARATION = Declaration(
    kind=Kind("distribution_proposal", 1, True, "a distribution prepared, and a second person's decision"),
    ids=IDS,
    body="`registry/services/distribution/proposals.py` `prepare`, `approve`, `refuse`",
    about="Four eyes on every distribution: version 1 is the run as prepared (a dry run: the summary "
    "it would publish, its lines' Merkle root, and how it differs from the previous period), "
    "version 2 the decision of someone else with the approver role. An approval runs the "
    "distribution with the prepared pool; its lines must have the prepared root, or nothing is "
    "recorded.",
    fields={
        "period": "YYYY-MM",
        "source": "the usage source",
        "adjustment": "whether it adjusts a period already distributed",
        "pool": "the pool (minor units) it distributes",
        "status": "`prepared`, then `approved` or `refused`",
        "prepared_by": "the username who prepared it",
        "summary": "the distribution_summary body it would publish (lines_root included)",
        "previous": "the same source's previous period: its `period` and figures, or null",
        "changes": "per figure (pool, deduction, allocated, paid, carried_forward, members, lines): "
        "this one minus the previous period's",
        "decided_by": "who approved or refused it (never who prepared it)",
        "reason": "why it was refused",
        "run": "after approval: the summary entry id and run number recorded",
    },
    unchecked="The entry is the proposal: no table holds it. What an approval ran is the "
    "distribution_summary it names, which the audit checks against its run.",
    owner=society_only,
)
