"""Tests of the works registration template. Helpers to write template files: a valid work row
(GOOD) changed column by column, as CSV or as an Excel workbook."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence

from openpyxl import Workbook

from registry.works_template import COLUMNS, TemplateFile, TemplateRow, parse_works_template

HEADER = [column.name for column in COLUMNS]
CHINESE_HEADER = [column.chinese for column in COLUMNS]

# A work that parses cleanly: two writers and a publisher, the shares adding up to 100%.
GOOD: dict[str, str] = {
    "submitter_work_id": "W-1",
    "title": "Moon Over the Harbour",
    "writer_1_name": "Chen, Wei",
    "writer_1_ipi": "00014107338",
    "writer_1_pr_share": "25",
    "writer_1_mr_share": "25",
    "writer_2_name": "Li, Na",
    "writer_2_role": "A",
    "writer_2_pr_share": "25",
    "writer_2_mr_share": "25",
    "publisher_1_name": "Harbour Music Ltd.",
    "publisher_1_pr_share": "50",
    "publisher_1_mr_share": "50",
}


def work_row(**changes: str | None) -> dict[str, str]:
    """GOOD with some cells changed; None empties a cell."""
    row = dict(GOOD)
    for column, value in changes.items():
        if value is None:
            row.pop(column, None)
        else:
            row[column] = value
    return row


def csv_bytes(
    rows: Iterable[Mapping[str, str]],
    header: Sequence[str] = HEADER,
    *,
    delimiter: str = ",",
    encoding: str = "utf-8",
) -> bytes:
    """A CSV file: `header`, then each row's cells under the canonical column names of HEADER."""
    by_name = dict(zip(HEADER, header, strict=True)) if len(header) == len(HEADER) else None
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        if by_name is None:
            writer.writerow(row.get(h, "") for h in header)
        else:
            writer.writerow(row.get(name, "") for name in by_name)
    return buffer.getvalue().encode(encoding)


def xlsx_bytes(rows: Iterable[Sequence[object]]) -> bytes:
    """A workbook whose first sheet holds `rows` (the header first) as they are: numbers stay numbers."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def parse_csv(*rows: Mapping[str, str], name: str = "works.csv") -> TemplateFile:
    return parse_works_template(csv_bytes(rows), name=name)


def one_row(**changes: str | None) -> TemplateRow:
    """The parsed row of GOOD with `changes`, alone in a file."""
    (row,) = parse_csv(work_row(**changes)).rows
    return row


def where(row: TemplateRow) -> list[tuple[int, str]]:
    """The (line, field) of each problem of the row."""
    return [(problem.line, problem.field) for problem in row.problems]
