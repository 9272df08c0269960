"""The chain: every checkpoint on the contract is one this log signed (size, root, note hash),
consecutive checkpoints are consistent by the contract's own `verifyConsistency`, and every
anchor the database records is on chain, in the transaction and block it names."""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from functools import cache
from hashlib import sha256
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session
from web3.exceptions import TransactionNotFound

from anchor.contract import AnchorContract, AnchoredEvent, AnchorReverted, OnChainCheckpoint
from ledger.errors import LedgerError
from ledger.store import tree_consistency_proof
from registry.audit.checkpoints import StoredCheckpoint
from registry.audit.findings import AuditReport
from registry.log_store import SqlLogStore
from registry.models import AnchorContractRow, AnchorRecord

_TX_HASH = re.compile(r"0x[0-9a-fA-F]{64}")


class ChainView:
    """Read-only views of the anchor contract, each asked once per view: an audit (or a test
    that audits many tampered copies of one database against one chain) reuses the answers."""

    def __init__(self, contract: AnchorContract, chain_id: int) -> None:
        self.contract, self.chain_id = contract, chain_id
        self.address = contract.address
        self.count = cache(contract.checkpoint_count)
        self.checkpoint = cache(contract.checkpoint)
        self._consistency = cache(self._verify_consistency)
        self.receipt = cache(self._receipt)

    def verify_consistency(self, first: int, second: int, proof: Sequence[bytes]) -> bool:
        return bool(self._consistency(first, second, tuple(proof)))

    def _verify_consistency(self, first: int, second: int, proof: tuple[bytes, ...]) -> bool:
        try:
            return self.contract.verify_consistency(first, second, list(proof))
        except AnchorReverted:
            return False

    def _receipt(self, tx_hash: str) -> Any:
        if not _TX_HASH.fullmatch(tx_hash):
            return None  # not a transaction hash: no transaction has it
        try:
            return self.contract.w3.eth.get_transaction_receipt(tx_hash)  # type: ignore[arg-type]
        except TransactionNotFound:
            return None

    def event(self, receipt: Any) -> AnchoredEvent | None:
        try:
            return self.contract.anchored_in(receipt)
        except AnchorReverted:
            return None


def check_chain(
    session: Session,
    report: AuditReport,
    chain: ChainView,
    checkpoints: list[StoredCheckpoint],
    roots: dict[int, bytes],
) -> None:
    row = session.scalars(
        select(AnchorContractRow).where(AnchorContractRow.chain_id == chain.chain_id)
    ).first()
    if row is None or row.address != chain.address:  # exact: the job looks its contract up by this text
        report.add(
            "chain",
            f"the database records no anchor contract {chain.address} on chain id {chain.chain_id}",
            where=f"chain id {chain.chain_id}",
        )
    signed = {cp.tree_size: cp for cp in checkpoints}
    count = chain.count()
    on_chain = [chain.checkpoint(i) for i in range(count)]
    for cp in on_chain:
        report.count("on-chain checkpoints")
        _one(report, cp, signed.get(cp.tree_size), roots)
    _consistency(session, report, chain, on_chain)
    _records(session, report, chain, on_chain)


def _one(
    report: AuditReport, cp: OnChainCheckpoint, stored: StoredCheckpoint | None, roots: dict[int, bytes]
) -> None:
    where = f"on-chain checkpoint {cp.index} (tree size {cp.tree_size})"
    if stored is None:
        report.add("chain", "this log holds no signed checkpoint of that size", where=where)
        return
    if cp.root != stored.root:
        report.add(
            "chain", f"root on chain {cp.root.hex()}, signed checkpoint {stored.root.hex()}", where=where
        )
    if cp.note_hash != stored.note_hash:
        report.add(
            "chain",
            f"note hash on chain {cp.note_hash.hex()}, signed checkpoint {stored.note_hash.hex()}",
            where=where,
        )
    if sha256(stored.note.encode("utf-8")).digest() != cp.note_hash:
        report.add(
            "chain",
            "the signed note stored for this size is not the one anchored (its hash differs)",
            where=where,
        )
    rebuilt = roots.get(cp.tree_size)
    if rebuilt is not None and rebuilt != cp.root:
        report.add(
            "chain", f"root on chain {cp.root.hex()}, the rebuilt log gives {rebuilt.hex()}", where=where
        )


def _consistency(
    session: Session, report: AuditReport, chain: ChainView, on_chain: list[OnChainCheckpoint]
) -> None:
    """The contract checked each anchor against the one before; ask it again with proofs from this
    database: it confirms that the log we hold extends every anchored tree."""
    store = SqlLogStore(session)
    for before, after in itertools.pairwise(on_chain):
        where = f"on-chain checkpoints {before.index} -> {after.index}"
        if after.tree_size <= before.tree_size:
            report.add(
                "chain", f"tree size does not grow: {before.tree_size} -> {after.tree_size}", where=where
            )
            continue
        try:
            proof = tree_consistency_proof(store, before.tree_size, after.tree_size)
        except LedgerError as exc:
            report.add("chain", f"no consistency proof from this log: {exc}", where=where)
            continue
        if not chain.verify_consistency(before.index, after.index, proof):
            report.add(
                "chain", "the contract's verifyConsistency refuses this log's consistency proof", where=where
            )


def _records(
    session: Session, report: AuditReport, chain: ChainView, on_chain: list[OnChainCheckpoint]
) -> None:
    rows = session.scalars(
        select(AnchorRecord).where(AnchorRecord.chain_id == chain.chain_id).order_by(AnchorRecord.id)
    ).all()
    recorded = {r.checkpoint_index for r in rows if r.contract == chain.address}
    for r in rows:
        report.count("anchor records")
        where = f"anchor record of checkpoint {r.checkpoint_index} (tree size {r.tree_size}, tx {r.tx_hash})"
        if r.contract != chain.address:  # one contract per chain: any other address is not ours
            report.add(
                "anchor_record", f"recorded for contract {r.contract}, not {chain.address}", where=where
            )
            continue
        if r.checkpoint_index >= len(on_chain):
            report.add("anchor_record", f"the contract holds only {len(on_chain)} checkpoints", where=where)
            continue
        cp = on_chain[r.checkpoint_index]
        for name, mine, theirs in (
            ("tree size", r.tree_size, cp.tree_size),
            ("root", bytes(r.root).hex(), cp.root.hex()),
            ("note hash", bytes(r.note_hash).hex(), cp.note_hash.hex()),
        ):
            if mine != theirs:
                report.add("anchor_record", f"{name} {mine} recorded, {theirs} on chain", where=where)
        receipt = chain.receipt(r.tx_hash)
        event = chain.event(receipt) if receipt is not None and receipt["status"] == 1 else None
        if event is None:
            report.add(
                "anchor_record", "the chain has no successful anchor transaction with this hash", where=where
            )
            continue
        if r.tx_hash != "0x" + bytes(receipt["transactionHash"]).hex():  # one spelling, as written
            report.add("anchor_record", "the transaction hash is not stored as it was written", where=where)
        if (event.index, event.tree_size, event.root, event.note_hash) != (
            r.checkpoint_index,
            cp.tree_size,
            cp.root,
            cp.note_hash,
        ):
            report.add(
                "anchor_record",
                f"the transaction anchored checkpoint {event.index}, not this one",
                where=where,
            )
        mined_in = int(receipt["blockNumber"])
        if mined_in != r.block_number:
            # The same signed transaction, mined again after a reorganisation dropped it: the record
            # (append-only) keeps the first block; proofs rely on the checkpoint index, which holds.
            report.notes.append(
                f"{where}: recorded in block {r.block_number}, now in block {mined_in} "
                "(mined again after a chain reorganisation)"
            )
        elif int(receipt["gasUsed"]) != r.gas_used or _wei(r.cost_wei) != _wei(r.gas_price_wei) * r.gas_used:
            report.add(
                "anchor_record", "the gas used or its cost differ from the transaction's receipt", where=where
            )
    for cp in on_chain:
        if cp.index not in recorded:
            report.notes.append(
                f"on-chain checkpoint {cp.index} (tree size {cp.tree_size}) is not recorded in the "
                "database yet: `rightsledger anchor` records it when it reconciles"
            )


def _wei(text: str) -> int:
    """A recorded amount of wei (decimal text); -1 when it is not a number (never a valid cost)."""
    return int(text) if text.isdigit() else -1
