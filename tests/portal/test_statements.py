"""What the portal makes of a member's statement: the CSV, the QR link to the Verify page, the PDF."""

from __future__ import annotations

import base64
import csv
import io
import json
import re
import zipfile
import zlib
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest
import segno
from openpyxl import load_workbook

from ledger import Report, Step, StepName
from payloads.distribution import StatementDetail, StatementLineOut, StatementSummary
from portal import statement_pdf as statement_pdf_module
from portal.api_client import ApiUnavailable
from portal.i18n import STRINGS
from portal.statement_pdf import WORDS, Holder, cache_key, cached_pdf, qr_drawing, statement_pdf
from portal.statements import (
    CSV_COLUMNS,
    PayoutLine,
    chart_rows,
    check_entries,
    filter_lines,
    format_money,
    line_listed,
    line_verdicts,
    lines_csv,
    lines_xlsx,
    payout_lines,
    proofs_zip,
    sort_lines,
    statement_url,
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
PDF_WORDS = {w: STRINGS[f"pdf.{w}"][0] for w in WORDS}


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


def pdf_text(pdf: bytes) -> bytes:
    """The PDF's page streams (ASCII85 over Flate, as reportlab writes them), inflated, with the
    string escapes undone: the bytes a reader draws, to look for words in."""
    out = []
    for raw in re.findall(rb"stream\n(.*?)endstream", pdf, re.S):
        data = raw.strip().removesuffix(b"~>")
        out.append(zlib.decompress(base64.a85decode(data)))
    text = b"\n".join(out)
    return re.sub(rb"\\([0-7]{1,3}|.)", lambda m: _unescape(m.group(1)), text, flags=re.S)


def _unescape(code: bytes) -> bytes:
    return bytes([int(code, 8)]) if code[:1].isdigit() else code


def cid(text: str) -> bytes:
    """How the CID font (UniGB-UCS2-H) writes `text`: UCS-2, big-endian."""
    return text.encode("utf-16-be")


def build(monkeypatch: pytest.MonkeyPatch, lines: list[PayoutLine]) -> tuple[bytes, list[str]]:
    drawn: list[str] = []
    original = statement_pdf_module.qr_drawing

    def counting(text: str, size: float = 22) -> Any:
        drawn.append(text)
        return original(text, size)

    monkeypatch.setattr(statement_pdf_module, "qr_drawing", counting)
    statements = list({id(i.statement): i.statement for i in lines}.values())
    pdf = statement_pdf(
        holder=Holder("Lijun Deng", "M-1"),
        statements=statements,
        lines=lines,
        public_url="https://portal.example",
        words=PDF_WORDS,
        labels={"karaoke": "卡拉OK"},
    )
    return pdf, drawn


def test_the_pdf_statement_names_the_member_and_has_one_qr(monkeypatch: pytest.MonkeyPatch) -> None:
    recording = LINES[0].line.model_copy(
        update={"subject": "recording", "id": "R-1", "right_type": "neighbouring"}
    )
    pdf, drawn = build(monkeypatch, [*LINES, PayoutLine(LINES[1].statement, recording)])
    assert pdf.startswith(b"%PDF-") and pdf.rstrip().endswith(b"%%EOF")
    text = pdf_text(pdf)
    assert cid("Lijun Deng") in text and cid("M-1") in text  # the member's name and number
    assert cid("member") not in text  # never the login name
    # one QR for the whole statement: its latest entry's fingerprint check on the Verify page
    assert drawn == [statement_url("https://portal.example", LINES[-1].statement)]
    for word in ("gross", "deduction", "net", "payment_date", "recording", "work"):
        assert cid(PDF_WORDS[word]) in text, word
    assert b"123.45 CNY" in text and b"-0.05 CNY" in text  # amounts in full, in Helvetica


def test_a_big_statement_still_has_one_qr(monkeypatch: pytest.MonkeyPatch) -> None:
    many = [PayoutLine(LINES[0].statement, LINES[0].line) for _ in range(500)]
    pdf, drawn = build(monkeypatch, many)
    assert len(drawn) == 1 and pdf.count(b"/Type /Page\n") + pdf.count(b"/Type /Page ") >= 5


def test_the_pdf_lacking_a_word_is_refused() -> None:
    with pytest.raises(ValueError, match="lacks words for gross"):
        statement_pdf(
            holder=Holder("x", "M-1"),
            statements=[LINES[0].statement],
            lines=LINES,
            public_url="https://portal.example",
            words={k: v for k, v in PDF_WORDS.items() if k != "gross"},
        )


def test_the_pdf_is_built_once_per_statement_version(tmp_path: Path) -> None:
    builds: list[int] = []

    def make() -> bytes:
        builds.append(1)
        return b"%PDF-1.4 statement"

    holder, statements = Holder("Lijun Deng", "M-1"), [LINES[0].statement]
    key = cache_key(holder, statements, PDF_WORDS, "https://portal.example")
    first = cached_pdf(tmp_path, key, make)
    again = cached_pdf(tmp_path, key, make)
    assert first == (b"%PDF-1.4 statement", True) and again == (b"%PDF-1.4 statement", False)
    assert len(builds) == 1  # a second download, another session: read, not built
    newer = [statements[0].model_copy(update={"version": 3, "leaf_hash": "ef" * 32})]
    assert cache_key(holder, newer, PDF_WORDS, "https://portal.example") != key  # a new version
    english = PDF_WORDS | {"title": "Royalty statement"}
    assert cache_key(holder, statements, english, "https://portal.example") != key  # another language
    assert list(tmp_path.iterdir()) == [tmp_path / f"statement-{key}.pdf"]  # no partial file left


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


# --- the table, Excel, and verifying every line at once -----------------------------------------
def test_filter_search_and_sort_by_integer_amounts() -> None:
    lines = [
        *LINES,
        PayoutLine(
            LINES[0].statement,
            LINES[0].line.model_copy(
                update={
                    "subject": "recording",
                    "id": "R-9",
                    "code": "CNA122650001",
                    "title": "Moon",
                    "right_type": "neighbouring",
                    "amount": 99,
                }
            ),
        ),
    ]
    assert filter_lines(lines, subjects=["recording"]) == [2]
    assert filter_lines(lines, right_types=["PR"]) == [0, 1]
    assert filter_lines(lines, text="cna1226") == [2] == filter_lines(lines, text=" moon ")
    assert filter_lines(lines, text="月亮") == [0] and filter_lines(lines, text="W-2") == [1]
    assert sort_lines(lines, [0, 1, 2], "amount", False) == [1, 2, 0]  # -5, 99, 12345: not as text
    assert sort_lines(lines, [0, 1, 2], "amount", True) == [0, 2, 1]
    with pytest.raises(ValueError, match="cannot sort by"):
        sort_lines(lines, [0], "leaf", False)


def test_the_excel_file_keeps_fen_and_shows_yuan_exactly() -> None:
    headings = [c.upper() for c in CSV_COLUMNS] + ["YUAN"]
    book = load_workbook(io.BytesIO(lines_xlsx("2026-03", "karaoke", LINES, headings)))
    rows = list(book.active.iter_rows(values_only=True))
    assert list(rows[0]) == headings
    assert rows[1][4] == "月亮代表我的心" and rows[1][7] == 12345 and str(rows[1][-1]) == "123.45"
    assert rows[2][7] == -5 and str(rows[2][-1]) == "-0.05"
    with pytest.raises(ValueError, match="headings needed"):
        lines_xlsx("2026-03", "karaoke", LINES, ["one"])


def test_a_formula_in_a_title_is_written_as_text_in_excel() -> None:
    evil = [PayoutLine(LINES[0].statement, LINES[0].line.model_copy(update={"title": "=HYPERLINK(1)"}))]
    book = load_workbook(io.BytesIO(lines_xlsx("2026-03", "karaoke", evil, [*list(CSV_COLUMNS), "y"])))
    assert list(book.active.iter_rows(values_only=True))[1][4] == "'=HYPERLINK(1)"


def proof_of(rows: list[list[object]]) -> bytes:
    body = {"columns": ["id", "right_type", "weight", "share", "amount"], "lines": rows}
    return json.dumps({"entry": {"body": body}}).encode()


PASSED = Report([Step.passed(StepName.LEAF_HASH, "ok")])
FAILED = Report([Step.failed(StepName.LEAF_HASH, "changed")])


def test_every_line_is_verified_with_one_proof_per_statement_entry() -> None:
    many = [
        PayoutLine(LINES[0].statement, LINES[0].line.model_copy(update={"id": f"W-{n}"})) for n in range(5000)
    ]
    stated = [[f"W-{n}", "PR", 3, 5000, 12345] for n in range(5000)]
    fetched: list[tuple[str, int]] = []
    verified: list[str] = []

    def fetch(entry: str, version: int) -> bytes:
        fetched.append((entry, version))
        return proof_of(stated)

    def verify(data: bytes, leaf: str) -> Report:
        verified.append(leaf)
        return PASSED

    checks = check_entries(many, fetch, verify)
    assert fetched == [("DL-1", 2)] and verified == ["ab" * 32]  # one fetch, one check
    verdicts = line_verdicts(many, checks)
    assert {v.outcome for v in verdicts} == {"verified"} and len(verdicts) == 5000


def test_a_line_not_stated_a_failed_proof_and_a_missing_proof_each_say_so() -> None:
    def fetch(entry: str, version: int) -> bytes:
        if entry == "DL-2":
            raise ApiUnavailable("http://api", "connection refused")
        return proof_of([["W-1", "PR", 3, 5000, 12346]])  # the amount differs by a fen

    checks = check_entries(LINES, fetch, lambda data, leaf: PASSED)
    assert [(v.outcome, v.entry_id) for v in line_verdicts(LINES, checks)] == [
        ("not_listed", "DL-1"),
        ("unavailable", "DL-2"),
    ]
    assert "connection refused" in line_verdicts(LINES, checks)[1].detail
    failed = check_entries(
        LINES[:1], lambda e, v: proof_of([["W-1", "PR", 3, 5000, 12345]]), lambda data, leaf: FAILED
    )
    verdict = line_verdicts(LINES[:1], failed)[0]
    assert (verdict.outcome, verdict.detail) == ("not_proven", "leaf hash")


def test_a_line_stated_once_proves_one_line_only() -> None:
    twice = [LINES[0], LINES[0]]
    checks = check_entries(
        twice, lambda e, v: proof_of([["W-1", "PR", 3, 5000, 12345]]), lambda data, leaf: PASSED
    )
    assert [v.outcome for v in line_verdicts(twice, checks)] == ["verified", "not_listed"]
