"""The PDF statement: a member's lines of one period and source, each with a QR code that opens
the portal's Verify page for that very line (its proof fetched and checked against its leaf hash).
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from typing import Any

import segno
from reportlab.graphics.shapes import Drawing, Rect
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from portal.statements import PayoutLine, format_money, verify_url

FONT = "STSong-Light"  # a CID font every PDF reader has: Chinese without shipping a font file
pdfmetrics.registerFont(UnicodeCIDFont(FONT))


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
    member: str,
    period: str,
    source: str,
    lines: Sequence[PayoutLine],
    public_url: str,
    words: Mapping[str, str],
) -> bytes:
    """`words`: the labels in the reader's language (title, member, period, source, total, what,
    amount, scan)."""
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        title=f"{words['title']} {period} {source}",
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=15 * mm,
        bottomMargin=15 * mm,
    )
    normal = ParagraphStyle("n", fontName=FONT, fontSize=9, leading=12)
    heading = ParagraphStyle("h", fontName=FONT, fontSize=16, leading=20)
    currency = lines[0].statement.currency if lines else "CNY"
    total = sum(item.line.amount for item in lines)
    story: list[Any] = [
        Paragraph(f"RightsLedger - {words['title']}", heading),
        Spacer(1, 4 * mm),
        Paragraph(f"{words['member']}: {_escape(member)}", normal),
        Paragraph(f"{words['period']}: {_escape(period)}, {words['source']}: {_escape(source)}", normal),
        Paragraph(f"{words['total']}: {format_money(total, currency)}", normal),
        Spacer(1, 6 * mm),
    ]
    rows: list[list[Any]] = [[words["what"], words["amount"], words["scan"]]]
    for item in lines:
        statement = item.statement
        ident = f"{statement.entry_id} v{statement.version}"
        what = Paragraph(
            f"{_escape(item.what)}<br/><font size=7>{_escape(ident)}<br/>{statement.leaf_hash}</font>",
            normal,
        )
        amount = Paragraph(format_money(item.line.amount, statement.currency), normal)
        rows.append([what, amount, qr_drawing(verify_url(public_url, item))])
    table = Table(rows, colWidths=[110 * mm, 40 * mm, 28 * mm], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, 0), FONT),
                ("GRID", (0, 0), (-1, -1), 0.3, colors.grey),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee")),
            ]
        )
    )
    story.append(table)
    doc.build(story)
    return buffer.getvalue()


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
