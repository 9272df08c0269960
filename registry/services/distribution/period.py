"""A period's distribution from the registry's own records: the matched usage of the period's
usage reports (registry.usage.matched), and the pool collected for the source
(registry.services.licensing.collections). `registry.services.distribution.runs.distribute` does the rest.

Claims: usage nobody was identified for stays in its period's `unidentified` reserve. When a
claim is accepted as payable in a later period P, distributing P also recomputes each earlier
period Q whose claims are payable in P, with Q's usage as known today (its claimed lines
attributed to the claimed recording or work) and the pool Q already distributed, and records the
difference as an ADJUSTMENT of Q (run 1, 2...): the claimed lines, paid out of Q's reserve,
whose statements are the next versions of Q's statement entries. Q's own run is never rewritten.
The recomputation uses today's repertoire, so a share changed since Q was distributed is
corrected in the same adjustment.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import polars as pl
from sqlalchemy.orm import Session

from registry.log_store import lock_log
from registry.royalty.rules import SourceRules
from registry.services.distribution.runs import (
    DistributionResult,
    Progress,
    UsageReport,
    _check_names,
    _runs,
    distribute,
)
from registry.services.licensing.collections import collected
from registry.usage.matched import claimed_periods, claimed_usage, matched_usage, usage_reports_for


@dataclass
class PeriodDistribution:
    """The period's run, and the adjustments of earlier periods its claims made."""

    result: DistributionResult
    adjustments: list[DistributionResult] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        body = self.result.to_dict()
        body["messages"] = [*body["messages"], *self.messages]
        body["claims_adjustments"] = [a.to_dict() for a in self.adjustments]
        return body


def usage_as_of(session: Session, data_dir: Path, period: str, source: str, through: str) -> pl.LazyFrame:
    """`period`'s own usage lines, with the lines claimed by claims payable in `through` or
    earlier attributed to what they were claimed for (registry.usage.matched columns)."""
    own = matched_usage(session, data_dir, period, source).filter(pl.col("adjustment_of_period").is_null())
    claimed = claimed_usage(session, data_dir, period, source, through).with_columns(
        pl.lit(None, pl.Utf8).alias("adjustment_of_period")
    )
    keys = ["report_sha256", "line_no"]
    return pl.concat([own.join(claimed.select(keys), on=keys, how="anti"), claimed])


def distribute_period(
    session: Session,
    data_dir: Path,
    *,
    period: str,
    source: str,
    pool: int | None = None,
    usage: pl.LazyFrame | None = None,
    reports: Sequence[UsageReport | tuple[str, str, int]] | None = None,
    rules: Mapping[str, SourceRules] | None = None,
    dry_run: bool = False,
    adjustment: bool = False,
    progress: Progress | None = None,
) -> PeriodDistribution:
    """Distribute `period` for `source` from the registry's records. `pool` (fen) and `usage`
    with its `reports` override the collections and the matched usage when given (for a re-run
    with corrected inputs, or usage matched elsewhere); with an override of the usage, claims of
    earlier periods are not looked at."""
    _check_names(period, source)
    if (usage is None) != (reports is None):
        raise ValueError("give the usage and its reports together")
    if not dry_run and session.get_bind().dialect.name == "sqlite":
        # SQLite has one writer: take the lock before reading anything, or a transaction that has
        # read cannot wait for it and fails with "database is locked" when the anchoring job (or
        # anyone) committed meanwhile. PostgreSQL's writers do not need it (record_many neither).
        lock_log(session)
    adjustments: list[DistributionResult] = []
    messages: list[str] = []
    if usage is None:
        for earlier in claimed_periods(session, period, source):
            runs = _runs(session, earlier, source)
            if not runs:
                messages.append(
                    f"claims of {earlier} usage are payable in {period} but {earlier} {source} is not "
                    f"distributed yet: distribute {earlier}, then {period} again"
                )
                continue
            adjustments.append(
                distribute(
                    session,
                    period=earlier,
                    source=source,
                    usage=usage_as_of(session, data_dir, earlier, source, period),
                    pool=sum(r.pool for r in runs),
                    reports=usage_reports_for(session, earlier, source, claimed=False),
                    rules=rules,
                    dry_run=dry_run,
                    adjustment=True,
                    progress=progress,
                )
            )
        usage = usage_as_of(session, data_dir, period, source, period)
        reports = usage_reports_for(session, period, source, claimed=False)
    result = distribute(
        session,
        period=period,
        source=source,
        usage=usage,
        pool=collected(session, period, source) if pool is None else pool,
        reports=list(reports or []),
        rules=rules,
        dry_run=dry_run,
        adjustment=adjustment,
        progress=progress,
    )
    return PeriodDistribution(result, adjustments, messages)
