"""Read-side of distributions for the API: the public summaries (one per run), a member's
statements by period, and an admin's run of a period's distribution from what the registry holds
(matched usage, its reports, and the period's collections as the pool)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import func, select, union
from sqlalchemy.orm import Session

from registry.models import AnchorRecord, DistributionRun, LogLeaf, carry_table, entry_table, line_table
from registry.paging import Page, page_of
from registry.royalty.rules import rules_for
from registry.services.distribution.runs import DistributionResult, distribute, run_state, statements
from registry.services.distribution.statement_figures import statement_figures
from registry.services.licensing.collections import collected
from registry.usage.matched import matched_usage, usage_reports_for


def summaries(
    session: Session, limit: int, offset: int, period: str | None = None, source: str | None = None
) -> Page[tuple[DistributionRun, str]]:
    """Distribution runs, newest period first, each with its state (recorded, in log, anchored)."""
    stmt = select(DistributionRun)
    if period:
        stmt = stmt.where(DistributionRun.period == period)
    if source:
        stmt = stmt.where(DistributionRun.source == source)
    stmt = stmt.order_by(DistributionRun.period.desc(), DistributionRun.source, DistributionRun.sequence)
    runs, total = page_of(session, stmt, limit, offset)
    return Page([(run, run_state(session, run)) for run in runs], total)


def statement_index(
    session: Session, party_id: int, limit: int, offset: int, period: str | None = None
) -> Page[dict[str, Any]]:
    """A member's statements (one per run they have lines or a balance in), newest period first,
    without their lines."""
    # The member's statement entries name the runs' summaries (DIST-period-source/M-id): a run's
    # lines are kept in its lines file, so the ledger (and carried balances) say where they are.
    suffix = f"/M-{party_id}"
    stated = {
        entry_id.removesuffix(suffix)
        for entry_id in session.scalars(
            select(entry_table.c.entry_id)
            .where(entry_table.c.kind == "distribution_line", entry_table.c.entry_id.like(f"%{suffix}"))
            .distinct()
        )
        if entry_id.endswith(suffix)
    }
    runs = union(
        select(DistributionRun.id).where(DistributionRun.summary_entry_id.in_(sorted(stated))),
        select(line_table.c.run_id).where(line_table.c.party_id == party_id),
        select(carry_table.c.run_id).where(carry_table.c.party_id == party_id),
    ).subquery()
    stmt = select(DistributionRun).where(DistributionRun.id.in_(select(runs.c[0])))
    if period:
        stmt = stmt.where(DistributionRun.period == period)
    stmt = stmt.order_by(DistributionRun.period.desc(), DistributionRun.source, DistributionRun.sequence)
    page, total = page_of(session, stmt, limit, offset)
    items = []
    for run in page:
        for found in member_statements(session, party_id, run.period, run.source, named=False):
            if found["run"] == run.sequence:
                items.append(found | {"lines": len(found["lines"])})
    return Page(items, total)


def member_statements(
    session: Session, party_id: int, period: str, source: str | None = None, *, named: bool = True
) -> list[dict[str, Any]]:
    """statements() with each statement's entry version (its proof): a member first paid in an
    adjustment has version 1 for run 1, so the version is read from the ledger, not guessed; and
    each statement's figures (gross, deduction, net, payment date: statement_figures)."""
    found = statements(session, party_id, period, source, named=named)
    runs = {
        (r.source, r.sequence): r
        for r in session.scalars(select(DistributionRun).where(DistributionRun.period == period))
    }
    for statement in found:
        version, leaf_hash = _statement_versions(session, statement["entry_id"]).get(
            statement["run"], (None, None)
        )
        statement["version"], statement["leaf_hash"] = version, leaf_hash
        run = runs[(statement["source"], statement["run"])]
        statement |= statement_figures(
            earned=statement["earned"],
            brought_forward=statement["brought_forward"],
            carried_forward=statement["carried_forward"],
            admin_rate=_admin_rate(run),
            run_figures=run.summary,
            final_on=_final_on(session, run),
        )
    return [s for s in found if s["version"] is not None]


def _admin_rate(run: DistributionRun) -> int:
    """The rate the run applied (its summary states its rules), else the source's rules today."""
    rules = run.summary.get("rules") if isinstance(run.summary, dict) else None
    if isinstance(rules, dict) and isinstance(rules.get("admin_rate"), int):
        return int(rules["admin_rate"])
    return rules_for(run.source).admin_rate


def _final_on(session: Session, run: DistributionRun) -> date | None:
    """The day the run's summary entry was first in an anchored checkpoint (the run final)."""
    leaf = session.execute(
        select(LogLeaf.leaf_index)
        .join(entry_table, entry_table.c.seq == LogLeaf.entry_seq)
        .where(
            entry_table.c.kind == "distribution_summary",
            entry_table.c.entry_id == run.summary_entry_id,
            entry_table.c.version == run.sequence + 1,
        )
    ).scalar_one_or_none()
    if leaf is None:
        return None
    anchored = session.execute(
        select(func.min(AnchorRecord.anchored_at)).where(AnchorRecord.tree_size > leaf)
    ).scalar_one_or_none()
    return anchored.date() if anchored is not None else None


def _statement_versions(session: Session, entry_id: str) -> dict[int, tuple[int, str]]:
    """run -> (version, leaf hash hex) of a member's statement entry."""
    rows = session.execute(
        select(entry_table.c.canonical, entry_table.c.leaf_hash).where(
            entry_table.c.kind == "distribution_line", entry_table.c.entry_id == entry_id
        )
    ).all()
    versions = {}
    for canonical, leaf_hash in rows:
        entry = json.loads(bytes(canonical))
        versions[int(entry["body"]["run"])] = (int(entry["version"]), bytes(leaf_hash).hex())
    return versions


def run_distribution(
    session: Session,
    data_dir: Path,
    period: str,
    source: str,
    *,
    pool: int | None = None,
    adjustment: bool = False,
    dry_run: bool = False,
) -> DistributionResult:
    """Distribute a period for a source from the registry's own inputs; the pool defaults to the
    period's collections for the source. `dry_run`: what it would record, nothing written."""
    return distribute(
        session,
        period=period,
        source=source,
        usage=matched_usage(session, data_dir, period, source),
        pool=collected(session, period, source) if pool is None else pool,
        reports=usage_reports_for(session, period, source),
        adjustment=adjustment,
        dry_run=dry_run,
    )
