"""What the distribution engine reads: the matched usage of one period and source.

:func:`matched_usage` gives one row per usage line of the period's reports, plus one row per
line of earlier periods' unidentified usage whose claim was accepted as payable in this period
(``adjustment_of_period`` = the period the usage happened in). Columns, exactly:

=====================  =======  =============================================================
report_sha256          Utf8     the usage report the line comes from (see usage_reports_for)
line_no                Int64    its 1-based line in that file
recording_id           Int64    registry.models.Recording.id, or null
work_id                Int64    registry.models.Work.id, or null. Set only when recording_id
                                is null (usage that names a work, not a recording: a DSR's
                                ISWC, a claim for a work). A recording's works, however many,
                                come from its links (recording_work): one row per line.
weight                 Int64    plays or streams
revenue_minor          Int64    the revenue the report states for the line, minor units; null
                                when it states none
matched                Boolean  false: unidentified usage (recording_id and work_id null)
adjustment_of_period   Utf8     null, or the earlier period of a claimed line
=====================  =======  =============================================================

Ids of merged recordings and works are replaced by their survivors at read time. The frame is
lazy: the Parquet files are scanned with projection, nothing is loaded until collected.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import polars as pl
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from registry.models import Recording, UnidentifiedUsage, UsageClaim, UsageReport, Work
from registry.usage.errors import UsageError
from registry.usage.match import survivors
from registry.usage.schema import parse_period, parse_source

MATCHED_SCHEMA: dict[str, pl.DataType | type[pl.DataType]] = {
    "report_sha256": pl.Utf8,
    "line_no": pl.Int64,
    "recording_id": pl.Int64,
    "work_id": pl.Int64,
    "weight": pl.Int64,
    "revenue_minor": pl.Int64,
    "matched": pl.Boolean,
    "adjustment_of_period": pl.Utf8,
}
_COLUMNS = ["line_no", "recording_id", "work_id", "weight", "revenue_minor", "matched"]


def matched_usage(session: Session, data_dir: Path, period: str, source: str) -> pl.LazyFrame:
    """The period's matched usage for `source`, with accepted claims' adjustments (see above)."""
    period, source = parse_period(period), parse_source(source)
    frames: list[pl.LazyFrame] = []
    for report in _reports(session, period, source):
        frames.append(
            pl.scan_parquet(_existing(data_dir, report.parquet_path, report.name))
            .select(_COLUMNS)
            .with_columns(
                pl.lit(report.sha256, pl.Utf8).alias("report_sha256"),
                pl.lit(None, pl.Utf8).alias("adjustment_of_period"),
            )
        )
    frames.extend(_adjustments(session, data_dir, source, UsageClaim.payable_period == period))
    if not frames:
        return pl.LazyFrame(schema=MATCHED_SCHEMA)
    usage = pl.concat(frames, how="diagonal_relaxed")
    return _survivors(session, usage).select(pl.col(n).cast(t) for n, t in MATCHED_SCHEMA.items())


def usage_reports_for(
    session: Session, period: str, source: str, *, claimed: bool = True
) -> list[tuple[str, str, int]]:
    """(sha256, file name, lines ingested) of every report matched_usage reads for this period
    and source: the period's own, then (unless `claimed` is false) those of earlier periods with
    accepted claims payable now."""
    period, source = parse_period(period), parse_source(source)
    own = [(r.sha256, r.name, r.lines_ingested) for r in _reports(session, period, source)]
    if not claimed:
        return own
    later = session.execute(
        select(UsageReport.id, UsageReport.sha256, UsageReport.name, UsageReport.lines_ingested)
        .join(UnidentifiedUsage, UnidentifiedUsage.report_id == UsageReport.id)
        .join(UsageClaim, UsageClaim.unidentified_id == UnidentifiedUsage.id)
        .where(UsageClaim.status == "accepted", UsageClaim.payable_period == period)
        .where(UnidentifiedUsage.source == source)
        .distinct()
        .order_by(UsageReport.id)
    ).all()
    seen: set[str] = set()
    result = []
    for sha, name, lines in [*own, *((c[1], c[2], c[3]) for c in later)]:
        if sha not in seen:
            seen.add(sha)
            result.append((sha, name, lines))
    return result


def unidentified_weight(session: Session, data_dir: Path, period: str, source: str) -> int:
    """The weight (plays, streams) of the period's usage that matched nothing at ingest."""
    period, source = parse_period(period), parse_source(source)
    total = session.scalar(
        select(func.coalesce(func.sum(UnidentifiedUsage.weight), 0)).where(
            UnidentifiedUsage.period == period, UnidentifiedUsage.source == source
        )
    )
    return int(total or 0)


def _reports(session: Session, period: str, source: str) -> list[UsageReport]:
    return list(
        session.scalars(
            select(UsageReport)
            .where(UsageReport.period == period, UsageReport.source == source)
            .order_by(UsageReport.id)
        ).all()
    )


def claimed_usage(
    session: Session, data_dir: Path, usage_period: str, source: str, through: str
) -> pl.LazyFrame:
    """The lines of `usage_period`'s reports whose claims were accepted as payable in `through`
    or earlier, attributed to the claimed recording or work (MATCHED_SCHEMA; adjustment_of_period
    = `usage_period`). What a recomputation of `usage_period` counts as identified today."""
    usage_period, through, source = parse_period(usage_period), parse_period(through), parse_source(source)
    frames = _adjustments(
        session,
        data_dir,
        source,
        (UnidentifiedUsage.period == usage_period) & (UsageClaim.payable_period <= through),
    )
    if not frames:
        return pl.LazyFrame(schema=MATCHED_SCHEMA)
    usage = pl.concat(frames, how="diagonal_relaxed")
    return _survivors(session, usage).select(pl.col(n).cast(t) for n, t in MATCHED_SCHEMA.items())


def claimed_periods(session: Session, period: str, source: str) -> list[str]:
    """The earlier usage periods with claims accepted as payable in `period`, oldest first."""
    period, source = parse_period(period), parse_source(source)
    rows = session.scalars(
        select(UnidentifiedUsage.period)
        .join(UsageClaim, UsageClaim.unidentified_id == UnidentifiedUsage.id)
        .where(UsageClaim.status == "accepted", UsageClaim.payable_period == period)
        .where(UnidentifiedUsage.source == source, UnidentifiedUsage.period != period)
        .distinct()
    ).all()
    return sorted(rows)


def _adjustments(session: Session, data_dir: Path, source: str, which: Any) -> list[pl.LazyFrame]:
    rows = session.execute(
        select(
            UsageReport.sha256,
            UsageReport.parquet_path,
            UnidentifiedUsage.group_no,
            UnidentifiedUsage.period,
            UsageClaim.recording_id,
            UsageClaim.work_id,
        )
        .join(UnidentifiedUsage, UnidentifiedUsage.report_id == UsageReport.id)
        .join(UsageClaim, UsageClaim.unidentified_id == UnidentifiedUsage.id)
        .where(UsageClaim.status == "accepted", which)
        .where(UnidentifiedUsage.source == source)
        .order_by(UsageReport.id, UnidentifiedUsage.group_no)
    ).all()
    by_report: dict[tuple[str, str], list[tuple[int, str, int | None, int | None]]] = {}
    for sha, path, group_no, usage_period, recording_id, work_id in rows:
        by_report.setdefault((sha, path), []).append((group_no, usage_period, recording_id, work_id))
    frames = []
    for (sha, path), groups in by_report.items():
        claimed = pl.LazyFrame(
            groups,
            schema={
                "group_no": pl.Int64,
                "adjustment_of_period": pl.Utf8,
                "claim_recording": pl.Int64,
                "claim_work": pl.Int64,
            },
            orient="row",
        )
        frames.append(
            pl.scan_parquet(_existing(data_dir, path, sha))
            .select("line_no", "weight", "revenue_minor", "group_no")
            .join(claimed, on="group_no", how="inner", maintain_order="left")
            .select(
                "line_no",
                pl.col("claim_recording").alias("recording_id"),
                pl.col("claim_work").alias("work_id"),
                "weight",
                "revenue_minor",
                pl.lit(True).alias("matched"),
                pl.lit(sha, pl.Utf8).alias("report_sha256"),
                "adjustment_of_period",
            )
        )
    return frames


def _existing(data_dir: Path, relative: str, report: str) -> Path:
    path = data_dir / relative
    if not path.is_file():
        raise UsageError(f"the lines of usage report {report} are missing: no file {path}")
    return path


def _survivors(session: Session, usage: pl.LazyFrame) -> pl.LazyFrame:
    recordings = session.execute(
        select(Recording.id, Recording.merged_into_id).where(Recording.merged_into_id.is_not(None))
    ).all()
    works = session.execute(
        select(Work.id, Work.merged_into_id).where(Work.merged_into_id.is_not(None))
    ).all()
    merged_recordings = survivors([(r[0], r[1]) for r in recordings])
    merged_works = survivors([(w[0], w[1]) for w in works])
    if merged_recordings:
        usage = usage.with_columns(pl.col("recording_id").replace(merged_recordings))
    if merged_works:
        usage = usage.with_columns(pl.col("work_id").replace(merged_works))
    return usage
