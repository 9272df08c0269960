"""Demo: AI declarations: the rights holder of one demo work declares it AI-assisted (the tool
and the human authors' share), of another that it was made without AI; both are public in the
works' next entries."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from registry.models import Work
from registry.services.repertoire.ai_declarations import AiDeclaration, declare


def declare_examples(session: Session) -> dict[str, Any]:
    first, second = session.scalars(
        select(Work).where(Work.merged_into_id.is_(None)).order_by(Work.id).limit(2)
    ).all()
    declare(session, first.ledger_id, AiDeclaration(involvement="assisted", tool="Suno v4", human_share=7000))
    declare(session, second.ledger_id, AiDeclaration(involvement="none"))
    return {"assisted": first.ledger_id, "none": second.ledger_id}
