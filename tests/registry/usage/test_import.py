"""Importing usage reports into the database and Parquet: matching, the ledger entry, re-import,
refusal with nothing written, and the interface the distribution engine reads (both backends)."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from registry.ledger_writer import history
from registry.models import LedgerEntry, UnidentifiedUsage, UsageReport
from registry.services.usage.reports import import_usage, parquet_path
from registry.usage.errors import UsageError, UsageStructureError
from registry.usage.matched import MATCHED_SCHEMA, matched_usage, unidentified_weight, usage_reports_for
from tests.paths import SAMPLES
from tests.registry.usage.helpers import catalogue, play_log

UGC = SAMPLES / "dsr" / "DSR_TEST_YouTube_AdSupport-music_2015-Q4_IS_1of1_20160121T150926.tsv"


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


def _count(session: Session, model: type) -> int:
    return session.scalar(select(func.count()).select_from(model)) or 0


def test_every_dsr_sample_imports_and_records_a_public_usage_report_entry(
    session: Session, data_dir: Path
) -> None:
    samples = sorted((SAMPLES / "dsr").glob("*.tsv"))
    for path in samples:
        report = import_usage(session, data_dir, path, "2015-12", "online")
        assert not report.already_imported
        assert parquet_path(data_dir, report.sha256).is_file()
        [entry] = history(session, "usage_report", f"U-{report.sha256}")
        assert not entry.private
        assert entry.body["sha256"] == report.sha256 and entry.body["name"] == path.name
        assert entry.body["lines"]["ingested"] == report.lines_ingested
        assert (entry.body["period"], entry.body["source"], entry.body["format"]) == (
            "2015-12",
            "online",
            "dsr",
        )
    assert _count(session, UsageReport) == len(samples)
    ugc = session.scalars(select(UsageReport).where(UsageReport.name == UGC.name)).one()
    assert (ugc.lines_ingested, ugc.weight_total, ugc.revenue_minor, ugc.currency) == (6, 10210, 700, "USD")
    body = history(session, "usage_report", ugc.ledger_id)[0].body
    assert body["revenue"] == {"amount_minor": 700, "currency": "USD"}


def test_matching_by_isrc_then_title_artist_and_duration(session: Session, data_dir: Path) -> None:
    c = catalogue(session)
    log = play_log(
        data_dir.parent / "plays.csv",
        [
            "KTV-1,A,CN-A01-24-00001,whatever title,anyone,,2026-03-01 20:00,2",  # 2: ISRC
            "KTV-1,A,,月亮 代表 我的心,鄧麗君,205,2026-03-01 20:05,1",  # 3: traditional artist: no
            "KTV-1,A,,「甜蜜蜜」,邓丽君,211,2026-03-01 20:10,1",  # 4: title + artist + 1 s
            # 5: full width (and an ideographic space), upper case, the artist's names swapped, +2 s
            "KTV-1,A,,ＴＨＥ　ＭＯＯＮ ＲＥＰＲＥＳＥＮＴＳ ＭＹ ＨＥＡＲＴ"
            ",TENG TERESA,202,2026-03-01 20:15,3",
            "KTV-1,A,,The Moon Represents My Heart,Teresa Teng,203,2026-03-01 20:20,1",  # 6: 3 s off
            "KTV-1,A,,The moon represents my heart!,Teresa Teng,,2026-03-01 20:25,1",  # 7: no duration
            "KTV-2,B,US-XXX-99-00001,Unknown,Nobody,,2026-03-02 20:00,4",  # 8: ISRC nobody has
            "KTV-2,B,,Unknown,Nobody,,2026-03-02 21:00,5",  # 9: another group (no ISRC)
            "KTV-3,C,,月亮 代表 我的心 ,邓丽君 ,206,2026-03-03 20:00,1",  # 10: spaces between ideographs
        ],
    )
    report = import_usage(session, data_dir, log, "2026-03", "karaoke")
    lines = pl.read_parquet(parquet_path(data_dir, report.sha256)).sort("line_no")
    by_line = {r["line_no"]: r for r in lines.iter_rows(named=True)}
    assert (by_line[2]["recording_id"], by_line[2]["match_method"]) == (c["teresa"].id, "isrc")
    assert by_line[3]["recording_id"] is None  # 鄧麗君 is not 邓丽君: no conversion of scripts
    assert (by_line[4]["recording_id"], by_line[4]["match_method"]) == (c["sweet"].id, "title")
    assert by_line[5]["recording_id"] == c["moon_en"].id  # full width, case, name order folded
    assert by_line[6]["recording_id"] is None  # 203 s is 3 s from 200 s
    assert by_line[7]["recording_id"] == c["moon_en"].id  # no duration: title and artist decide
    assert all(by_line[n]["work_id"] is None for n in by_line)
    assert (by_line[10]["recording_id"], by_line[10]["match_method"]) == (c["teresa"].id, "title")
    matched = [by_line[n]["matched"] for n in sorted(by_line)]
    assert matched == [True, False, True, True, False, True, False, False, True]
    assert (report.lines_matched, report.lines_unidentified) == (5, 4)
    assert (report.weight_matched, report.weight_unidentified) == (8, 11)
    groups = session.scalars(select(UnidentifiedUsage).order_by(UnidentifiedUsage.group_no)).all()
    assert [(g.group_no, g.first_line, g.lines, g.weight) for g in groups] == [
        (1, 3, 1, 1),
        (2, 6, 1, 1),
        (3, 8, 1, 4),
        (4, 9, 1, 5),
    ]
    assert groups[2].isrc == "USXXX9900001" and groups[3].title_key == "unknown"
    assert unidentified_weight(session, data_dir, "2026-03", "karaoke") == 11


def test_a_dsr_work_is_matched_by_iswc_when_no_recording_is(session: Session, data_dir: Path) -> None:
    from registry.usage.generate import DsrResource, generate_dsr

    c = catalogue(session)
    path = generate_dsr(
        data_dir.parent / "s.tsv",
        [
            DsrResource("CNA012400002", "甜蜜蜜", "邓丽君", 210, None),
            DsrResource(None, "Lonely Road (live)", "Someone", 300, "T0700274163"),
        ],
        period="2026-03",
        seed=2,
    )
    report = import_usage(session, data_dir, path, "2026-03", "online")
    usage = matched_usage(session, data_dir, "2026-03", "online").collect().sort("line_no")
    assert usage["recording_id"].to_list() == [c["sweet"].id, None]
    assert usage["work_id"].to_list() == [None, c["lonely"].id]
    assert usage["matched"].to_list() == [True, True]
    assert usage["revenue_minor"].sum() == report.revenue_minor


def test_matched_usage_has_exactly_the_agreed_columns_and_types(session: Session, data_dir: Path) -> None:
    c = catalogue(session)
    empty = matched_usage(session, data_dir, "2026-03", "karaoke")
    assert empty.collect_schema() == pl.Schema(MATCHED_SCHEMA) and empty.collect().height == 0
    log = play_log(
        data_dir.parent / "plays.csv",
        ["KTV-1,A,CNA012400001,x,y,,2026-03-01 20:00,2", "KTV-1,A,,Nope,None,,2026-03-01 20:00,1"],
    )
    report = import_usage(session, data_dir, log, "2026-03", "karaoke")
    frame = matched_usage(session, data_dir, "2026-03", "karaoke").collect()
    assert frame.schema == pl.Schema(MATCHED_SCHEMA)
    assert list(frame.columns) == [
        "report_sha256",
        "line_no",
        "recording_id",
        "work_id",
        "weight",
        "revenue_minor",
        "matched",
        "adjustment_of_period",
    ]
    assert frame.sort("line_no").rows() == [
        (report.sha256, 2, c["teresa"].id, None, 2, None, True, None),
        (report.sha256, 3, None, None, 1, None, False, None),
    ]
    assert usage_reports_for(session, "2026-03", "karaoke") == [(report.sha256, "plays.csv", 2)]
    assert usage_reports_for(session, "2026-03", "online") == []


def test_a_merged_recording_reads_as_its_survivor(session: Session, data_dir: Path) -> None:
    c = catalogue(session)
    log = play_log(data_dir.parent / "p.csv", ["KTV-1,A,CNA012400002,x,y,,2026-03-01 20:00,2"])
    import_usage(session, data_dir, log, "2026-03", "karaoke")
    c["sweet"].merged_into_id = c["teresa"].id  # as a merge of duplicates leaves it
    session.flush()
    frame = matched_usage(session, data_dir, "2026-03", "karaoke").collect()
    assert frame["recording_id"].to_list() == [c["teresa"].id]


def test_importing_the_same_file_again_changes_nothing(session: Session, data_dir: Path) -> None:
    first = import_usage(session, data_dir, UGC, "2015-12", "online")
    entries = _count(session, LedgerEntry)
    stamp = parquet_path(data_dir, first.sha256).stat().st_mtime_ns
    again = import_usage(session, data_dir, UGC, "2016-01", "broadcast", name="renamed.tsv")
    assert again.already_imported and again.sha256 == first.sha256
    assert "already imported" in again.issues[0]["message"] and "period 2015-12" in again.issues[0]["message"]
    assert (_count(session, LedgerEntry), _count(session, UsageReport)) == (entries, 1)
    assert parquet_path(data_dir, first.sha256).stat().st_mtime_ns == stamp


def test_a_broken_file_is_refused_whole_with_nothing_written(session: Session, data_dir: Path) -> None:
    broken = data_dir.parent / "broken.tsv"
    broken.parent.mkdir(parents=True, exist_ok=True)
    broken.write_bytes(UGC.read_bytes().replace(b"FOOT\t35\t35", b"FOOT\t34\t34"))
    with pytest.raises(UsageStructureError, match="line 35: FOOT NumberOfLinesInFile is 34"):
        import_usage(session, data_dir, broken, "2015-12", "online")
    assert (
        _count(session, UsageReport)
        == _count(session, LedgerEntry)
        == _count(session, UnidentifiedUsage)
        == 0
    )
    assert list((data_dir / "usage").iterdir()) == []  # no Parquet file, no temporary folder


def test_a_play_log_with_bad_lines_keeps_the_good_ones(session: Session, data_dir: Path) -> None:
    log = play_log(
        data_dir.parent / "plays.csv",
        [
            "KTV-1,A,CNA012400001,x,y,,2026-03-01 20:00,2",
            "KTV-1,A,,x,y,,2026-02-28 20:00,1",
            "KTV-1,A,,x,y,,,1",
        ],
    )
    report = import_usage(session, data_dir, log, "2026-03", "karaoke")
    assert (report.lines_read, report.lines_ingested, report.lines_rejected) == (3, 1, 2)
    assert [(i["line"], i["field"]) for i in report.issues] == [(3, "played_at"), (4, "played_at")]
    [entry] = history(session, "usage_report", f"U-{report.sha256}")
    assert entry.body["lines"] == {"read": 3, "ingested": 1, "rejected": 2, "matched": 0, "unidentified": 1}


@pytest.mark.parametrize(
    ("period", "source"), [("2026-13", "karaoke"), ("2026-3", "karaoke"), ("2026-03", "radio")]
)
def test_period_and_source_are_checked(session: Session, data_dir: Path, period: str, source: str) -> None:
    with pytest.raises(UsageError):
        import_usage(session, data_dir, UGC, period, source)


def test_a_missing_lines_file_is_a_clear_error(session: Session, data_dir: Path) -> None:
    report = import_usage(session, data_dir, UGC, "2015-12", "online")
    parquet_path(data_dir, report.sha256).unlink()
    with pytest.raises(UsageError, match=r"lines of usage report .* are missing"):
        matched_usage(session, data_dir, "2015-12", "online")
