"""The registry's SQLAlchemy models (one declarative base)."""

from registry.models.base import Base
from registry.models.ledger import (
    APPEND_ONLY_TABLES,
    Checkpoint,
    LedgerEntry,
    LogLeaf,
    LogNode,
    checkpoint_table,
    entry_table,
    leaf_table,
    node_table,
)

__all__ = [
    "APPEND_ONLY_TABLES",
    "Base",
    "Checkpoint",
    "LedgerEntry",
    "LogLeaf",
    "LogNode",
    "checkpoint_table",
    "entry_table",
    "leaf_table",
    "node_table",
]
