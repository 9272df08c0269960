"""The anchoring section of the monthly transparency report, over the month's half-open time range
[start, end). (The repertoire and conflicts sections are the entry kinds' figures, registry.kinds.)"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from registry.models import record_table


def anchoring_section(session: Session, start: datetime, end: datetime, month: str) -> dict[str, Any]:
    rows = session.execute(
        select(record_table.c.tree_size, record_table.c.gas_used, record_table.c.cost_wei).where(
            record_table.c.anchored_at >= start, record_table.c.anchored_at < end
        )
    ).all()
    return {
        "checkpoints": len(rows),
        "largest_tree_size": max((r.tree_size for r in rows), default=0),
        "gas_used": sum(r.gas_used for r in rows),
        "cost_wei": str(sum(int(r.cost_wei) for r in rows)),  # wei exceed 2**53: decimal text
    }
