"""Demo: one distribution run over the demo's usage, and the figures the demo prints."""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

import polars as pl
from sqlalchemy.orm import Session

from payloads.cells import safe_cell
from registry.private_files import open_private, private_folder
from registry.royalty.rules import DEFAULT_RULES, SourceRules
from registry.services.distribution.period import distribute_period
from registry.services.distribution.runs import UsageReport, check_conservation, statements

# The demo society's published rules: its defaults, and AI-assisted works paid their declared
# human authors' share (the rest shared among the other works); AI-generated ones still paid.
DEMO_RULES: dict[str, SourceRules] = {
    source: replace(rules, ai_assisted="human_share") for source, rules in DEFAULT_RULES.items()
}


def seed_distribution(
    session: Session,
    data_dir: Path,
    *,
    period: str,
    source: str,
    usage: pl.LazyFrame | None = None,
    pool: int | None = None,
    reports: Iterable[UsageReport | tuple[str, str, int]] | None = None,
    rules: Mapping[str, SourceRules] | None = None,
) -> dict[str, Any]:
    """Distribute the period for `source`: by default the pool collected for it (licensing's
    payments) over the usage imported for it (seed_usage), paying accepted claims of earlier
    periods as their adjustments; `usage` with `reports`, and `pool` (fen), override those. Write
    one member's statement as CSV under `data_dir`; return what the demo shows (summary, a
    statement, the audit, the claims adjustments)."""
    done = distribute_period(
        session,
        data_dir,
        period=period,
        source=source,
        usage=usage,
        pool=pool,
        reports=None if reports is None else list(reports),
        rules=rules,
    )
    result = done.result
    findings = check_conservation(session, result.run_id) if result.run_id is not None else []
    for adjusted in done.adjustments:
        if adjusted.run_id is not None:
            findings += check_conservation(session, adjusted.run_id)
    shown: dict[str, Any] = {
        "status": result.status,
        "summary_id": result.summary_id,
        "summary": result.summary,
        "conservation_findings": findings,
        "claims_adjustments": [a.to_dict() for a in done.adjustments],
        "messages": done.messages,
        "statement": None,
        "statement_csv": None,
    }
    if result.members.height:
        top = result.members.sort(["earned", "party_id"], descending=[True, False]).row(0, named=True)
        found = statements(session, int(top["party_id"]), period, source)
        shown["statement"] = found[-1] if found else None
        if found:
            path = data_dir / f"statement-{period}-{source}-M-{top['party_id']}.csv"
            private_folder(path.parent)
            rows = [
                {"run": s["run"], **{k: safe_cell(v) for k, v in line.items() if k != "subject"}}
                for s in found
                for line in s["lines"]
            ]
            with os.fdopen(open_private(path), "wb") as out:
                pl.DataFrame(rows).write_csv(out)
            shown["statement_csv"] = str(path)
    return shown
