"""Reading Excel workbooks written by openpyxl: numbers, times and text in cells, the first sheet
only, the row numbers of the sheet."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import time, timedelta

import pytest
from openpyxl import Workbook

from registry.works_template import TemplateError, parse_works_template

from . import CHINESE_HEADER, HEADER, csv_bytes, work_row, xlsx_bytes

NUMERIC_HEADER = [
    "submitter_work_id",
    "title",
    "iswc",
    "duration",
    "writer_1_name",
    "writer_1_ipi",
    "writer_1_pr_share",
    "writer_1_mr_share",
    "writer_2_name",
    "writer_2_pr_share",
    "writer_2_mr_share",
    "recording_duration",
    "human_share",
    "ai_involvement",
]


def test_numbers_in_cells_are_read_as_written() -> None:
    data = xlsx_bytes(
        [
            NUMERIC_HEADER,
            # a work number and an ISWC without its T, typed as numbers; the IPI lost its zeros
            [
                1001,
                1999,
                345246801,
                245,
                "Chen, Wei",
                14107338,
                66.67,
                50,
                "Li, Na",
                33.33,
                50.0,
                247.0,
                80,
                "assisted",
            ],
        ]
    )
    template = parse_works_template(data, name="works.xlsx")
    assert template.format == "xlsx"
    assert template.problems == ()
    (work,) = template.works
    assert (work.submitter_work_id, work.title, work.iswc, work.duration_seconds) == (
        "1001",
        "1999",
        "T0345246801",
        245,
    )
    assert [(w.ipi_name, w.pr_share, w.mr_share) for w in work.writers] == [
        ("00014107338", 6667, 5000),
        (None, 3333, 5000),
    ]
    assert (work.recordings[0].duration_seconds, work.human_share) == (247, 8000)


def test_a_float_with_binary_noise_is_read_at_excel_precision() -> None:
    header = [
        "submitter_work_id",
        "title",
        "writer_1_name",
        "writer_1_pr_share",
        "writer_2_name",
        "writer_2_pr_share",
    ]
    noisy = 100 - 83.33  # 16.670000000000002 as a float
    data = xlsx_bytes([header, ["W1", "Song", "A", 83.33, "B", noisy]])
    (work,) = parse_works_template(data, name="w.xlsx").works
    assert [w.pr_share for w in work.writers] == [8333, 1667]


def test_numbers_that_are_no_good_values_are_problems() -> None:
    header = ["submitter_work_id", "title", "writer_1_name", "writer_1_pr_share", "writer_1_ipi", "iswc"]
    data = xlsx_bytes([header, ["W1", "Song", "A", 0.333, 123, 345246802]])
    (row,) = parse_works_template(data, name="w.xlsx").rows
    assert [(p.line, p.field) for p in row.problems] == [
        (2, "iswc"),
        (2, "writer_1_ipi"),
        (2, "writer_1_pr_share"),
    ]
    assert "'0.333' has more than 2 decimals" in row.problems[2].message


def test_time_cells_are_durations() -> None:
    header = ["submitter_work_id", "title", "duration", "recording_duration"]
    data = xlsx_bytes([header, ["W1", "Song", time(0, 4, 5), timedelta(minutes=4, seconds=7)]])
    (work,) = parse_works_template(data, name="w.xlsx").works
    assert (work.duration_seconds, work.recordings[0].duration_seconds) == (245, 247)


def test_chinese_headers_and_sheet_row_numbers() -> None:
    row = work_row(title="夜来香", language="ZH")
    data = xlsx_bytes(
        [
            CHINESE_HEADER,
            [row.get(name) for name in HEADER],
            [],  # an empty row: skipped, but counted
            [row.get(name) if name != "submitter_work_id" else "W-2" for name in HEADER],
            [None, "no work number"],
        ]
    )
    template = parse_works_template(data, name="作品.xlsx")
    assert [r.line for r in template.rows] == [2, 4, 5]
    assert [w.title for w in template.works] == ["夜来香", "夜来香"]
    assert [(p.line, p.field) for p in template.problems] == [(5, "submitter_work_id")]


def test_only_the_first_sheet_is_read() -> None:
    workbook = Workbook()
    first = workbook.active
    assert first is not None
    first.append(["submitter_work_id", "title"])
    first.append(["W1", "First"])
    second = workbook.create_sheet("Other")
    second.append(["submitter_work_id", "title"])
    second.append(["W2", "Second"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    template = parse_works_template(buffer.getvalue(), name="w.xlsx")
    assert [w.title for w in template.works] == ["First"]


def test_a_workbook_is_recognised_by_its_bytes_whatever_its_name() -> None:
    data = xlsx_bytes([["submitter_work_id", "title"], ["W1", "Song"]])
    assert parse_works_template(data, name="upload.bin").format == "xlsx"


def test_header_errors_in_a_workbook() -> None:
    with pytest.raises(TemplateError, match=r"w\.xlsx: line 1, column 2: unknown column 'Titel'"):
        parse_works_template(xlsx_bytes([["submitter_work_id", "Titel"], ["W1", "Song"]]), name="w.xlsx")
    with pytest.raises(TemplateError, match=r"w\.xlsx: no data rows"):
        parse_works_template(xlsx_bytes([["submitter_work_id", "title"]]), name="w.xlsx")
    with pytest.raises(TemplateError, match=r"w\.xlsx: empty file"):
        parse_works_template(xlsx_bytes([]), name="w.xlsx")


def test_a_file_named_xlsx_that_is_no_workbook_is_refused() -> None:
    with pytest.raises(TemplateError, match=r"w\.xlsx: not a readable Excel workbook"):
        parse_works_template(csv_bytes([work_row()]), name="w.xlsx")
    with pytest.raises(TemplateError, match=r"w\.xlsx: not a readable Excel workbook"):
        parse_works_template(b"PK\x03\x04" + bytes(200), name="w.xlsx")


def test_rows_beyond_a_wrong_declared_dimension_are_read() -> None:
    # Some programs write a sheet dimension of A1:A1 whatever the sheet holds.
    data = xlsx_bytes([["submitter_work_id", "title"], ["W1", "One"], ["W2", "Two"]])
    source, rewritten = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(rewritten, "w") as target:
        for item in source.infolist():
            content = source.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                content, count = re.subn(
                    rb'<dimension ref="A1:B3"\s*/>', b'<dimension ref="A1:A1"/>', content
                )
                assert count == 1
            target.writestr(item, content)
    template = parse_works_template(rewritten.getvalue(), name="w.xlsx")
    assert [w.title for w in template.works] == ["One", "Two"]
