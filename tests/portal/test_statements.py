"""What the portal makes of a member's statement: the CSV, the QR link to the Verify page, the PDF."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from urllib.parse import parse_qs, urlparse

import segno

from payloads.distribution import StatementDetail, StatementLineOut, StatementSummary
from portal.statement_pdf import qr_drawing, statement_pdf
from portal.statements import (
    PayoutLine,
    chart_rows,
    format_money,
    line_listed,
    lines_csv,
    payout_lines,
    proofs_zip,
    verify_url,
)


def statement(entry_id: str, version: int, leaf_hash: str, lines: list[dict[str, object]]) -> StatementDetail:
    return StatementDetail(
        period="2026-03",
        source="karaoke",
        run=version,
        kind="regular",
        entry_id=entry_id,
        version=version,
        leaf_hash=leaf_hash,
        currency="CNY",
        earned=0,
        brought_forward=0,
        carried_forward=0,
        payable=0,
        state="anchored",
        lines=[StatementLineOut.model_validate(line) for line in lines],
    )


LINE = {"subject": "work", "code": None, "right_type": "PR", "weight": 1, "share": 10000}
LINES = payout_lines(
    [
        statement(
            "DL-1",
            2,
            "ab" * 32,
            [LINE | {"id": "W-1", "title": "月亮代表我的心", "weight": 3, "share": 5000, "amount": 12345}],
        ),
        statement("DL-2", 1, "cd" * 32, [LINE | {"id": "W-2", "title": None, "amount": -5}]),
    ]
)
WORDS = {
    "title": "分配结算单",
    "member": "会员",
    "period": "期间",
    "source": "来源",
    "total": "合计",
    "what": "作品",
    "amount": "金额",
    "scan": "扫码验证",
}


def test_money_is_formatted_from_minor_units_without_floats() -> None:
    assert format_money(12345) == "123.45 CNY"
    assert format_money(-5, "USD") == "-0.05 USD"
    assert format_money(100_000_00) == "100,000.00 CNY"


def test_the_csv_keeps_integer_minor_units_and_reads_in_spreadsheets() -> None:
    data = lines_csv("2026-03", "karaoke", LINES)
    assert data.startswith(b"\xef\xbb\xbf")  # the BOM: Chinese titles survive Excel
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert [(r["entry_id"], r["what"], r["amount_minor"]) for r in rows] == [
        ("DL-1", "月亮代表我的心", "12345"),
        ("DL-2", "W-2", "-5"),  # a work without a title is named by its id
    ]
    assert rows[0]["period"] == "2026-03" and rows[0]["leaf_hash"] == "ab" * 32


def test_the_qr_link_opens_verify_for_that_very_line() -> None:
    url = urlparse(verify_url("https://portal.example/", LINES[0]))
    assert (url.scheme, url.netloc, url.path) == ("https", "portal.example", "/verify")
    assert parse_qs(url.query) == {
        "entry": ["DL-1"],
        "kind": ["distribution_line"],
        "version": ["2"],
        "leaf": ["ab" * 32],
    }


def test_the_qr_drawing_has_one_square_per_dark_module() -> None:
    text = verify_url("https://portal.example", LINES[0])
    dark = sum(sum(1 for cell in row if cell) for row in segno.make(text, error="m").matrix)
    assert len(qr_drawing(text).contents) == dark > 100


def test_the_pdf_statement_is_a_pdf_with_a_qr_per_line() -> None:
    pdf = statement_pdf(
        member="M-0001",
        period="2026-03",
        source="karaoke",
        lines=LINES,
        public_url="https://portal.example",
        words=WORDS,
    )
    assert pdf.startswith(b"%PDF-") and pdf.rstrip().endswith(b"%%EOF")
    assert b"STSong-Light" in pdf
    one_line = statement_pdf(
        member="M-0001",
        period="2026-03",
        source="karaoke",
        lines=LINES[:1],
        public_url="https://portal.example",
        words=WORDS,
    )
    assert len(pdf) > len(one_line)  # the second line's QR code is drawn too


def test_chart_rows_and_the_proofs_zip() -> None:
    summary = StatementSummary.model_validate(LINES[0].statement.model_dump() | {"payable": 150, "lines": 1})
    rows = chart_rows([summary])
    assert rows == [
        {"period": "2026-03", "source": "karaoke", "amount_minor": 150, "amount": 1.5, "currency": "CNY"}
    ]
    archive = zipfile.ZipFile(io.BytesIO(proofs_zip({"a.rlproof": b"{}", "b.rlproof": b"[]"})))
    assert archive.namelist() == ["a.rlproof", "b.rlproof"] and archive.read("b.rlproof") == b"[]"


def test_a_line_is_tied_to_the_statement_entry_that_lists_it() -> None:
    body = {
        "columns": ["id", "right_type", "weight", "share", "amount"],
        "lines": [["W-1", "PR", 3, 5000, 12345]],
    }
    proof = json.dumps({"entry": {"body": body}}).encode()
    assert line_listed(proof, LINES[0])
    changed = PayoutLine(LINES[0].statement, LINES[0].line.model_copy(update={"amount": 12346}))
    assert not line_listed(proof, changed)  # a changed amount
    assert not line_listed(b"not json", LINES[0])
