"""The registry's SQLAlchemy models (one declarative base)."""

from registry.models.anchoring import (
    ANCHORING_TABLES,
    AnchorAttempt,
    AnchorContractRow,
    AnchorRecord,
    attempt_table,
    contract_table,
    record_table,
)
from registry.models.base import Base
from registry.models.ledger import (
    LEDGER_TABLES,
    Checkpoint,
    LedgerEntry,
    LogLeaf,
    LogNode,
    checkpoint_table,
    entry_table,
    leaf_table,
    node_table,
)

# Every table whose rows are facts once written: triggers refuse UPDATE and DELETE.
APPEND_ONLY_TABLES = LEDGER_TABLES + ANCHORING_TABLES

__all__ = [
    "APPEND_ONLY_TABLES",
    "AnchorAttempt",
    "AnchorContractRow",
    "AnchorRecord",
    "Base",
    "Checkpoint",
    "LedgerEntry",
    "LogLeaf",
    "LogNode",
    "attempt_table",
    "checkpoint_table",
    "contract_table",
    "entry_table",
    "leaf_table",
    "node_table",
    "record_table",
]
