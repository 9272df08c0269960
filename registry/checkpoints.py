"""Signed checkpoints of the log, as recorded once anchored."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ledger.store import tree_root
from registry.errors import CheckpointMismatch
from registry.log_store import SqlLogStore
from registry.models import Checkpoint


def save_checkpoint(session: Session, tree_size: int, root: bytes, note: str, note_hash: bytes) -> Checkpoint:
    """Record a checkpoint; refused unless `root` is the log's own root at `tree_size`, so the
    database never vouches for a tree it does not hold."""
    actual = tree_root(SqlLogStore(session), tree_size)
    if actual != root:
        raise CheckpointMismatch(
            f"checkpoint at size {tree_size} says root {root.hex()}, the log's root is {actual.hex()}"
        )
    checkpoint = Checkpoint(tree_size=tree_size, root=root, note=note, note_hash=note_hash)
    session.add(checkpoint)
    session.flush()
    return checkpoint


def latest_checkpoint(session: Session) -> Checkpoint | None:
    return session.scalars(select(Checkpoint).order_by(Checkpoint.tree_size.desc()).limit(1)).first()


def checkpoint_at(session: Session, tree_size: int) -> Checkpoint | None:
    return session.scalars(select(Checkpoint).where(Checkpoint.tree_size == tree_size)).first()


def list_checkpoints(session: Session) -> list[Checkpoint]:
    """Every checkpoint, oldest (smallest tree) first."""
    return list(session.scalars(select(Checkpoint).order_by(Checkpoint.tree_size)))
