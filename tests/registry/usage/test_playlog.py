"""Play logs (CSV): bad lines by line number and field, the fast and the careful reader agree,
a header that cannot work refuses the file."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import polars as pl
import pytest

from registry.usage import playlog
from registry.usage.errors import UsageStructureError
from registry.usage.parts import LineBatches
from registry.usage.schema import Issues

HEADER = "licensee,room,isrc,title,artist,duration,played_at,plays\n"
GOOD = [
    "KTV-001,A01,CN-A01-24-00001,月亮代表我的心,邓丽君,3:25,2026-03-01 20:15,2\n",
    'KTV-001,A01,,"Hello, Goodbye",The Beatles,183,2026-03-01T20:15:00+08:00,1\n',
    "KTV-002, B2 ,cna012400002,ＭＯＯＮ,Artist,1:02:03,2026-03-31 23:59:59Z,+3\n",
]


def _read(tmp_path: Path, text: str, period: str = "2026-03") -> tuple[int, Issues, pl.DataFrame]:
    path = tmp_path / "log.csv"
    path.write_text(text, encoding="utf-8")
    parts = tmp_path / "parts"
    parts.mkdir(exist_ok=True)
    batches = LineBatches(parts)
    read, issues = playlog.read_play_log(path, batches, name="log.csv", period=period)
    return read, issues, batches.scan().collect().sort("line_no")


def test_good_lines_are_normalised(tmp_path: Path) -> None:
    read, issues, lines = _read(tmp_path, HEADER + "".join(GOOD))
    assert read == 3 and issues.errors == 0
    assert lines["line_no"].to_list() == [2, 3, 4]
    assert lines["isrc"].to_list() == ["CNA012400001", None, "CNA012400002"]
    assert lines["title"].to_list() == ["月亮代表我的心", "Hello, Goodbye", "ＭＯＯＮ"]
    assert lines["room"].to_list() == ["A01", "A01", "B2"]  # stripped
    assert lines["duration_s"].to_list() == [205, 183, 3723]
    assert lines["weight"].to_list() == [2, 1, 3]
    assert lines["played_at"].to_list() == [
        datetime(2026, 3, 1, 20, 15),  # no offset: as written
        datetime(2026, 3, 1, 12, 15),  # +08:00 -> UTC
        datetime(2026, 3, 31, 23, 59, 59),
    ]
    assert lines["revenue_minor"].null_count() == 3


def test_bad_lines_are_reported_by_line_and_field_and_left_out(tmp_path: Path) -> None:
    bad = [
        "KTV-003,A,BADISRC,x,y,abc,2026-04-01 10:00,0\n",  # line 5
        ",,,,,,,\n",  # line 6
        "KTV-004,A,,t,z,1,yesterday,1\n",  # line 7
    ]
    read, issues, lines = _read(tmp_path, HEADER + "".join(GOOD) + "".join(bad))
    assert read == 6 and lines.height == 3
    found = {(i.line, i.field) for i in issues.kept}
    assert found == {
        (5, "isrc"),
        (5, "duration"),
        (5, "played_at"),
        (5, "plays"),
        (6, "licensee"),
        (6, "title"),
        (6, "played_at"),
        (6, "plays"),
        (7, "played_at"),
    }
    assert issues.errors == 9
    by_key = {(i.line, i.field): i.message for i in issues.kept}
    assert "outside the period 2026-03" in by_key[(5, "played_at")]
    assert "not an ISRC" in by_key[(5, "isrc")]


def test_ragged_split_and_blank_lines_go_the_careful_way_with_exact_line_numbers(tmp_path: Path) -> None:
    text = (
        HEADER
        + GOOD[0]
        + 'KTV-005,A,,"two\nlines",z,1,2026-03-02 10:00,1\n'  # lines 3-4
        + "KTV-006,A,,t,z,1,2026-03-02 10:00,1,extra\n"  # line 5
        + "\n"  # line 6
        + GOOD[1]  # line 7
    )
    read, issues, lines = _read(tmp_path, text)
    assert read == 4  # the blank line is no data line
    assert lines["line_no"].to_list() == [2, 7]
    assert [(i.line, i.severity) for i in issues.kept] == [(3, "error"), (5, "error"), (6, "warning")]
    assert "spans lines 3 to 4" in issues.kept[0].message
    assert "9 fields, the header has 8" in issues.kept[1].message


def test_the_fast_and_the_careful_reader_give_the_same_lines_and_issues(tmp_path: Path) -> None:
    text = HEADER + "".join(GOOD) + "KTV-003,A,BADISRC,x,y,abc,2026-04-01 10:00,0\n"
    path = tmp_path / "log.csv"
    path.write_text(text, encoding="utf-8")
    header = playlog._header(path, "log.csv")
    positions = playlog._columns(header, "log.csv", Issues())
    assert playlog._regular(path, len(header))
    results = []
    for reader in ("fast", "slow"):
        folder = tmp_path / reader
        folder.mkdir()
        batches, issues = LineBatches(folder), Issues()
        if reader == "fast":
            read = playlog._read_fast(path, header, positions, "2026-03", batches, issues)
        else:
            read = playlog._read_slow(path, len(header), positions, "2026-03", batches, issues, None)
        results.append((read, batches.scan().collect().sort("line_no"), issues.kept, issues.errors))
    assert results[0][0] == results[1][0] == 4
    assert results[0][1].equals(results[1][1])
    assert results[0][2] == results[1][2] and results[0][3] == results[1][3] == 4


def test_columns_may_come_in_any_order_with_aliases_and_extra_columns(tmp_path: Path) -> None:
    text = "Plays,played_at,Title,venue,note\n2,2026-03-05 10:00,Song,KTV-9,hi\n"
    read, issues, lines = _read(tmp_path, text)
    assert read == 1 and lines["licensee"].to_list() == ["KTV-9"] and lines["weight"].to_list() == [2]
    assert [(i.line, i.field, i.severity) for i in issues.kept] == [(1, "note", "warning")]


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("", "no header"),
        ("licensee,title,plays\n", "lacks played_at"),
        ("licensee,artist,played_at,plays\n", "lacks isrc or title"),
        ("licensee,title,title,played_at,plays\n", "appears twice"),
        (HEADER + 'KTV,A,,"unterminated,x,1,2026-03-01 10:00,1\n', "unreadable CSV"),
    ],
)
def test_a_header_or_file_that_cannot_work_is_refused(tmp_path: Path, text: str, problem: str) -> None:
    with pytest.raises(UsageStructureError, match=problem):
        _read(tmp_path, text)


def test_invalid_utf8_is_refused_naming_the_line(tmp_path: Path) -> None:
    path = tmp_path / "log.csv"
    path.write_bytes((HEADER + GOOD[0]).encode() + b"KTV,A,,\xff\xfe,x,1,2026-03-01 10:00,1\n")
    with pytest.raises(UsageStructureError, match="line 3: not UTF-8"):
        playlog.read_play_log(path, LineBatches(tmp_path), name="log.csv", period="2026-03")


def test_a_header_alone_and_windows_line_endings(tmp_path: Path) -> None:
    read, issues, lines = _read(tmp_path, HEADER)
    assert (read, issues.errors, lines.height) == (0, 0, 0)
    crlf = (HEADER + "".join(GOOD)).replace("\n", "\r\n")
    read, issues, lines = _read(tmp_path, crlf)
    assert (read, issues.errors) == (3, 0)
    assert lines["weight"].to_list() == [2, 1, 3] and lines["room"].to_list() == ["A01", "A01", "B2"]
