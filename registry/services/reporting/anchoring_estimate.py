"""What the next anchoring run would cost, before an admin spends gas on it: the gas of the
recent anchors (the middle one: a checkpoint costs about the same each time, growing with the
log's consistency proof) at the latest gas price. An estimate, stated as such."""

from __future__ import annotations

from dataclasses import dataclass
from statistics import median_low

from sqlalchemy import select
from sqlalchemy.orm import Session

from registry.models import AnchorRecord
from registry.services.reporting.lookups import entries_beyond

RECENT = 10  # anchors the estimate reads


@dataclass(frozen=True)
class AnchoringEstimate:
    pending_entries: int  # entries the next run would anchor
    based_on: int  # anchors the figures come from; 0: none yet, no estimate
    gas: int | None
    gas_price_wei: int | None
    cost_wei: int | None  # gas x gas price


def anchoring_estimate(session: Session) -> AnchoringEstimate:
    recent = session.execute(
        select(AnchorRecord.tree_size, AnchorRecord.gas_used, AnchorRecord.gas_price_wei)
        .order_by(AnchorRecord.tree_size.desc(), AnchorRecord.id.desc())
        .limit(RECENT)
    ).all()
    anchored = recent[0].tree_size if recent else 0
    pending = entries_beyond(session, anchored)
    if not recent:
        return AnchoringEstimate(pending, 0, None, None, None)
    gas = int(median_low(int(r.gas_used) for r in recent))
    price = int(recent[0].gas_price_wei)
    return AnchoringEstimate(pending, len(recent), gas, price, gas * price)
