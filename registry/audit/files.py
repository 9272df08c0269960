"""Stored files against their recorded SHA-256, as PostgreSQL's checksums check its pages:

- usage Parquet files (<data dir>/<usage_report.parquet_path>, which must be usage/<sha256>.parquet)
  against `parquet_sha256` of the report's `usage_report` entry (reports imported before it was
  recorded: the file must at least read, with the row's line count); a verified file then gives
  each unidentified usage group's lines, weight and revenue, and its first line's text, which its
  row must state;
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
from typing import Any

import polars as pl
from sqlalchemy import select
from sqlalchemy.orm import Session

from ledger.entry import parse_entry
from registry.audit.findings import AuditReport
from registry.audit.steps import failure
from registry.file_digest import file_sha256
from registry.ledger_writer import latest_entry
from registry.models import LicenseContract, UnidentifiedUsage, UsageReport, entry_table
from registry.normalise import name_key, normalise_title
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
    (verified) Parquet file add up to, and how its first line wrote it (ISRC, title, artist,
    duration, line number, and the match keys normalised from them): a group's figures or text
    changed, or a group slipped in or removed, is named by its group number."""
    first = [pl.col(c).sort_by("line_no").first() for c in ("isrc", "title", "artist", "duration_s")]
    try:
        from_file = {
            group: ((lines, weight, revenue), _first_line(line_no, isrc, title, artist, duration))
            for group, lines, weight, revenue, line_no, isrc, title, artist, duration in pl.scan_parquet(path)
            .filter(pl.col("group_no").is_not_null())
            .group_by("group_no")
            .agg(
                pl.len(),
                pl.col("weight").sum(),
                pl.when(pl.col("revenue_minor").count() > 0).then(pl.col("revenue_minor").sum()),
                pl.col("line_no").min(),
                *first,
            )
            .collect()
            .iter_rows()
        }
    except Exception as exc:  # a file out of specification is a finding
        report.add("files", f"the Parquet file cannot be read: {failure(exc)}", where=where)
        return
    u = UnidentifiedUsage
    rows = {
        r.group_no: ((r.lines, r.weight, r.revenue_minor), _stated(r))
        for r in session.execute(
            select(
                u.group_no,
                u.lines,
                u.weight,
                u.revenue_minor,
                u.first_line,
                u.isrc,
                u.title,
                u.artist,
                u.duration_seconds,
                u.title_key,
                u.artist_key,
            ).where(u.report_id == report_id)
        )
    }
    for group in sorted(set(from_file) | set(rows)):
        says, has = rows.get(group), from_file.get(group)
        if says is None or has is None or says[0] != has[0]:
            stated, given = (None if says is None else says[0]), (None if has is None else has[0])
            report.add(
                "files",
                f"unidentified group {group}: the row says (lines, weight, revenue) {stated}, "
                f"the usage file gives {given}",
                where=where,
            )
        elif says[1] != has[1]:
            differ = {k: (says[1][k], has[1][k]) for k in has[1] if says[1][k] != has[1][k]}
            report.add(
                "files",
                f"unidentified group {group}: its first line differs from the usage file: "
                + ", ".join(f"{k} row {a!r} file {b!r}" for k, (a, b) in differ.items()),
                where=where,
            )


def _first_line(
    line_no: int, isrc: str | None, title: str | None, artist: str | None, duration: int | None
) -> dict[str, object]:
    """A group's first line as the import stores it (texts cut to 300 characters, "" as null)."""
    title, artist = (title or "")[:300] or None, (artist or "")[:300] or None
    return {
        "first_line": line_no,
        "isrc": isrc,
        "title": title,
        "artist": artist,
        "duration": duration,
        "title_key": (normalise_title(title) or "")[:300] or None if title else None,
        "artist_key": name_key(artist)[:300] if artist else "",
    }


def _stated(row: Any) -> dict[str, object]:
    return {
        "first_line": row.first_line,
        "isrc": row.isrc,
        "title": row.title,
        "artist": row.artist,
        "duration": row.duration_seconds,
        "title_key": row.title_key,
        "artist_key": row.artist_key,
    }


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
