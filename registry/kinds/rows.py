"""Loading a batch of rows for the audit's comparison at once (speed only)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from registry.entity_ids import Numbered


def batch_loader(model: Any, ids: Numbered, *options: Any) -> Callable[[Session, list[str]], object]:
    def prefetch(session: Session, entity_ids: list[str]) -> object:
        # One query (and the models' selectin loads) for the batch: later gets hit the session.
        return session.scalars(
            select(model).where(model.id.in_([ids.parse(i) for i in entity_ids])).options(*options)
        ).all()

    return prefetch
