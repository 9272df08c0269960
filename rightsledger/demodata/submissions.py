"""Demo: a Chinese publisher that does not send CWR fills in the works template (Excel, Chinese
headers) and the registry clerk works the review queue: one row is refused on arrival (its
shares do not make 100%), most are accepted at once, one capitalised title is corrected as the
suggestion says, a probable duplicate of a work we hold is rejected with the reason, and a few
stay pending for the portal's Submissions page."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from sqlalchemy import select
from sqlalchemy.orm import Session

from registry.identifiers import generate_isrc, generate_iswc
from registry.models import Submission, Work
from registry.services.repertoire.submission_decisions import accept, accept_many, reject
from registry.services.repertoire.submissions import receive_template
from registry.services.repertoire.work_forms import edit_by_form, register_by_form
from registry.works_template import COLUMNS

PUBLISHER = "星海音乐出版"
_USED = (
    "submitter_work_id",
    "title",
    "iswc",
    "language",
    "writer_1_name",
    "writer_1_role",
    "writer_1_pr_share",
    "writer_1_mr_share",
    "publisher_1_name",
    "publisher_1_pr_share",
    "publisher_1_mr_share",
    "isrc",
    "artist",
    "ai_involvement",
    "ai_tool",
    "human_share",
)
_PENDING_LEFT = 3


def _row(n: int, title: str, writer: str, **more: Any) -> dict[str, Any]:
    return {
        "submitter_work_id": f"XH-2026-{n:03d}",
        "title": title,
        "iswc": generate_iswc(880_000 + n),
        "language": "zh",
        "writer_1_name": writer,
        "writer_1_role": "词曲",
        "writer_1_pr_share": 50,
        "writer_1_mr_share": 50,
        "publisher_1_name": PUBLISHER,
        "publisher_1_pr_share": 50,
        "publisher_1_mr_share": 50,
        "isrc": generate_isrc("CN", "X88", 26, n),
        "artist": writer.replace(", ", ""),
        **more,
    }


def publisher_rows(duplicate_of: Work | None) -> list[dict[str, Any]]:
    rows = [_row(n, f"星海之歌 第{n}号", "林, 晓") for n in range(1, 10)]
    rows[1] |= {"ai_involvement": "辅助", "ai_tool": "Suno v4", "human_share": 80}
    rows[2] |= {"ai_involvement": "无"}
    rows.append(_row(10, "MOONLIGHT  HARBOUR", "林, 晓"))  # capitals, a double space: a tidier title
    rows.append(_row(11, "半数之歌", "林, 晓", writer_1_pr_share=30))  # 30% + 50%: refused on arrival
    if duplicate_of is not None:  # the same song we hold, sent again without its ISWC
        rows.append(_row(12, duplicate_of.title, _writer(duplicate_of), iswc=""))
    return rows


def _writer(work: Work) -> str:
    """The work's first writer as the template names them ("Last, First")."""
    party = next((s.party for s in work.shares if s.party.kind == "person"), None)
    if party is None:
        return "林, 晓"
    return f"{party.name}, {party.first_name}" if party.first_name else party.name


def _by_form(session: Session) -> str:
    """The clerk registers the society's own arrangement by form, then corrects its title."""
    writer = {"name": "林, 晓", "ipi_name": None, "role": "AR", "pr_share": 10_000, "mr_share": 10_000}
    work = {
        "submitter_work_id": "CMO-2026-0001",
        "title": "星海之歌（合唱版）",
        "iswc": None,
        "language": "zh",
        "duration_seconds": 260,
        "writers": [{**writer, "sr_share": 0}],
        "ai": {"involvement": "none", "tool": None, "human_share": None},
    }
    made = register_by_form(session, work, entered_by="clerk")
    edit_by_form(
        session, f"W-{made.work_id}", {**work, "title": "星海之歌（混声合唱版）"}, entered_by="clerk"
    )
    return f"W-{made.work_id}"


def workbook(rows: list[dict[str, Any]]) -> bytes:
    chinese = {c.name: c.chinese for c in COLUMNS}
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "作品"
    sheet.append([chinese[name] for name in _USED])
    for row in rows:
        sheet.append([row.get(name, "") for name in _USED])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def submissions_day(session: Session, target: Path) -> dict[str, Any]:
    """The publisher's template queued and reviewed; what happened, for the demo's line."""
    held = session.scalars(
        select(Work).where(Work.merged_into_id.is_(None), Work.iswc.is_not(None)).order_by(Work.id).limit(1)
    ).first()
    path = target / "works-template-xinghai.xlsx"
    path.write_bytes(workbook(publisher_rows(held)))
    report = receive_template(
        session, path.read_bytes(), name=path.name, submitter=PUBLISHER, submitted_by="clerk"
    )
    queued = list(
        session.scalars(
            select(Submission).where(Submission.file_sha256 == report.sha256).order_by(Submission.id)
        )
    )
    by_number = {s.submitter_work_id: s for s in queued}
    corrected = by_number["XH-2026-010"]
    tidy = next(s["value"] for s in corrected.suggestions if s["kind"] == "title")
    accept(
        session, f"SUB-{corrected.id}", decided_by="clerk", corrected={**corrected.proposed, "title": tidy}
    )
    rejected = by_number.get("XH-2026-012")
    if rejected is not None:
        reject(
            session,
            f"SUB-{rejected.id}",
            reason="probable duplicate of a work we hold: same title and writer",
            decided_by="clerk",
        )
    rest = [s for s in queued if s.status == "pending"]
    bulk = accept_many(session, [f"SUB-{s.id}" for s in rest[:-_PENDING_LEFT]], decided_by="clerk")
    entered = _by_form(session)
    return {
        "form_work": entered,
        "path": path,
        "rows": report.rows,
        "queued": report.received,
        "refused": report.refused,
        "accepted": bulk.accepted + 1,
        "corrected": tidy,
        "rejected": None if rejected is None else f"SUB-{rejected.id}",
        "pending": _PENDING_LEFT,
    }
