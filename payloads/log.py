"""The log as the API states it: its identity, checkpoints and their anchors, the public feed of
leaves and entries, and each recorded version of an entry."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, Field


def _utc(value: datetime) -> datetime:
    # SQLite hands back the database clock's UTC time without its offset: say it is UTC.
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


Timestamp = Annotated[datetime, AfterValidator(_utc)]  # always RFC 3339 with an offset


class LogInfo(BaseModel):
    origin: str
    verifier_key: str | None = Field(description="C2SP signed-note verifier key of the log")
    tree_size: int
    chain_id: int | None
    contract_address: str | None


class CheckpointOut(BaseModel):
    index: int | None = Field(description="the contract's index of this checkpoint; null if not anchored yet")
    tree_size: int
    root: str
    note: str
    note_hash: str
    tx_hash: str | None
    block_number: int | None
    anchored_at: Timestamp | None


class ConsistencyOut(BaseModel):
    """RFC 9162 consistency proof between two tree sizes of the log: check it against the two
    roots you trust (the chain's), never against anything this answer says."""

    first: int = Field(description="the older tree size")
    second: int = Field(description="the newer tree size")
    proof: list[str] = Field(description="the proof's node hashes, hex")


class LeafOut(BaseModel):
    index: int
    leaf_hash: str


class LogEntryOut(BaseModel):
    index: int
    leaf_hash: str
    private: bool
    entry: dict[str, Any] | None = Field(
        description="the whole entry for public kinds; null for private ones"
    )


class EntrySummary(BaseModel):
    index: int
    leaf_hash: str
    kind: str
    id: str
    version: int
    private: bool
    recorded_at: Timestamp


# One recorded version of an entry (a work, a recording, a license...), with its anchoring.
class VersionOut(BaseModel):
    version: int
    leaf_hash: str
    at: str
    body: dict[str, Any]
    leaf_index: int | None
    anchored: bool
    checkpoint_index: int | None


class AuditSummary(BaseModel):
    log_size: int
    pending_entries: int
    entries_per_kind: dict[str, int]
    checkpoints: int
    latest_checkpoint_size: int | None
    latest_anchored_size: int | None


class AnchorOut(BaseModel):
    checkpoint_index: int
    tree_size: int
    root: str
    note_hash: str
    chain_id: int
    contract: str
    tx_hash: str
    block_number: int
    gas_used: int
    gas_price_wei: str = Field(description="decimal string: wei exceed 64 bits")
    cost_wei: str
    anchored_at: Timestamp


class AnchoringStatusOut(BaseModel):
    log_size: int
    pending_entries: int
    latest_checkpoint_size: int | None
    latest_anchor: AnchorOut | None
    unanchored_checkpoints: int
    open_attempts: int
    anchors: int
    total_gas: int
    total_cost_wei: str


class AnchoringEstimateOut(BaseModel):
    """What the next anchoring run would cost: the recent anchors' gas at the latest gas price."""

    pending_entries: int = Field(description="entries the next run would anchor")
    based_on: int = Field(description="recent anchors the estimate reads; 0: none yet, no estimate")
    gas: int | None
    gas_price_wei: str | None = Field(description="decimal string: wei exceed 64 bits")
    cost_wei: str | None = Field(description="gas x gas price, decimal string")


class AnchoringRun(BaseModel):
    status: str
    tree_size: int
    anchored: dict[str, Any] | None
    recovered: list[dict[str, Any]]
