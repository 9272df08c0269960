"""Hostile usage reports: damaged DSR flat files and play-log CSVs. Each is either ingested with
its bad lines reported per line (and field), or refused whole with one UsageStructureError naming
the file and line, writing nothing: no usage_report row, no ledger entry, no Parquet file, no
temporary folder left behind. None crashes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from registry.models import LedgerEntry, UnidentifiedUsage, UsageReport
from registry.services.usage.reports import import_usage
from registry.usage.errors import UsageStructureError
from registry.usage.generate import DsrResource, generate_dsr, generate_play_log
from tests.hostile.mutations import damaged

PERIOD = "2026-03"


@pytest.fixture(scope="module")
def valid_dsr(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    path = tmp_path_factory.mktemp("dsr") / "valid.tsv"
    resources = [
        DsrResource(isrc=f"CNA012600{n:03d}", title=f"月亮 {n}", artist="Band", duration_seconds=200 + n)
        for n in range(6)
    ]
    return generate_dsr(path, resources, period=PERIOD, seed=5).read_bytes()


@pytest.fixture(scope="module")
def valid_csv(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    path = tmp_path_factory.mktemp("csv") / "valid.csv"
    isrcs = [f"CNA012600{n:03d}" for n in range(6)]
    return generate_play_log(
        path, lines=60, isrcs=isrcs, titles=[f"月亮 {n}" for n in range(6)], seed=5
    ).read_bytes()


def _state(session: Session, data_dir: Path) -> tuple[int, int, list[str]]:
    files = sorted(p.name for p in (data_dir / "usage").glob("*")) if (data_dir / "usage").exists() else []
    return (
        session.scalar(select(func.count()).select_from(UsageReport)) or 0,
        session.scalar(select(func.count()).select_from(LedgerEntry)) or 0,
        files,
    )


def _hostile_run(
    session: Session, tmp_path: Path, valid: bytes, suffix: str, runs: int, seed: int
) -> tuple[int, int]:
    data_dir = tmp_path / "data"
    refused = ingested = 0
    for n, (label, data) in enumerate(damaged(valid, runs=runs, seed=seed)):
        path = tmp_path / f"report-{n}{suffix}"
        path.write_bytes(data)
        before = _state(session, data_dir)
        savepoint = session.begin_nested()
        try:
            report = import_usage(session, data_dir, path, PERIOD, "online")
        except UsageStructureError as exc:
            savepoint.rollback()
            refused += 1
            assert re.match(rf"{re.escape(path.name)}: line \d+: \S", str(exc)), (label, str(exc))
            assert exc.line >= 1
            assert _state(session, data_dir) == before, label
        else:
            # Each damaged copy is tried on its own: kept, it would share lines with the next one,
            # which would then be refused as overlapping (tests/registry/usage/test_identity.py).
            savepoint.rollback()
            ingested += 1
            assert report.lines_read == report.lines_ingested + report.lines_rejected, label
            assert report.errors >= report.lines_rejected or report.lines_read == 0, label
            for issue in report.issues:
                assert issue["line"] >= 0 and issue["message"], label
            if report.lines_rejected:
                assert any(i["severity"] == "error" for i in report.issues), label
        leftovers = [p for p in (data_dir / "usage").glob(".tmp-*")] if (data_dir / "usage").exists() else []
        assert not leftovers, label
    return refused, ingested


def test_damaged_dsr_files(session: Session, tmp_path: Path, valid_dsr: bytes) -> None:
    refused, ingested = _hostile_run(session, tmp_path, valid_dsr, ".tsv", runs=60, seed=7)
    assert refused >= 20 and ingested >= 1


def test_damaged_play_logs(session: Session, tmp_path: Path, valid_csv: bytes) -> None:
    refused, ingested = _hostile_run(session, tmp_path, valid_csv, ".csv", runs=60, seed=8)
    assert refused >= 5 and ingested >= 20


@pytest.mark.parametrize(
    ("text", "line", "problem"),
    [
        (b"", 1, "header"),
        (b"\xff\xfelicensee,plays\n", 1, "UTF-8"),
        ("licensee,played_at,plays,title\nV1,2026-03-01 10:00,1,月亮\n".encode("gbk"), 2, "UTF-8"),
        (b'licensee,played_at,plays,title\nV1,"2026-03-01 10:00,1,x\n', 2, "CSV"),
        # A blank line sends the file to the line-by-line reader, whose field limit is 128 KiB.
        (
            b"licensee,played_at,plays,title\n\n" + b"V1,2026-03-01 10:00,1," + b"x" * 300_000 + b"\n",
            3,
            "CSV",
        ),
        (b"licensee,room\nV1,1\n", 1, "played_at"),
    ],
    ids=["empty", "utf16-bom", "gbk", "open-quote", "oversized-field", "missing-columns"],
)
def test_play_logs_refused_whole_name_file_and_line(
    session: Session, tmp_path: Path, text: bytes, line: int, problem: str
) -> None:
    path = tmp_path / "plays.csv"
    path.write_bytes(text)
    with pytest.raises(UsageStructureError) as caught:
        import_usage(session, tmp_path / "data", path, PERIOD, "karaoke", name="venue-log.csv")
    message = str(caught.value)
    assert message.startswith(f"venue-log.csv: line {line}: ") and problem in message
    assert _state(session, tmp_path / "data")[:2] == (0, 0)


def test_an_oversized_title_in_a_regular_file_is_ingested_and_capped(
    session: Session, tmp_path: Path
) -> None:
    path = tmp_path / "plays.csv"
    path.write_bytes(
        b"licensee,played_at,plays,title\nV1,2026-03-01 10:00,1," + "月".encode() * 300_000 + b"\n"
    )
    report = import_usage(session, tmp_path / "data", path, PERIOD, "karaoke")
    assert (report.lines_read, report.lines_ingested, report.unidentified_groups) == (1, 1, 1)
    title = session.scalars(select(UnidentifiedUsage.title)).one()
    assert title is not None and len(title) <= 300


def test_bad_play_log_lines_are_reported_with_line_and_field(session: Session, tmp_path: Path) -> None:
    path = tmp_path / "plays.csv"
    path.write_text(
        "licensee,isrc,title,played_at,plays\n"
        "V1,CNA012600001,月亮,2026-03-01 10:00,1\n"
        "V1,CNA012600001,月亮,2026-03-01 10:00,-5\n"
        "V1,CNA012600001,月亮,1999-01-01 10:00,1\n"
        "V1,CNA012600001,月亮,2026-03-01 10:00,1,extra\n"
        ",CNA012600001,月亮,2026-03-01 10:00,1\n",
        encoding="utf-8",
    )
    report = import_usage(session, tmp_path / "data", path, PERIOD, "karaoke")
    assert (report.lines_read, report.lines_ingested, report.lines_rejected) == (5, 1, 4)
    errors = {(i["line"], i["field"]) for i in report.issues if i["severity"] == "error"}
    assert {(3, "plays"), (4, "played_at"), (5, None), (6, "licensee")} <= errors


def test_dsr_refusals_name_the_line(session: Session, tmp_path: Path, valid_dsr: bytes) -> None:
    lines = valid_dsr.splitlines(keepends=True)
    cases = {
        "no-foot": (b"".join(lines[:-1]), len(lines), "FOOT"),
        "not-utf8": (b"".join([*lines[:3], b"\xff\xfe\n", *lines[3:]]), 4, "UTF-8"),
        "empty-line": (b"".join([*lines[:3], b"\n", *lines[3:]]), 4, "empty line"),
    }
    for label, (data, line, problem) in cases.items():
        path = tmp_path / f"{label}.tsv"
        path.write_bytes(data)
        with pytest.raises(UsageStructureError) as caught:
            import_usage(session, tmp_path / "data", path, PERIOD, "online")
        assert str(caught.value).startswith(f"{path.name}: line {line}: ") and problem in str(caught.value), (
            label,
            str(caught.value),
        )
    assert _state(session, tmp_path / "data")[:2] == (0, 0)
