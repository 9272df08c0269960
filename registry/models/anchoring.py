"""Where checkpoints were anchored: the contract per chain, each transaction sent (written before
it is broadcast, so a crash can always be reconciled), and each confirmed anchor."""

from __future__ import annotations

from datetime import datetime
from typing import cast

from sqlalchemy import DateTime, Integer, String, Table, Text, UniqueConstraint, func
from sqlalchemy.orm import Mapped, mapped_column

from registry.models.base import Base, Counter, Hash

ANCHORING_TABLES = ("anchor_contract", "anchor_attempt", "anchor_record")


class AnchorContractRow(Base):
    """The anchor contract this CMO uses on a chain (one per chain id)."""

    __tablename__ = "anchor_contract"
    __table_args__ = (UniqueConstraint("chain_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    chain_id: Mapped[int] = mapped_column(Counter)
    address: Mapped[str] = mapped_column(String(42))
    origin: Mapped[str] = mapped_column(String(200))
    deploy_tx: Mapped[str | None] = mapped_column(String(66))
    deploy_block: Mapped[int] = mapped_column(Counter)
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.current_timestamp()
    )


class AnchorAttempt(Base):
    """A signed anchor transaction, recorded before it is broadcast."""

    __tablename__ = "anchor_attempt"
    __table_args__ = (UniqueConstraint("tx_hash"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    chain_id: Mapped[int] = mapped_column(Counter)
    contract: Mapped[str] = mapped_column(String(42))
    tree_size: Mapped[int] = mapped_column(Counter)
    tx_hash: Mapped[str] = mapped_column(String(66))
    nonce: Mapped[int] = mapped_column(Counter)
    raw_tx: Mapped[str] = mapped_column(Text)  # signed: holds no secret, lets a restart re-broadcast
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.current_timestamp()
    )


class AnchorRecord(Base):
    """A checkpoint confirmed on chain: the contract's index for it and what it cost."""

    __tablename__ = "anchor_record"
    __table_args__ = (
        UniqueConstraint("chain_id", "contract", "checkpoint_index"),
        UniqueConstraint("chain_id", "contract", "tree_size"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    chain_id: Mapped[int] = mapped_column(Counter)
    contract: Mapped[str] = mapped_column(String(42))
    checkpoint_index: Mapped[int] = mapped_column(Counter)
    tree_size: Mapped[int] = mapped_column(Counter)
    root: Mapped[bytes] = mapped_column(Hash)
    note_hash: Mapped[bytes] = mapped_column(Hash)
    tx_hash: Mapped[str] = mapped_column(String(66))
    block_number: Mapped[int] = mapped_column(Counter)
    gas_used: Mapped[int] = mapped_column(Counter)
    gas_price_wei: Mapped[str] = mapped_column(String(78))  # wei exceed 64 bits: decimal text
    cost_wei: Mapped[str] = mapped_column(String(78))
    anchored_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.current_timestamp()
    )


contract_table = cast(Table, AnchorContractRow.__table__)
attempt_table = cast(Table, AnchorAttempt.__table__)
record_table = cast(Table, AnchorRecord.__table__)
