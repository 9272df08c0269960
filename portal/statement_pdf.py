"""The PDF statement: a member's statement of one period and source, named by the member's name
and number, with its figures (gross, deduction, earned, brought and carried forward, net, payment
date), its lines headed as recordings or works, and ONE QR code: the Verify page's fingerprint
check of the statement entry (the latest, which chains to the earlier versions by `prev`).

Built once per statement version: `cached_pdf` keeps each PDF on disk under a key made of the
statement entries' leaf hashes, the language's words and the member, so a rerun of the page or a
second download reads the file and never builds it again.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import tempfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import segno
from reportlab.graphics.shapes import Drawing, Rect
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from payloads.distribution import StatementOut
from portal.statements import PayoutLine, format_money, share_text, statement_url

FONT = "STSong-Light"  # a CID font every PDF reader has: Chinese without shipping a font file
pdfmetrics.registerFont(UnicodeCIDFont(FONT))
PDF_FORMAT = 2  # part of the cache key: a new layout builds new files
QR_SIZE = 30 * mm
# line, kind, code, title, right type, usage, share, amount
WIDTHS = (12 * mm, 16 * mm, 30 * mm, 52 * mm, 18 * mm, 16 * mm, 14 * mm, 22 * mm)
CJK_COLUMNS = {1, 3, 4}
RIGHT_COLUMNS = {0, 5, 6, 7}
ROWS_PER_TABLE = 60  # rows per block: about a page
ROW_HEIGHT = 11  # points: fixed, so reportlab never measures 5,000 rows
WORDS = (
    "title",
    "member",
    "number",
    "period",
    "source",
    "gross",
    "deduction",
    "earned",
    "brought",
    "carried",
    "net",
    "payment_date",
    "not_final",
    "pool",
    "reserve",
    "scan",
    "entry",
    "line",
    "kind",
    "recording",
    "work",
    "code",
    "what",
    "right_type",
    "usage",
    "share",
    "amount",
)


@dataclass(frozen=True, slots=True)
class Holder:
    """Who the statement is for: the member's name and number (M-n), never a login name."""

    name: str
    number: str


def qr_drawing(text: str, size: float = 22 * mm) -> Drawing:
    """The QR code of `text` as vector squares (sharp at any zoom, no image library)."""
    code = segno.make(text, error="m")
    matrix = [list(row) for row in code.matrix]
    modules = len(matrix) + 8  # the quiet zone of 4 modules each side
    cell = size / modules
    drawing = Drawing(size, size)
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            if dark:
                drawing.add(
                    Rect(
                        (x + 4) * cell,
                        size - (y + 5) * cell,
                        cell,
                        cell,
                        fillColor=colors.black,
                        strokeColor=None,
                    )
                )
    return drawing


def statement_pdf(
    *,
    holder: Holder,
    statements: Sequence[StatementOut],
    lines: Sequence[PayoutLine],
    public_url: str,
    words: Mapping[str, str],
    labels: Mapping[str, str] | None = None,
) -> bytes:
    """`statements`: the statement entries of one period and source (the distribution's, then its
    adjustments'), `lines` their lines; `words`: the labels in the reader's language (WORDS);
    `labels`: data values (right types, sources) in the reader's language."""
    missing = [w for w in WORDS if w not in words]
    if missing:
        raise ValueError(f"the PDF statement lacks words for {', '.join(missing)}")
    if not statements:
        raise ValueError("a PDF statement needs at least one statement entry")
    label = dict(labels or {})
    first, latest = statements[0], statements[-1]
    period, source, currency = first.period, first.source, first.currency
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        title=f"{words['title']} {period} {source} {holder.number}",
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=15 * mm,
        bottomMargin=15 * mm,
    )
    normal = ParagraphStyle("n", fontName=FONT, fontSize=9, leading=12)
    small = ParagraphStyle("s", fontName=FONT, fontSize=7, leading=9)
    heading = ParagraphStyle("h", fontName=FONT, fontSize=16, leading=20)

    def money(amount: int) -> str:
        return format_money(amount, currency)

    def total(field: str) -> int:
        return sum(int(getattr(s, field)) for s in statements)

    dates = sorted({s.payment_date for s in statements if s.payment_date})
    facts = [
        (words["member"], f"{holder.name} ({words['number']} {holder.number})"),
        (words["period"], period),
        (words["source"], label.get(source, source)),
        (words["gross"], money(total("gross"))),
        (words["deduction"], money(total("deduction"))),
        (words["earned"], money(total("earned"))),
        (words["brought"], money(total("brought_forward"))),
        (words["carried"], money(total("carried_forward"))),
        (words["net"], money(total("net"))),
        (words["payment_date"], ", ".join(dates) if dates else words["not_final"]),
    ]
    head_rows = [[Paragraph(_escape(k), normal), Paragraph(_escape(v), normal)] for k, v in facts]
    figures = Table(head_rows, colWidths=[38 * mm, 95 * mm])
    figures.setStyle(
        TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("BOTTOMPADDING", (0, 0), (-1, -1), 1)])
    )
    scan = Table(
        [
            [qr_drawing(statement_url(public_url, latest), QR_SIZE)],
            [Paragraph(_escape(words["scan"]), small)],
        ],
        colWidths=[QR_SIZE + 6 * mm],
        rowHeights=[QR_SIZE + 2 * mm, None],
    )
    scan.setStyle(TableStyle([("ALIGN", (0, 0), (-1, -1), "CENTER"), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    header = Table([[figures, scan]], colWidths=[136 * mm, 44 * mm])
    header.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    entries = "<br/>".join(
        f"{_escape(words['entry'])}: {_escape(s.entry_id)} v{s.version} · {s.leaf_hash}" for s in statements
    )
    story: list[Any] = [
        Paragraph(f"RightsLedger - {_escape(words['title'])}", heading),
        Spacer(1, 3 * mm),
        header,
        Spacer(1, 2 * mm),
        Paragraph(
            f"{_escape(words['pool'])}: {money(total('run_pool'))} · {_escape(words['reserve'])}: "
            f"{money(total('run_reserve'))}",
            small,
        ),
        Paragraph(entries, small),
        Spacer(1, 4 * mm),
    ]
    heads = [
        words["line"],
        words["kind"],
        words["code"],
        words["what"],
        words["right_type"],
        words["usage"],
        words["share"],
        words["amount"],
    ]
    rows = [
        [
            str(number),
            words["recording"] if item.line.subject == "recording" else words["work"],
            item.line.code or item.line.id,
            _fit(item.what, 34),
            label.get(item.line.right_type, item.line.right_type),
            f"{item.line.weight:,}",
            share_text(item.line.share),
            money(item.line.amount),
        ]
        for number, item in enumerate(lines, 1)
    ]
    for start in range(0, max(len(rows), 1), ROWS_PER_TABLE):
        story.append(LinesBlock(heads, rows[start : start + ROWS_PER_TABLE]))
    doc.build(story)
    return buffer.getvalue()


class LinesBlock(Flowable):  # type: ignore[misc]  # reportlab has no type hints
    """A page's worth of lines drawn straight on the canvas: a platypus Table spends ~0.2 ms per
    cell, too slow for 5,000 lines x 8 columns. Columns in WIDTHS; numbers right-aligned; text
    columns in the CID font, numbers and codes in Helvetica (cheaper to encode)."""

    def __init__(self, heads: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
        super().__init__()
        self.heads, self.rows = list(heads), list(rows)
        self.width = sum(WIDTHS)
        self.height = ROW_HEIGHT * (len(self.rows) + 1)

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        canvas.setStrokeColor(colors.grey)
        canvas.setLineWidth(0.3)
        canvas.setFillColor(colors.HexColor("#eeeeee"))
        canvas.rect(0, self.height - ROW_HEIGHT, self.width, ROW_HEIGHT, stroke=0, fill=1)
        canvas.setFillColor(colors.black)
        lefts = [sum(WIDTHS[:c]) for c in range(len(WIDTHS))]
        canvas.setFont(FONT, 7)
        for column, text in enumerate(self.heads):
            canvas.drawString(lefts[column] + 2, self.height - ROW_HEIGHT + 3, text)
        for top_row in range(len(self.rows) + 1):
            canvas.line(0, self.height - top_row * ROW_HEIGHT, self.width, self.height - top_row * ROW_HEIGHT)
        # One font at a time: a font change per cell is an operator per cell.
        for font, columns in ((FONT, CJK_COLUMNS), ("Helvetica", set(range(len(WIDTHS))) - CJK_COLUMNS)):
            canvas.setFont(font, 7)
            for number, row in enumerate(self.rows, 1):
                baseline = self.height - (number + 1) * ROW_HEIGHT + 3
                for column in columns:
                    if column in RIGHT_COLUMNS:
                        canvas.drawRightString(lefts[column] + WIDTHS[column] - 2, baseline, row[column])
                    else:
                        canvas.drawString(lefts[column] + 2, baseline, row[column])
        canvas.line(0, 0, self.width, 0)
        x = 0.0
        for width in (0, *WIDTHS):
            x += width
            canvas.line(x, 0, x, self.height)


def _fit(text: str, width: int) -> str:
    """A title within its cell: East Asian characters count double; the full title is in the
    CSV and Excel files (amounts are never shortened)."""
    used, out = 0, list[str]()
    for char in text:
        used += 2 if ord(char) > 0x2E7F else 1
        if used > width:
            return "".join(out) + "…"
        out.append(char)
    return text


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# --- built once per statement version ---------------------------------------------------------
def cache_key(
    holder: Holder, statements: Sequence[StatementOut], words: Mapping[str, str], public_url: str
) -> str:
    """What the PDF depends on: the statement entries (their leaf hashes change with any version),
    the member, the words of the language, the QR's address and the layout."""
    what = {
        "format": PDF_FORMAT,
        "holder": [holder.name, holder.number],
        "entries": [[s.entry_id, s.version, s.leaf_hash, s.payment_date, s.state] for s in statements],
        "words": dict(sorted(words.items())),
        "url": public_url,
    }
    return hashlib.sha256(json.dumps(what, ensure_ascii=False, sort_keys=True).encode()).hexdigest()


def cached_file(directory: Path, key: str) -> bytes | None:
    """The PDF of `key` if it was built before (by any session), else None."""
    try:
        return (directory / f"statement-{key}.pdf").read_bytes()
    except FileNotFoundError:
        return None


def cached_pdf(directory: Path, key: str, build: Callable[[], bytes]) -> tuple[bytes, bool]:
    """The PDF of `key` from `directory`, built (and written atomically) when absent. Returns the
    bytes and whether they were built now."""
    path = directory / f"statement-{key}.pdf"
    known = cached_file(directory, key)
    if known is not None:
        return known, False
    data = build()
    directory.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=directory, suffix=".part")
    with os.fdopen(fd, "wb") as out:
        out.write(data)
    os.replace(tmp, path)  # atomic: two sessions building at once leave one whole file
    return data, True
