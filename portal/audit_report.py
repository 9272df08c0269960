"""The auditor's signed report: what the portal checked (checkpoints on chain, roots recomputed
from the leaves, consistency, entries re-hashed, distribution totals, the registry's counts), as
JSON signed with a dedicated Ed25519 key (a C2SP signed note over the report's RFC 8785 SHA-256),
and as a PDF of the same figures.

Anyone holding the report and the key's verifier key (shown on the Auditor page and inside the
file) checks it with `verify_signed`, or by hand: JCS-hash `report`, compare with the note's second
line, verify the note with any C2SP signed-note verifier."""

from __future__ import annotations

import hashlib
import io
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from ledger import LedgerError
from ledger.canonical import canonical_bytes
from ledger.note import Signer, Verifier, sign_note, verify_note
from portal.statement_pdf import FONT

FORMAT = "rightsledger-audit-report/1"
TITLE = "RightsLedger audit report"
KEY_NAME = "rightsledger-portal-audit"


class AuditReportError(ValueError):
    """A signed audit report that does not verify; the message says why."""


def signing_key(path: Path) -> Signer:
    """The portal's audit key: read from `path`, or made there on first use (owner-only file)."""
    if path.is_file():
        return Signer.from_skey(path.read_text())
    signer = Signer.generate(KEY_NAME)
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w") as out:
        out.write(signer.skey + "\n")
    return signer


def digest(report: Mapping[str, Any]) -> str:
    return hashlib.sha256(canonical_bytes(report)).hexdigest()


def sign_report(report: Mapping[str, Any], signer: Signer) -> dict[str, Any]:
    """The signed document: the report, its JCS SHA-256, the note signing that hash, the key."""
    hashed = digest(report)
    return {
        "format": FORMAT,
        "report": dict(report),
        "sha256": hashed,
        "note": sign_note(f"{TITLE}\n{hashed}\n", signer),
        "verifier_key": signer.verifier().vkey,
    }


def verify_signed(doc: Mapping[str, Any], vkey: str) -> str:
    """The report's SHA-256 when `doc` is a report signed by the key `vkey` (the one you pinned, not
    the one the file names); AuditReportError otherwise."""
    if doc.get("format") != FORMAT:
        raise AuditReportError(f"not an audit report of format {FORMAT}")
    report, note = doc.get("report"), doc.get("note")
    if not isinstance(report, Mapping) or not isinstance(note, str):
        raise AuditReportError("the file has no report or no signature note")
    try:
        body = verify_note(note, [Verifier.from_vkey(vkey)])
    except LedgerError as exc:
        raise AuditReportError(f"the signature does not verify: {exc}") from None
    lines = body.split("\n")
    if len(lines) != 3 or lines[0] != TITLE:
        raise AuditReportError("the signed note is not an audit report's")
    try:
        hashed = digest(report)
    except LedgerError as exc:
        raise AuditReportError(f"the report is not canonical JSON: {exc}") from None
    if lines[1] != hashed:
        raise AuditReportError(f"the report hashes to {hashed}, the signature covers {lines[1]}")
    return hashed


def report_pdf(doc: Mapping[str, Any], words: Mapping[str, str]) -> bytes:
    """The signed report as a PDF: its checks, checkpoints and counts, its hash and the key that
    signed it (the JSON is what a verifier checks; the PDF is for people)."""
    style = ParagraphStyle("body", fontName=FONT, fontSize=9, leading=12)
    head = ParagraphStyle("head", parent=style, fontSize=15, leading=20, spaceAfter=6)
    sub = ParagraphStyle("sub", parent=style, fontSize=11, leading=15, spaceBefore=8, spaceAfter=4)
    small = ParagraphStyle("small", parent=style, fontSize=7, leading=9)
    report = doc["report"]

    def table(rows: Sequence[Sequence[str]], widths: Sequence[float]) -> Table:
        cells = [
            [Paragraph(str(cell), small if len(str(cell)) > 40 else style) for cell in row] for row in rows
        ]
        made = Table(cells, colWidths=list(widths), repeatRows=1)
        made.setStyle(
            TableStyle(
                [
                    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee")),
                    ("GRID", (0, 0), (-1, -1), 0.3, colors.grey),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ]
            )
        )
        return made

    story: list[Any] = [
        Paragraph(words["title"], head),
        Paragraph(f"{words['generated_at']}: {report.get('generated_at', '')}", style),
        Paragraph(f"{words['log']}: {report.get('log', {}).get('origin', '')}", style),
        Paragraph(f"{words['contract']}: {report.get('log', {}).get('contract', '')}", style),
        Paragraph(f"{words['verdict']}: {words['passed' if report.get('passed') else 'failed']}", style),
        Paragraph(words["checks"], sub),
        table(
            [[words["check"], words["result"], words["detail"]]]
            + [
                [
                    c["title"],
                    words["passed" if c["passed"] else "failed"],
                    "; ".join(c.get("problems", [])) or c.get("detail", ""),
                ]
                for c in report.get("checks", [])
            ],
            (60 * mm, 25 * mm, 95 * mm),
        ),
        Paragraph(words["checkpoints"], sub),
        table(
            [["#", words["tree_size"], words["anchored_at"], words["block"], words["tx"]]]
            + [
                [
                    str(c["index"]),
                    f"{c['tree_size']:,}",
                    c["anchored_at"],
                    str(c["block"] or ""),
                    c["tx"] or "",
                ]
                for c in report.get("checkpoints", [])
            ],
            (10 * mm, 22 * mm, 38 * mm, 18 * mm, 92 * mm),
        ),
        Paragraph(words["counts"], sub),
        table(
            [[words["kind"], words["entries"]]]
            + [
                [kind, f"{n:,}"]
                for kind, n in report.get("registry_counts", {}).get("entries_per_kind", {}).items()
            ],
            (90 * mm, 40 * mm),
        ),
        Spacer(1, 6 * mm),
        Paragraph(words["signature"], sub),
        Paragraph(f"SHA-256 (RFC 8785): {doc['sha256']}", small),
        Paragraph(f"{words['key']}: {doc['verifier_key']}", small),
    ]
    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=A4, leftMargin=15 * mm, rightMargin=15 * mm, title=words["title"]).build(
        story
    )
    return out.getvalue()
