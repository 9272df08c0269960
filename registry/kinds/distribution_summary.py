"""`distribution_summary`: the totals of one distribution run (public)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import polars as pl

from ledger.kinds import Kind
from registry import entity_ids
from registry.kinds.declaration import Declaration
from registry.royalty.allocate import Allocation

IDS = entity_ids.DISTRIBUTION_SUMMARY
LINES_ORDER = "member id, recordings before works, recording or work id, right type"


def summary_body(
    allocation: Allocation,
    usage_reports: list[Mapping[str, Any]],
    sequence: int,
    kind: str,
    root: str,
    cumulative: Allocation | None,
) -> dict[str, Any]:
    lines = allocation.lines
    body: dict[str, Any] = {
        "period": allocation.period,
        "source": allocation.source,
        "run": sequence,
        "kind": kind,
        "currency": allocation.rules.currency,
        **allocation.figures(),
        "recordings": lines.filter(pl.col("subject") == "recording")["subject_id"].n_unique(),
        "works": lines.filter(pl.col("subject") == "work")["subject_id"].n_unique(),
        "usage": {**allocation.usage, "basis": allocation.basis},
        "usage_reports": usage_reports,
        "rules": allocation.rules.to_body(),
        "lines_root": root,
        "lines_order": LINES_ORDER,
    }
    if cumulative is not None:  # an adjustment: also the period's corrected whole
        body["corrected"] = {
            k: v
            for k, v in cumulative.figures().items()
            if k in ("pool", "deduction", "reserve", "allocated")
        }
    return body


DECLARATION = Declaration(
    kind=Kind("distribution_summary", 1, False, "the totals of one distribution run"),
    ids=IDS,
    body=summary_body,
    about="The totals of a run. See [royalty.md](royalty.md).",
    fields={
        "period": "the usage period, YYYY-MM",
        "source": "the usage source (karaoke, streaming...)",
        "run": "0, then 1, 2... for adjustments",
        "kind": "regular | adjustment",
        "currency": "the currency code",
        "pool": "the money distributed, in minor units (as are all amounts)",
        "deduction": "the administration deduction",
        "reserve": "`unidentified`, `unclaimed`, `disputed`",
        "allocated": "what was allocated to members",
        "brought_forward": "the members' balances brought forward",
        "paid": "what is paid out",
        "carried_forward": "what is carried forward (below the minimum payout)",
        "lines": "the number of payout lines",
        "members": "the number of members paid",
        "recordings": "the number of recordings paid on",
        "works": "the number of works paid on",
        "usage": "`lines`, `weight`, `identified_lines`, `identified_weight`, `other_period_lines`, `basis`",
        "usage_reports": "each `sha256`, `name`, `lines`",
        "rules": "the source's rules the run applied (with its AI policy: `ai_generated`, `ai_assisted`)",
        "lines_root": "the Merkle root over the payout lines (registry/royalty/lines.py)",
        "lines_order": "the order of the lines under the root",
        "corrected": "an adjustment only: the period's corrected `pool`, `deduction`, `reserve`, `allocated`",
    },
    unchecked="The audit checks each run as a whole (registry/audit/checks/distribution.py): "
    "conservation to the fen, the lines' root, and that its entries state its figures.",
)
