"""The auditor's checks, done by the portal itself from the chain and the public log feed:
checkpoints read from the contract, their consistency recomputed from the leaves, the data
service's checkpoints compared with the chain, public entries re-hashed, and per-period
distribution totals checked for conservation (to the fen)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from anchor.chain import ChainConnection
from anchor.contract import AnchorContract, OnChainCheckpoint
from ledger import LedgerError, parse_entry
from ledger.checkpoint import Checkpoint, note_hash
from ledger.note import Verifier, verify_note
from ledger.store import MemoryLogStore, tree_consistency_proof, tree_root
from payloads.distribution import DistributionOut
from payloads.log import CheckpointOut, LogEntryOut

Progress = Callable[[float], None]


@dataclass(frozen=True, slots=True)
class ChainCheckpoint:
    checkpoint: OnChainCheckpoint
    tx_hash: str | None
    block_number: int | None


def chain_checkpoints(conn: ChainConnection, address: str) -> list[ChainCheckpoint]:
    """Every checkpoint of the contract, with the transaction that anchored it (from its events)."""
    contract = AnchorContract(conn.w3, address)
    events = {event.index: event for event in contract.anchored_events()}
    out = []
    for index in range(contract.checkpoint_count()):
        event = events.get(index)
        out.append(
            ChainCheckpoint(
                contract.checkpoint(index),
                event.tx_hash if event else None,
                event.block_number if event else None,
            )
        )
    return out


def sizes_grow(checkpoints: Sequence[ChainCheckpoint]) -> list[str]:
    problems = []
    for before, after in pairwise(checkpoints):
        if after.checkpoint.tree_size <= before.checkpoint.tree_size:
            problems.append(
                f"checkpoint {after.checkpoint.index} has size {after.checkpoint.tree_size}, "
                f"not more than {before.checkpoint.tree_size}"
            )
    return problems


def store_of(leaf_hashes: Iterable[str]) -> MemoryLogStore:
    store = MemoryLogStore()
    try:
        store.append([bytes.fromhex(h) for h in leaf_hashes])
    except ValueError as exc:
        raise LedgerError(f"a leaf hash from the log feed is not hex: {exc}") from None
    return store


def roots_match(store: MemoryLogStore, checkpoints: Sequence[ChainCheckpoint]) -> list[str]:
    """Each on-chain root recomputed from one sequence of leaves: if all match, every checkpoint
    extends the previous one (they share the prefix), whatever the data service claims."""
    problems = []
    for item in checkpoints:
        cp = item.checkpoint
        if cp.tree_size > store.size():
            problems.append(
                f"checkpoint {cp.index}: the log feed has {store.size()} leaves, not {cp.tree_size}"
            )
            continue
        recomputed = tree_root(store, cp.tree_size)
        if recomputed != cp.root:
            problems.append(
                f"checkpoint {cp.index} (size {cp.tree_size}): chain root {cp.root.hex()}, "
                f"leaves give {recomputed.hex()}"
            )
    return problems


def contract_agrees(
    contract: AnchorContract, store: MemoryLogStore, checkpoints: Sequence[ChainCheckpoint]
) -> list[str]:
    """The contract's own verifyConsistency between each checkpoint and the next."""
    problems = []
    for before, after in pairwise(checkpoints):
        proof = tree_consistency_proof(store, before.checkpoint.tree_size, after.checkpoint.tree_size)
        if not contract.verify_consistency(before.checkpoint.index, after.checkpoint.index, proof):
            problems.append(
                f"the contract rejects consistency {before.checkpoint.index} -> {after.checkpoint.index}"
            )
    return problems


def published_match(
    published: Sequence[CheckpointOut],
    checkpoints: Sequence[ChainCheckpoint],
    verifier: Verifier,
    origin: str | None,
) -> list[str]:
    """The data service's checkpoints against the chain: same size and root, and a signed note
    whose hash is the one on chain."""
    by_index = {item.checkpoint.index: item.checkpoint for item in checkpoints}
    problems = []
    for item in published:
        index, note = item.index, item.note
        onchain = by_index.get(index) if index is not None else None
        if onchain is None:
            problems.append(f"published checkpoint {index} is not on chain")
            continue
        try:
            body = verify_note(note, [verifier])
            parsed = Checkpoint.parse(body)
        except LedgerError as exc:
            problems.append(f"checkpoint {index}: {exc}")
            continue
        if origin and parsed.origin != origin:
            problems.append(f"checkpoint {index} is of log {parsed.origin!r}, not {origin!r}")
        if (parsed.size, parsed.root, note_hash(note)) != (
            onchain.tree_size,
            onchain.root,
            onchain.note_hash,
        ):
            problems.append(f"checkpoint {index}: the signed note differs from the chain's")
    return problems


@dataclass(frozen=True, slots=True)
class EntriesChecked:
    """How many entries of the feed were checked, public and private apart: a public entry is
    re-hashed from its content, a private one only compared by its published leaf hash."""

    public: int
    private: int
    problems: list[str]


def entries_match(entries: Iterable[LogEntryOut], store: MemoryLogStore) -> EntriesChecked:
    """The log feed's entries against the leaf at their index: public ones re-hashed, private
    ones (their leaf hash only) compared."""
    public, private, problems = 0, 0, []
    for item in entries:
        index = item.index
        if not 0 <= index < store.size():
            problems.append(f"entry at index {index!r} is outside the log")
            continue
        leaf = store.leaf_hashes(index, index + 1)[0]
        if item.entry is None:  # a private entry: its leaf hash only
            if item.leaf_hash != leaf.hex():
                problems.append(f"leaf {index}: feed states {item.leaf_hash}, the log holds {leaf.hex()}")
            private += 1
            continue
        try:
            computed = parse_entry(item.entry).leaf_hash()
        except LedgerError as exc:
            problems.append(f"entry at index {index}: {exc}")
            continue
        if computed != leaf:
            problems.append(f"entry at index {index} hashes to {computed.hex()}, the log holds {leaf.hex()}")
        public += 1
    return EntriesChecked(public, private, problems)


# --- conservation ---------------------------------------------------------------------------
# The distribution_summary entry's body (registry/services/distribution/runs.py): the pool (fen) is
# split into the administrative deduction, the reserves (a table by reason) and what was
# allocated to members.
PARTS = ("deduction", "reserve", "allocated")


@dataclass(frozen=True, slots=True)
class Conservation:
    period: str
    source: str
    pool: int | None
    parts: dict[str, int]
    currency: str

    @property
    def checkable(self) -> bool:
        return self.pool is not None and "allocated" in self.parts

    @property
    def difference(self) -> int | None:
        return self.pool - sum(self.parts.values()) if self.checkable and self.pool is not None else None

    @property
    def conserved(self) -> bool | None:
        return None if not self.checkable else self.difference == 0


def _amount(body: Mapping[str, Any], name: str) -> int | None:
    """An integer figure, or the sum of a table of them (the reserves by reason)."""
    value = body.get(name)
    if isinstance(value, Mapping) and all(type(v) is int for v in value.values()):
        value = sum(value.values())
    return value if type(value) is int else None


def conservation(summary: DistributionOut) -> Conservation:
    body = summary.body  # the entry's own figures, as published
    parts = {name: v for name in PARTS if (v := _amount(body, name)) is not None}
    currency = body.get("currency")
    return Conservation(
        summary.period,
        summary.source,
        _amount(body, "pool"),
        parts,
        currency if isinstance(currency, str) else "CNY",
    )
