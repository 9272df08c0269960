"""The same usage is never counted twice: a file is the same file when its normalised content is
(BOM, line endings, trailing white space); a file sharing lines with an earlier report of its
period and source is refused, naming it; a play log cut inside its last line is refused whole; a
DSR whose FOOT line counts are off by one is refused, or imported with lenient counts and both
counts recorded."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from registry.ledger_writer import history
from registry.models import UsageReport
from registry.services.usage.reports import import_usage
from registry.usage.errors import UsageError, UsageStructureError
from registry.usage.generate import generate_play_log
from registry.usage.identity import content_sha256
from tests.paths import SAMPLES
from tests.registry.usage.helpers import catalogue

UGC = SAMPLES / "dsr" / "DSR_TEST_YouTube_AdSupport-music_2015-Q4_IS_1of1_20160121T150926.tsv"
PERIOD = "2026-03"


@pytest.fixture
def play_log(tmp_path: Path) -> bytes:
    """A karaoke play log as the demo writes it (rightsledger/demodata/usage.py), 400 plays."""
    isrcs = ["CNA012400001", "CNA012400002", None]
    path = generate_play_log(
        tmp_path / "karaoke.csv", lines=400, isrcs=isrcs, titles=["月亮", "甜蜜蜜", "x"], seed=3
    )
    return path.read_bytes()


def _reports(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(UsageReport)) or 0


def _import(session: Session, tmp_path: Path, data: bytes, name: str, source: str = "karaoke") -> object:
    path = tmp_path / name
    path.write_bytes(data)
    return import_usage(session, tmp_path / "data", path, PERIOD, source)


def test_a_clean_files_identity_is_the_sha256_of_its_bytes(tmp_path: Path, play_log: bytes) -> None:
    path = tmp_path / "clean.csv"
    path.write_bytes(play_log)
    assert content_sha256(path) == hashlib.sha256(play_log).hexdigest()


@pytest.mark.parametrize(
    "variant",
    [
        lambda d: b"\xef\xbb\xbf" + d,
        lambda d: d.replace(b"\n", b"\r\n"),
        lambda d: b"\xef\xbb\xbf" + d.replace(b"\n", b"  \r\n") + b"\r\n\r\n",
        lambda d: d.rstrip(b"\n"),
    ],
    ids=["bom", "crlf", "bom-crlf-trailing-space-blank-lines", "no-final-newline"],
)
def test_the_same_play_log_written_otherwise_is_already_imported(
    session: Session, tmp_path: Path, play_log: bytes, variant
) -> None:  # type: ignore[no-untyped-def]
    catalogue(session)
    first = _import(session, tmp_path, play_log, "karaoke.csv")
    again = _import(session, tmp_path, variant(play_log), "again.csv")
    assert again.already_imported and again.sha256 == first.sha256  # type: ignore[attr-defined]
    assert _reports(session) == 1


def test_a_file_sharing_lines_with_an_earlier_report_is_refused_naming_it(
    session: Session, tmp_path: Path, play_log: bytes
) -> None:
    catalogue(session)
    header, *lines = play_log.splitlines(keepends=True)
    _import(session, tmp_path, header + b"".join(lines[:200]), "first-half.csv")
    overlapping = header + b"".join(lines[150:])  # lines 150-199 again, then 200 new ones
    with pytest.raises(
        UsageError, match=r"50 of its lines \(the first: line 2\) are already in 'first-half.csv'"
    ):
        _import(session, tmp_path, overlapping, "overlapping.csv")
    assert _reports(session) == 1
    second = _import(session, tmp_path, header + b"".join(lines[200:]), "second-half.csv")
    assert second.lines_ingested == 200  # type: ignore[attr-defined]
    other_source = _import(session, tmp_path, overlapping, "overlapping.csv", source="background_music")
    assert other_source.lines_ingested == 250  # type: ignore[attr-defined]


LAST = "KTV-1,R1,CNA012400001,月亮,,,2026-03-02 20:00:00,7".encode()


@pytest.mark.parametrize(
    "cut_copy",
    [LAST[:-1], LAST[:-4], LAST[:12]],
    ids=["plays-missing", "played-at-cut", "few-fields"],
)
def test_a_play_log_cut_inside_its_last_line_is_refused_whole(
    session: Session, tmp_path: Path, play_log: bytes, cut_copy: bytes
) -> None:
    catalogue(session)
    with pytest.raises(UsageStructureError, match=r"line 402: the file ends inside this line"):
        _import(session, tmp_path, play_log + cut_copy, "cut.csv")
    assert _reports(session) == 0
    whole = _import(session, tmp_path, play_log + LAST, "whole-without-final-newline.csv")
    assert whole.lines_ingested == 401  # type: ignore[attr-defined]


def _off_by_one(tmp_path: Path) -> Path:
    path = tmp_path / "off-by-one.tsv"
    path.write_bytes(UGC.read_bytes().replace(b"FOOT\t35\t35\t4\t3\t3", b"FOOT\t36\t36\t4\t3\t3"))
    return path


def test_a_dsr_foot_line_count_off_by_one_is_refused_unless_lenient(session: Session, tmp_path: Path) -> None:
    path, data_dir = _off_by_one(tmp_path), tmp_path / "data"
    with pytest.raises(
        UsageStructureError, match=r"NumberOfLinesInFile is 36, the file has 35.*--lenient-counts"
    ):
        import_usage(session, data_dir, path, "2015-12", "online")
    report = import_usage(session, data_dir, path, "2015-12", "online", lenient_counts=True)
    counts = {"stated": 36, "actual": 35}
    assert report.foot_counts == {"NumberOfLinesInFile": counts, "NumberOfLinesInReport": counts}
    assert report.lines_ingested == 6
    row = session.scalars(select(UsageReport)).one()
    assert row.report["foot_counts"] == report.foot_counts
    [entry] = history(session, "usage_report", row.ledger_id)
    assert entry.body["foot_counts"] == report.foot_counts and entry.schema == 1


def test_lenient_counts_accept_only_line_counts_off_by_one(session: Session, tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    two_off = tmp_path / "two-off.tsv"
    two_off.write_bytes(UGC.read_bytes().replace(b"FOOT\t35\t35\t4\t3\t3", b"FOOT\t37\t37\t4\t3\t3"))
    blocks = tmp_path / "blocks.tsv"
    blocks.write_bytes(UGC.read_bytes().replace(b"FOOT\t35\t35\t4\t3\t3", b"FOOT\t35\t35\t4\t4\t4"))
    for path in (two_off, blocks):
        with pytest.raises(UsageStructureError, match="FOOT"):
            import_usage(session, data_dir, path, "2015-12", "online", lenient_counts=True)
    assert _reports(session) == 0
    clean = import_usage(session, data_dir, UGC, "2015-12", "online", lenient_counts=True)
    [entry] = history(session, "usage_report", f"U-{clean.sha256}")
    assert clean.foot_counts == {} and "foot_counts" not in entry.body
