"""Importing usage reports: a DDEX DSR flat file or a play log CSV becomes one Parquet file of
normalised, matched lines, one `usage_report` row, its unidentified usage groups, and a public
`usage_report` ledger entry, all in the caller's transaction.

Crash-safe: lines go to a temporary folder inside ``<data dir>/usage``; the matched file is
written under a temporary name, flushed to disk and renamed to ``<sha256>.parquet``; the
database rows come last. A crash before the commit leaves at most a Parquet file that no row
names, which the next import of the same file rewrites. A structurally broken file raises
UsageStructureError before anything is written. The same file again (the same content once
normalised: registry/usage/identity.py) is a no-op that says so; a file sharing lines with an
earlier report of the same period and source is refused, naming it, so no usage counts twice.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, BinaryIO

import polars as pl
from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from anchor.faults import CrashPoint, crash_point
from registry.file_digest import file_sha256
from registry.ledger_writer import record
from registry.models import UnidentifiedUsage, UsageReport
from registry.private_files import private_file
from registry.staging import new_staging_dir
from registry.usage.dsr import DsrParser, DsrSummary
from registry.usage.errors import UsageError
from registry.usage.identity import content_sha256, overlapping_lines
from registry.usage.line_lengths import refuse_long_lines
from registry.usage.match import load_repertoire, match_lines
from registry.usage.parts import LineBatches
from registry.usage.playlog import read_play_log
from registry.usage.schema import Issues, parse_period, parse_source

DEFAULT_CLAIMS_WINDOW_DAYS = 90
USAGE_DIR = "usage"
# (done, total): reading counts the file's bytes, then matching as many again.
Progress = Callable[[int, int], None]


@dataclass
class UsageImportReport:
    file: str
    sha256: str
    format: str = ""
    period: str = ""
    source: str = ""
    lines_read: int = 0
    lines_ingested: int = 0
    lines_rejected: int = 0
    lines_matched: int = 0
    lines_unidentified: int = 0
    weight_total: int = 0
    weight_matched: int = 0
    weight_unidentified: int = 0
    revenue_minor: int | None = None
    revenue_exact: str | None = None  # the report's own decimal total, before rounding per line
    currency: str | None = None
    unidentified_groups: int = 0
    parquet: str = ""
    parquet_sha256: str = ""  # of the stored Parquet file: the audit checks the file against it
    already_imported: bool = False
    errors: int = 0
    warnings: int = 0
    header: dict[str, Any] = field(default_factory=dict)
    issues: list[dict[str, Any]] = field(default_factory=list)
    # DSR FOOT counts accepted off by one (lenient counts): per FOOT field, stated and actual.
    foot_counts: dict[str, dict[str, int]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def parquet_path(data_dir: Path, sha256: str) -> Path:
    return data_dir / USAGE_DIR / f"{sha256}.parquet"


def detect_format(path: Path) -> str:
    """dsr when the first line is a DSR record (HEAD) or comment, else csv."""
    with path.open("rb") as handle:
        start = handle.read(4096).removeprefix(b"\xef\xbb\xbf")
    first = start.split(b"\n", 1)[0]
    return "dsr" if first.upper().startswith((b"HEAD\t", b"#HEAD")) else "csv"


def import_usage(
    session: Session,
    data_dir: Path,
    path: Path,
    period: str,
    source: str,
    progress: Progress | None = None,
    *,
    name: str | None = None,
    claims_window_days: int = DEFAULT_CLAIMS_WINDOW_DAYS,
    now: datetime | None = None,
    lenient_counts: bool = False,
) -> UsageImportReport:
    """Ingest one usage file for `period` (YYYY-MM) and `source` in the caller's transaction.
    `lenient_counts`: import a DSR whose FOOT line counts are off by one, recording both."""
    period, source = parse_period(period), parse_source(source)
    if claims_window_days < 0:
        raise UsageError(f"the claims window must be 0 days or more, got {claims_window_days}")
    name = name or path.name
    refuse_long_lines(path, name)  # before anything reads a line whole
    sha = content_sha256(path)
    previous = session.scalars(select(UsageReport).where(UsageReport.sha256 == sha)).first()
    if previous is not None:
        return _already(previous, name)
    fmt = detect_format(path)
    size = path.stat().st_size
    work = new_staging_dir(data_dir / USAGE_DIR, ".tmp-")
    try:
        batches = LineBatches(work)
        report = UsageImportReport(name, sha, fmt, period, source)
        issues = _parse(fmt, path, name, period, batches, report, size, progress, lenient_counts)
        crash_point(CrashPoint.USAGE_PARSED)
        staged = work / "matched.parquet"
        lines, keys = match_lines(batches.scan(), load_repertoire(session))
        if progress is not None:
            progress(size + size // 3, 2 * size)
        lines.sink_parquet(staged, compression="lz4", row_group_size=1_000_000)
        crash_point(CrashPoint.USAGE_STAGED)
        _refuse_overlap(session, data_dir, pl.scan_parquet(staged), report)
        _totals(pl.scan_parquet(staged), report)
        groups = _groups(pl.scan_parquet(staged), keys)
        final = parquet_path(data_dir, sha)
        _durable_replace(private_file(staged), final)
        crash_point(CrashPoint.USAGE_PARQUET_IN_PLACE)
        if progress is not None:
            progress(2 * size, 2 * size)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    report.parquet = str(final.relative_to(data_dir))
    report.parquet_sha256 = file_sha256(final)
    report.lines_rejected = report.lines_read - report.lines_ingested
    report.errors, report.warnings = issues.errors, issues.warnings
    report.issues = [i.to_dict() for i in issues.kept]
    report.unidentified_groups = groups.height
    at = now or datetime.now(UTC)
    _store(session, report, groups, at + timedelta(days=claims_window_days))
    return report


def _parse(
    fmt: str,
    path: Path,
    name: str,
    period: str,
    batches: LineBatches,
    report: UsageImportReport,
    size: int,
    progress: Progress | None,
    lenient_counts: bool,
) -> Issues:
    tick = (lambda done: progress(done, 2 * size)) if progress is not None else None
    if fmt == "csv":
        read, issues = read_play_log(path, batches, name=name, period=period, progress=tick)
        batches.flush()
        report.lines_read = read
        return issues
    with path.open("rb") as handle:
        parser = DsrParser(_counted(handle, tick), name=name, lenient_counts=lenient_counts)
        for row in parser.rows():
            batches.append(row)
    batches.flush()
    summary = parser.summary
    report.lines_read = summary.usage_lines + summary.issues.errors
    report.currency = summary.currency
    report.revenue_exact = str(summary.revenue_exact) if summary.currency else None
    report.header = _dsr_header(summary)
    report.foot_counts = summary.foot_counts
    _dsr_warnings(summary, period)
    return summary.issues


def _counted(handle: BinaryIO, tick: Callable[[int], None] | None) -> Iterator[bytes]:
    done = 0
    for number, line in enumerate(handle, start=1):
        done += len(line)
        if tick is not None and number % 100_000 == 0:
            tick(done)
        yield line
    if tick is not None:
        tick(done)


def _dsr_header(summary: DsrSummary) -> dict[str, Any]:
    return {
        "message_version": summary.message_version,
        "profile": f"{summary.profile} {summary.profile_version}".strip(),
        "sender": summary.sender,
        "service": summary.service,
        "usage_start": summary.usage_start,
        "usage_end": summary.usage_end,
        "summary_records": summary.summary_records,
        "summary_usages": summary.summary_usages,
        "blocks": summary.blocks,
        "resources": summary.resources,
        "works": summary.works,
        "sales_records": summary.sales_records,
        "allocations": summary.allocations,
    }


def _dsr_warnings(summary: DsrSummary, period: str) -> None:
    issues = summary.issues
    if not summary.usage_lines and summary.summary_usages:
        issues.warning(
            0,
            "SY",
            None,
            f"the summaries state {summary.summary_usages} usages but the file has no usage "
            "records (RU01/SU0x): no usage lines",
        )
    start, end = summary.usage_start[:7], summary.usage_end[:7]
    if start and end and not start <= period <= end:
        issues.warning(
            0, "HEAD", "UsageStartDate", f"the file reports usage of {start} to {end}, not of {period}"
        )


def _totals(lines: pl.LazyFrame, report: UsageImportReport) -> None:
    row = (
        lines.select(
            pl.len().alias("lines"),
            pl.col("weight").sum().alias("weight"),
            pl.col("matched").sum().alias("matched"),
            pl.col("weight").filter(pl.col("matched")).sum().alias("weight_matched"),
            pl.col("revenue_minor").sum().alias("revenue"),
            pl.col("revenue_minor").count().alias("with_revenue"),
        )
        .collect(engine="streaming")
        .row(0, named=True)
    )
    report.lines_ingested = int(row["lines"])
    report.lines_matched = int(row["matched"] or 0)
    report.lines_unidentified = report.lines_ingested - report.lines_matched
    report.weight_total = int(row["weight"] or 0)
    report.weight_matched = int(row["weight_matched"] or 0)
    report.weight_unidentified = report.weight_total - report.weight_matched
    report.revenue_minor = int(row["revenue"]) if row["with_revenue"] else None


def _groups(lines: pl.LazyFrame, keys: pl.DataFrame) -> pl.DataFrame:
    """One row per unidentified group: how it was first written, its lines, weight and revenue."""
    sums = (
        lines.filter(pl.col("group_no").is_not_null())
        .group_by("group_no")
        .agg(
            pl.len().alias("lines"),
            pl.col("weight").sum().alias("weight"),
            pl.when(pl.col("revenue_minor").count() > 0)
            .then(pl.col("revenue_minor").sum())
            .alias("revenue_minor"),
        )
        .collect(engine="streaming")
    )
    first = (
        keys.filter(pl.col("group_no").is_not_null())
        .sort("first_line")
        .unique("group_no", keep="first")
        .select("group_no", "isrc", "title", "artist", "title_key", "artist_key", "duration_s", "first_line")
    )
    return first.join(sums, on="group_no", how="inner").sort("group_no")


def _refuse_overlap(session: Session, data_dir: Path, lines: pl.LazyFrame, report: UsageImportReport) -> None:
    """Refuse a file that shares lines with an earlier report of its period and source."""
    earlier = session.scalars(
        select(UsageReport)
        .where(UsageReport.period == report.period, UsageReport.source == report.source)
        .order_by(UsageReport.id)
    )
    for previous in earlier:
        stored = data_dir / previous.parquet_path
        if not stored.is_file():  # the audit reports a missing file; its usage cannot count
            continue
        shared, first = overlapping_lines(lines, pl.scan_parquet(stored))
        if shared:
            raise UsageError(
                f"{report.file}: {shared:,} of its lines (the first: line {first}) are already in "
                f"{previous.name!r}, imported on {previous.ingested_at:%Y-%m-%d %H:%M} for {report.period} "
                f"{report.source}: the same usage would count twice; nothing imported"
            )


def _durable_replace(staged: Path, final: Path) -> None:
    with staged.open("rb") as handle:
        os.fsync(handle.fileno())
    os.replace(staged, final)
    directory = os.open(final.parent, os.O_RDONLY)
    try:
        os.fsync(directory)
    finally:
        os.close(directory)


def _store(session: Session, report: UsageImportReport, groups: pl.DataFrame, deadline: datetime) -> None:
    row = UsageReport(
        sha256=report.sha256,
        name=report.file[:255],
        format=report.format,
        period=report.period,
        source=report.source,
        lines_read=report.lines_read,
        lines_ingested=report.lines_ingested,
        lines_rejected=report.lines_rejected,
        lines_matched=report.lines_matched,
        weight_total=report.weight_total,
        weight_matched=report.weight_matched,
        revenue_minor=report.revenue_minor,
        currency=report.currency,
        parquet_path=report.parquet,
        report={
            "header": report.header,
            "errors": report.errors,
            "warnings": report.warnings,
            "issues": report.issues[:100],
            "revenue_exact": report.revenue_exact,
            **({"foot_counts": report.foot_counts} if report.foot_counts else {}),
        },
    )
    session.add(row)
    try:
        session.flush()
    except IntegrityError as exc:
        raise UsageError(f"{report.file}: the same file is being imported by another run; retry") from exc
    crash_point(CrashPoint.USAGE_REPORT_ROW)
    if groups.height:
        session.execute(
            insert(UnidentifiedUsage),
            [
                {
                    "report_id": row.id,
                    "group_no": g["group_no"],
                    "period": report.period,
                    "source": report.source,
                    "isrc": g["isrc"],
                    "title": (g["title"] or "")[:300] or None,
                    "artist": (g["artist"] or "")[:300] or None,
                    "title_key": (g["title_key"] or "")[:300] or None,
                    "artist_key": (g["artist_key"] or "")[:300],
                    "duration_seconds": g["duration_s"],
                    "lines": g["lines"],
                    "weight": g["weight"],
                    "revenue_minor": g["revenue_minor"],
                    "first_line": g["first_line"],
                    "claim_deadline": deadline,
                }
                for g in groups.iter_rows(named=True)
            ],
        )
    crash_point(CrashPoint.USAGE_GROUPS)
    record(session, "usage_report", row.ledger_id, report_entry_body(report))
    session.flush()
    crash_point(CrashPoint.USAGE_RECORDED)


def report_entry_body(report: UsageImportReport) -> dict[str, Any]:
    """The public facts of an ingested report: anyone can later check which reports were used."""
    return {
        "sha256": report.sha256,
        "name": report.file,
        "format": report.format,
        "period": report.period,
        "source": report.source,
        "lines": {
            "read": report.lines_read,
            "ingested": report.lines_ingested,
            "rejected": report.lines_rejected,
            "matched": report.lines_matched,
            "unidentified": report.lines_unidentified,
        },
        "weight": {
            "total": report.weight_total,
            "matched": report.weight_matched,
            "unidentified": report.weight_unidentified,
        },
        "revenue": None
        if report.revenue_minor is None
        else {"amount_minor": report.revenue_minor, "currency": report.currency or ""},
        "unidentified_groups": report.unidentified_groups,
        # The stored lines: the audit checks the Parquet file's bytes against it (schema 1
        # readers ignore it; reports imported before it have none).
        **({"parquet_sha256": report.parquet_sha256} if report.parquet_sha256 else {}),
        # Only when a DSR was imported with FOOT counts off by one (schema 1 readers ignore it).
        **({"foot_counts": report.foot_counts} if report.foot_counts else {}),
    }


def _already(previous: UsageReport, name: str) -> UsageImportReport:
    report = UsageImportReport(
        name,
        previous.sha256,
        previous.format,
        previous.period,
        previous.source,
        lines_read=previous.lines_read,
        lines_ingested=previous.lines_ingested,
        lines_rejected=previous.lines_rejected,
        lines_matched=previous.lines_matched,
        lines_unidentified=previous.lines_ingested - previous.lines_matched,
        weight_total=previous.weight_total,
        weight_matched=previous.weight_matched,
        weight_unidentified=previous.weight_total - previous.weight_matched,
        revenue_minor=previous.revenue_minor,
        currency=previous.currency,
        parquet=previous.parquet_path,
        already_imported=True,
    )
    report.warnings = 1
    report.issues = [
        {
            "line": 0,
            "record": "file",
            "field": None,
            "severity": "warning",
            "message": f"{name}: this file was already imported on {previous.ingested_at:%Y-%m-%d %H:%M} as "
            f"{previous.name!r} (period {previous.period}, source {previous.source}); nothing changed",
        }
    ]
    return report
