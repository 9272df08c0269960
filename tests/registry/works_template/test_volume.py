"""A large file: every row is read, in order, with its line."""

from __future__ import annotations

from registry.identifiers import generate_ipi_name, generate_iswc
from registry.works_template import parse_works_template

from . import csv_bytes, work_row


def test_a_5000_row_file_parses_with_all_rows() -> None:
    rows = [
        work_row(submitter_work_id=f"W{n}", iswc=generate_iswc(n), writer_1_ipi=generate_ipi_name(n + 1))
        for n in range(5000)
    ]
    template = parse_works_template(csv_bytes(rows), name="catalogue.csv")
    assert len(template.rows) == 5000
    assert template.problems == ()
    assert [w.line for w in template.works] == list(range(2, 5002))
    assert template.works[-1].submitter_work_id == "W4999"
    assert template.works[-1].iswc == generate_iswc(4999)
