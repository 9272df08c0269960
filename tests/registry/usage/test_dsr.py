"""DDEX DSR flat files: the shared samples as they are, structure refused whole, party ids."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from registry.usage.dsr import DsrParser, dpid_valid, duration_seconds, split_fields, unescape, values
from registry.usage.errors import UsageStructureError
from tests.paths import SAMPLES

DSR = SAMPLES / "dsr"
UGC = DSR / "DSR_TEST_YouTube_AdSupport-music_2015-Q4_IS_1of1_20160121T150926.tsv"
LEGACY = DSR / "DSR_PADPIDA2014999999Z_PADPIDA2014111801Y_AdSupport_2015-02_AU_1of1_20150723T092522.tsv"


def _parse(data: bytes, name: str = "test.tsv") -> tuple[list[dict[str, object]], DsrParser]:
    parser = DsrParser(data.splitlines(keepends=True), name=name)
    return list(parser.rows()), parser


def test_every_shared_sample_parses() -> None:
    samples = sorted(DSR.glob("*.tsv"))
    assert len(samples) >= 2
    for path in samples:
        rows, parser = _parse(path.read_bytes(), path.name)
        assert parser.summary.lines_in_file == len(path.read_bytes().splitlines())
        assert parser.summary.usage_lines == len(rows)


def test_the_ugc_sample_gives_one_line_per_sales_record() -> None:
    rows, parser = _parse(UGC.read_bytes(), UGC.name)
    s = parser.summary
    assert (s.message_version, s.summary_records, s.blocks, s.sales_records, s.allocations) == (
        "dsrf/30",
        4,
        3,
        6,
        6,
    )
    assert [r["line_no"] for r in rows] == [17, 22, 27, 29, 31, 33]
    assert [r["weight"] for r in rows] == [7810, 2045, 18, 4, 258, 75]
    assert rows[0]["isrc"] == "USSM19803037" and rows[0]["title"] == "Sexual Healing"
    assert rows[0]["artist"] == "Marvin Gaye" and rows[0]["duration_s"] is None  # PT0H0M0S: unknown
    assert rows[1]["iswc"] == "T9109247316"
    # NetRevenue 2.0 USD -> 200 cents; Decimal all the way, the exact total kept too.
    assert [r["revenue_minor"] for r in rows] == [200, 200, 0, 0, 0, 300]
    assert s.currency == "USD" and s.revenue_exact == Decimal("7.0")
    assert s.issues.errors == 0 and s.issues.warnings == 0  # its party ids are valid


def test_the_legacy_sample_ingests_with_its_placeholder_party_id_and_unchecked_foot_reported() -> None:
    rows, parser = _parse(LEGACY.read_bytes(), LEGACY.name)
    assert rows == []  # resources and a release, but no usage records
    messages = [i.message for i in parser.summary.issues.kept]
    assert all(i.severity == "warning" for i in parser.summary.issues.kept)
    assert any("PADPIDA2014999999Z fails its check character" in m for m in messages)
    assert not any("PADPIDA2014111801Y" in m for m in messages)  # that one is valid
    assert any("FOOT not checked" in m for m in messages)


def _ugc_with(old: bytes, new: bytes) -> bytes:
    data = UGC.read_bytes()
    assert old in data
    return data.replace(old, new, 1)


@pytest.mark.parametrize(
    ("old", "new", "line", "problem"),
    [
        (
            b"FOOT\t35\t35\t4\t3\t3",
            b"FOOT\t36\t36\t4\t3\t3",
            35,
            "NumberOfLinesInFile is 36, the file has 35",
        ),
        (b"FOOT\t35\t35\t4\t3\t3", b"FOOT\t35\t35\t4\t2\t2", 35, "NumberOfBlocksInFile is 2, the file has 3"),
        (
            b"FOOT\t35\t35\t4\t3\t3",
            b"FOOT\t35\t35\t5\t3\t3",
            35,
            "NumberOfSummaryRecords is 5, the file has 4",
        ),
        (b"FOOT\t35\t35\t4\t3\t3\n", b"", 35, "ends without FOOT"),
        (b"AS01\t2\t", b"ZZZ\t2\t", 19, "unknown record type 'ZZZ'"),
        (b"RU01\t2\t", b"RU01\tx\t", 21, "BlockId 'x' is not an integer"),
        (
            b"LI01.01\t3\t1\tPUB_3\t\t\t1.0000\tPerformingRight\t0.0\t11.49",
            b"AS01\t1\tX",
            34,
            "block 1 continues",
        ),
        (
            b"SY02.01\t1\t\t\tAdvertisementSupportedModel\tStream\tIS\tAdSupport-music\t1036181",
            b"\n",
            10,
            "empty",
        ),
    ],
)
def test_a_broken_structure_is_refused_whole_naming_the_line(
    old: bytes, new: bytes, line: int, problem: str
) -> None:
    with pytest.raises(UsageStructureError, match=problem) as caught:
        _parse(_ugc_with(old, new))
    assert caught.value.line == line


def test_a_record_before_head_or_after_foot_is_refused() -> None:
    data = UGC.read_bytes()
    with pytest.raises(UsageStructureError, match="before HEAD"):
        _parse(b"AS01\t1\tX\n" + data)
    with pytest.raises(UsageStructureError, match="after FOOT"):
        _parse(data + b"AS01\t9\tX\n")
    with pytest.raises(UsageStructureError, match="not UTF-8"):
        _parse(data.replace(b"Sexual Healing", b"Sexual \xff Healing"))


def test_a_bad_count_in_a_sales_record_is_a_line_error_not_a_refusal() -> None:
    rows, parser = _parse(_ugc_with(b"U1\t1\tA935917475088049\t7810\t", b"U1\t1\tA935917475088049\tmany\t"))
    assert len(rows) == 5
    [issue] = parser.summary.issues.kept
    assert (issue.line, issue.field, issue.severity) == (17, "Usages", "error")


def test_a_well_formed_record_type_not_used_is_skipped_with_a_warning() -> None:
    rows, parser = _parse(_ugc_with(b"RU01\t2\t1\t", b"XX99\t2\t1\t"))
    assert len(rows) == 6
    assert [i.record for i in parser.summary.issues.kept] == ["XX99"]


def test_party_ids_check_characters() -> None:
    for valid in ("PADPIDA2014111801Y", "PADPIDA2013020802I", "PADPIDA20070627029"):
        assert dpid_valid(valid)
    assert not dpid_valid("PADPIDA2014999999Z")
    assert not dpid_valid("PADPIDA201411180")


def test_cells() -> None:
    assert split_fields("AS02\t1\tA \\| B\tC") == ["AS02", "1", "A \\| B", "C"]
    assert unescape("Lët Më Gët \\| Thîś") == "Lët Më Gët | Thîś"
    assert values("a|b\\|c|d") == ["a", "b|c", "d"]
    assert duration_seconds("PT1H2M3S") == 3723 and duration_seconds("PT3M20.5S") == 200
    assert duration_seconds("PT0H0M0S") is None and duration_seconds("") is None


def test_generated_files_check_out(tmp_path: Path) -> None:
    from registry.usage.generate import DsrResource, generate_dsr

    path = generate_dsr(
        tmp_path / "g.tsv",
        [DsrResource("CNA012400001", "月亮|代表", "邓丽君", 205, "T0345246801"), DsrResource(None, "X", "Y")],
        seed=5,
    )
    rows, parser = _parse(path.read_bytes())
    assert [r["title"] for r in rows] == ["月亮|代表", "X"]
    assert rows[0]["iswc"] == "T0345246801" and rows[0]["duration_s"] == 205
    assert parser.summary.issues.errors == parser.summary.issues.warnings == 0
