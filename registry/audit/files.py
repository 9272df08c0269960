"""Stored files against their recorded SHA-256, as PostgreSQL's checksums check its pages:

- usage Parquet files (<data dir>/<usage_report.parquet_path>, which must be usage/<sha256>.parquet)
  against `parquet_sha256` of the report's `usage_report` entry (reports imported before it was
  recorded: the file must at least read, with the row's line count); a verified file then gives
  each unidentified usage group's lines, weight and revenue, which its row must state;
- contract documents (<data dir>/contracts/<document_sha256>) against the hash the contract row
  holds, which the signed payload of its `contract` entry states (registry.audit.checks.licensing);
- evidence files kept by the registry (<data dir>/documents/evidence/<sha256>) against the
  `evidence` entry named by that hash;
- a file in those folders that no row or entry records is named too (a file slipped in).

Statement line files (distribution_lines_file) are stored in the database: the distribution
run check compares them with their SHA-256 and their lines with the run's lines root."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import polars as pl
from sqlalchemy import select
from sqlalchemy.orm import Session

from ledger.entry import parse_entry
from registry.audit.findings import AuditReport
from registry.audit.steps import failure
from registry.file_digest import file_sha256
from registry.ledger_writer import latest_entry
from registry.models import LicenseContract, UnidentifiedUsage, UsageReport, entry_table
from registry.services.licensing.econtracts import documents_dir
from registry.services.usage.reports import USAGE_DIR, parquet_path

EVIDENCE_DIR = Path("documents") / "evidence"
_STAGING = (".tmp-", ".incoming-")  # a run's own staging folders, cleaned by the runs


def check_files(session: Session, report: AuditReport, data_dir: Path) -> None:
    _usage_files(session, report, data_dir)
    _contract_documents(session, report, data_dir)
    _evidence_files(session, report, data_dir)


def _usage_files(session: Session, report: AuditReport, data_dir: Path) -> None:
    known: set[Path] = set()
    for row in session.scalars(select(UsageReport).order_by(UsageReport.id)):
        report.count("usage files")
        where = f"usage_report {row.id}: {row.parquet_path}"
        expected = parquet_path(data_dir, row.sha256)
        known.add(expected)
        if data_dir / row.parquet_path != expected:
            report.add("files", f"the path is not {expected.relative_to(data_dir)}", where=where)
        entry = latest_entry(session, "usage_report", row.ledger_id)
        recorded = None if entry is None else entry.body.get("parquet_sha256")
        if not _same_file(report, expected, recorded, where):
            continue
        if recorded is None:
            _readable_parquet(report, expected, row.lines_ingested, where)
        else:  # the file is the one recorded: its unidentified lines give the groups' figures
            _groups_match(session, report, row.id, expected, where)
    _unrecorded(report, data_dir / USAGE_DIR, known, "usage")


def _contract_documents(session: Session, report: AuditReport, data_dir: Path) -> None:
    folder = documents_dir(data_dir)
    known: set[Path] = set()
    for number, sha in session.execute(
        select(LicenseContract.number, LicenseContract.document_sha256).order_by(LicenseContract.id)
    ):
        report.count("contract documents")
        known.add(folder / sha)
        _same_file(report, folder / sha, sha, f"contract {number}: document {sha}")
    _unrecorded(report, folder, known, "contract document")


def _evidence_files(session: Session, report: AuditReport, data_dir: Path) -> None:
    """Evidence the registry keeps (uploaded: its entry says `kept`) must be there with its hash;
    evidence added from a file the CMO keeps elsewhere (`rightsledger evidence add`) is a note."""
    folder = data_dir / EVIDENCE_DIR
    recorded: dict[str, bool] = {}  # sha256 -> whether some version says the registry keeps it
    for canonical in session.scalars(select(entry_table.c.canonical).where(entry_table.c.kind == "evidence")):
        body = parse_entry(bytes(canonical)).body
        sha = body.get("sha256")
        if isinstance(sha, str):
            recorded[sha] = recorded.get(sha, False) or body.get("kept") is True
    elsewhere = 0
    for sha, kept in sorted(recorded.items()):
        if kept or (folder / sha).exists():
            report.count("evidence files")
            _same_file(report, folder / sha, sha, f"evidence file {sha}")
        else:
            elsewhere += 1
    if elsewhere:
        report.notes.append(
            f"{elsewhere} evidence file(s) are kept outside the registry: their hashes are on the "
            "ledger, the files were not checked"
        )
    _unrecorded(report, folder, {folder / sha for sha in recorded}, "evidence")


def _same_file(report: AuditReport, path: Path, recorded: object, where: str) -> bool:
    """The file is there and, when a hash is recorded, has it. False when it cannot be read."""
    try:
        actual = file_sha256(path)
    except FileNotFoundError:
        report.add("files", "the file is missing", where=where)
        return False
    except OSError as exc:
        report.add("files", f"the file cannot be read: {failure(exc)}", where=where)
        return False
    if recorded is not None and actual != recorded:
        report.add("files", f"the file's SHA-256 is {actual}, recorded {recorded}", where=where)
        return False
    return True


def _readable_parquet(report: AuditReport, path: Path, lines: int, where: str) -> None:
    try:
        height = pl.scan_parquet(path).select(pl.len()).collect().item()
    except Exception as exc:  # a file out of specification is a finding
        report.add("files", f"the Parquet file cannot be read: {failure(exc)}", where=where)
        return
    if height != lines:
        report.add("files", f"the Parquet file holds {height} lines, the row says {lines}", where=where)


def _groups_match(session: Session, report: AuditReport, report_id: int, path: Path, where: str) -> None:
    """Each unidentified usage group states the lines, weight and revenue its lines in the
    (verified) Parquet file add up to: a group's figures changed, or a group slipped in or
    removed, is named by its group number."""
    try:
        from_file = {
            group: (lines, weight, revenue)
            for group, lines, weight, revenue in pl.scan_parquet(path)
            .filter(pl.col("group_no").is_not_null())
            .group_by("group_no")
            .agg(
                pl.len(),
                pl.col("weight").sum(),
                pl.when(pl.col("revenue_minor").count() > 0).then(pl.col("revenue_minor").sum()),
            )
            .collect()
            .iter_rows()
        }
    except Exception as exc:  # a file out of specification is a finding
        report.add("files", f"the Parquet file cannot be read: {failure(exc)}", where=where)
        return
    rows = {
        group: (lines, weight, revenue)
        for group, lines, weight, revenue in session.execute(
            select(
                UnidentifiedUsage.group_no,
                UnidentifiedUsage.lines,
                UnidentifiedUsage.weight,
                UnidentifiedUsage.revenue_minor,
            ).where(UnidentifiedUsage.report_id == report_id)
        )
    }
    for group in sorted(set(from_file) | set(rows)):
        says, has = rows.get(group), from_file.get(group)
        if says != has:
            report.add(
                "files",
                f"unidentified group {group}: the row says (lines, weight, revenue) {says}, "
                f"the usage file gives {has}",
                where=where,
            )


def _unrecorded(report: AuditReport, folder: Path, known: set[Path], what: str) -> None:
    for path in _files(folder):
        if path not in known:
            report.add("files", f"a stored {what} file that no row or entry records", where=str(path))


def _files(folder: Path) -> Iterator[Path]:
    if not folder.is_dir():
        return
    for path in sorted(folder.iterdir()):
        if path.is_file() and not path.name.startswith(_STAGING):
            yield path
