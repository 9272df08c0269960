"""The ledger's tables: recorded entries, the Merkle log over them, and signed checkpoints.

All four are append-only; database triggers (migration 0001) refuse UPDATE and DELETE.
"""

from __future__ import annotations

from datetime import datetime
from typing import cast

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    DateTime,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Table,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import Mapped, mapped_column

from registry.models.base import Base, Counter, Hash

LEDGER_TABLES = ("ledger_entry", "log_leaf", "log_node", "checkpoint")


class LedgerEntry(Base):
    """One recorded entry: its exact canonical bytes and the fields services look it up by."""

    __tablename__ = "ledger_entry"
    # The unique (kind, entry_id, version) index also serves lookups by (kind, entry_id).
    __table_args__ = (
        UniqueConstraint("kind", "entry_id", "version"),
        CheckConstraint("version >= 1", name="version_positive"),
        CheckConstraint("length(leaf_hash) = 32", name="leaf_hash_32"),
    )

    seq: Mapped[int] = mapped_column(Counter, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(40))
    entry_id: Mapped[str] = mapped_column(String(200))
    version: Mapped[int] = mapped_column(Integer)
    prev_hash: Mapped[str | None] = mapped_column(String(64))
    leaf_hash: Mapped[bytes] = mapped_column(Hash, unique=True)
    canonical: Mapped[bytes] = mapped_column(LargeBinary)
    private: Mapped[bool] = mapped_column(Boolean)
    recorded_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.current_timestamp()
    )


class LogLeaf(Base):
    """Position `leaf_index` of the Merkle log holds the entry `entry_seq`."""

    __tablename__ = "log_leaf"
    __table_args__ = (CheckConstraint("length(leaf_hash) = 32", name="leaf_hash_32"),)

    leaf_index: Mapped[int] = mapped_column(Counter, primary_key=True, autoincrement=False)
    leaf_hash: Mapped[bytes] = mapped_column(Hash)
    entry_seq: Mapped[int] = mapped_column(Counter, ForeignKey("ledger_entry.seq"), unique=True)


class LogNode(Base):
    """A cached complete subtree: leaves [node_index << level, (node_index + 1) << level)."""

    __tablename__ = "log_node"
    __table_args__ = (
        CheckConstraint("level >= 1", name="level_above_leaves"),
        CheckConstraint("length(hash) = 32", name="hash_32"),
        {"sqlite_with_rowid": False},  # the key is the only access path: store rows in it
    )

    level: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    node_index: Mapped[int] = mapped_column(Counter, primary_key=True, autoincrement=False)
    hash: Mapped[bytes] = mapped_column(Hash)


class Checkpoint(Base):
    """A signed checkpoint of the log (C2SP note) and the hash of its body that goes on chain."""

    __tablename__ = "checkpoint"
    __table_args__ = (
        CheckConstraint("length(root) = 32", name="root_32"),
        CheckConstraint("length(note_hash) = 32", name="note_hash_32"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    tree_size: Mapped[int] = mapped_column(Counter, unique=True)
    root: Mapped[bytes] = mapped_column(Hash)
    note: Mapped[str] = mapped_column(Text)
    note_hash: Mapped[bytes] = mapped_column(Hash)
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.current_timestamp()
    )


# The Core tables, for bulk inserts and reads that need no ORM objects.
entry_table = cast(Table, LedgerEntry.__table__)
leaf_table = cast(Table, LogLeaf.__table__)
node_table = cast(Table, LogNode.__table__)
checkpoint_table = cast(Table, Checkpoint.__table__)
