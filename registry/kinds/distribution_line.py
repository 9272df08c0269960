"""`distribution_line`: one member's statement of one distribution run (private)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy.orm import Session

from ledger.kinds import Kind
from registry import entity_ids
from registry.kinds.declaration import Declaration
from registry.royalty.allocate import Allocation

IDS = entity_ids.DISTRIBUTION_LINE
STATEMENT_COLUMNS = ["id", "right_type", "weight", "share", "amount"]


def statement_body(
    allocation: Allocation, sequence: int, kind: str, member: Mapping[str, Any], lines: list[list[Any]]
) -> dict[str, Any]:
    """A member's statement: `member` is the member's row of allocation.members, `lines` its
    payout lines as rows in STATEMENT_COLUMNS order."""
    period, source = allocation.period, allocation.source
    return {
        "period": period,
        "source": source,
        "run": sequence,
        "kind": kind,
        "member": entity_ids.MEMBER.make(member["party_id"]),
        "currency": allocation.rules.currency,
        "columns": STATEMENT_COLUMNS,
        "lines": lines,
        "earned": member["earned"],
        "brought_forward": member["brought_forward"],
        "payable": member["payable"],
        "carried_forward": member["carried_forward"],
        "summary": entity_ids.DISTRIBUTION_SUMMARY.make(period, source),
    }


def owner(_session: Session, entity_id: str) -> tuple[str | None, int | None]:
    """A statement is DIST-<period>-<source>/M-<n>: it belongs to the member after the slash."""
    _, _, member = entity_id.rpartition("/")
    return (member or None), None


DECLARATION = Declaration(
    kind=Kind("distribution_line", 1, True, "one payout line of a distribution to a member"),
    ids=IDS,
    body=statement_body,
    about="One member's statement of one distribution run.",
    fields={
        "period": "the usage period, YYYY-MM",
        "source": "the usage source",
        "run": "0, then 1, 2... for adjustments",
        "kind": "regular | adjustment",
        "member": "the member (`M-n`)",
        "currency": "the currency code",
        "columns": "`id`, `right_type`, `weight`, `share`, `amount`: the order of each line's values",
        "lines": "rows in that column order; `id` is `R-n` or `W-n`",
        "earned": "the sum of the lines' amounts",
        "brought_forward": "the balance brought forward from earlier periods",
        "payable": "what is paid now",
        "carried_forward": "what is carried forward (below the minimum payout)",
        "summary": "the run's summary (`DIST-<period>-<source>`)",
    },
    owner=owner,
    unchecked="The audit checks each run as a whole (registry/audit/checks/distribution.py): "
    "each member's statement must state what the run's lines give that member.",
)
