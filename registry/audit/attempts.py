"""Anchor attempts: each recorded transaction is what its row says (its hash is the hash of the
signed bytes, with that nonce, an `anchor` call for that tree size). A restart sends these bytes
again, so a changed row would send something else, or nothing."""

from __future__ import annotations

from eth_abi.abi import decode
from eth_utils.crypto import keccak
from sqlalchemy import select
from sqlalchemy.orm import Session

from anchor.job import decode_transaction
from registry.audit.findings import AuditReport
from registry.models import AnchorAttempt

_ANCHOR = keccak(text="anchor(uint64,bytes32,bytes32[],bytes32)")[:4]


def check_attempts(session: Session, report: AuditReport) -> None:
    for row in session.scalars(select(AnchorAttempt).order_by(AnchorAttempt.id)):
        report.count("anchor attempts")
        where = f"anchor attempt {row.id} (tree size {row.tree_size}, tx {row.tx_hash})"
        try:
            raw = bytes.fromhex(row.raw_tx.removeprefix("0x"))
            tx = decode_transaction(row.raw_tx)
            data = bytes(tx["data"])
            size = (
                decode(["uint64", "bytes32", "bytes32[]", "bytes32"], data[4:])[0]
                if data[:4] == _ANCHOR
                else None
            )
        except Exception as exc:  # any malformed bytes: the row no longer holds a transaction
            report.add(
                "anchor_attempt", f"the signed transaction does not decode: {type(exc).__name__}", where=where
            )
            continue
        if row.raw_tx != "0x" + raw.hex():  # stored as written: 0x and lowercase hex, one spelling
            report.add(
                "anchor_attempt", "the signed transaction is not stored as it was written", where=where
            )
        if "0x" + keccak(raw).hex() != row.tx_hash:  # one spelling, as written
            report.add(
                "anchor_attempt", "the transaction hash is not the hash of the signed bytes", where=where
            )
        if int(tx["nonce"]) != row.nonce:
            report.add(
                "anchor_attempt",
                f"nonce {row.nonce} recorded, the transaction has {tx['nonce']}",
                where=where,
            )
        if size != row.tree_size:
            report.add(
                "anchor_attempt",
                f"the transaction anchors tree size {size}, not {row.tree_size}",
                where=where,
            )
        if tx.get("to") != row.contract:  # both checksummed: the job looks attempts up by this text
            report.add(
                "anchor_attempt", f"the transaction goes to {tx.get('to')}, not {row.contract}", where=where
            )
