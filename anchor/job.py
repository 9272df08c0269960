"""The anchoring job (DESIGN.md, data flow 2): append pending entries to the log, sign the new
checkpoint, anchor it on chain, wait for confirmations, record it.

Crash-safe by construction: every step commits before the next begins, the signed transaction is
recorded before it is broadcast, and each run starts by reconciling with the contract's events,
which are the truth about what was anchored. The contract itself refuses a tree size it has
already seen, so no size is ever anchored twice.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from eth_account.signers.local import LocalAccount
from eth_typing import HexStr
from web3.exceptions import TransactionNotFound, Web3RPCError

from anchor.book import Anchored, Attempt, CheckpointBook
from anchor.contract import AnchorContract, node_refused
from anchor.faults import crash_point
from ledger.note import Signer


class AnchoringError(Exception):
    """The job cannot go on safely; the message says why and what to check."""


@dataclass(frozen=True)
class JobSettings:
    origin: str
    confirmations: int = 1
    receipt_timeout: float = 120.0
    poll_interval: float = 0.2


@dataclass
class RunResult:
    status: str  # "anchored" | "up to date"
    tree_size: int
    anchored: Anchored | None = None
    recovered: list[Anchored] = field(default_factory=list)  # found on chain after a crash

    def to_dict(self) -> dict[str, Any]:
        def one(a: Anchored) -> dict[str, Any]:
            return {
                "checkpoint_index": a.checkpoint_index,
                "tree_size": a.tree_size,
                "root": a.root.hex(),
                "note_hash": a.note_hash.hex(),
                "tx_hash": a.tx_hash,
                "block_number": a.block_number,
                "gas_used": a.gas_used,
                "cost_wei": str(a.cost_wei),
            }

        return {
            "status": self.status,
            "tree_size": self.tree_size,
            "anchored": one(self.anchored) if self.anchored else None,
            "recovered": [one(a) for a in self.recovered],
        }


class AnchoringJob:
    def __init__(
        self,
        book: CheckpointBook,
        contract: AnchorContract,
        account: LocalAccount,
        signer: Signer,
        settings: JobSettings,
        *,
        deploy_block: int = 0,
        say: Callable[[str], None] = lambda _: None,
    ) -> None:
        self.book, self.contract, self.account, self.signer = book, contract, account, signer
        self.settings, self.deploy_block, self.say = settings, deploy_block, say
        self.w3 = contract.w3
        self.chain_id = int(self.w3.eth.chain_id)

    def run_once(self) -> RunResult:
        recovered = self.reconcile()
        recovered += self._settle_open_attempts()
        crash_point("before_integrate")
        size = self.book.integrate_pending()
        crash_point("after_integrate")
        latest = self.contract.latest()
        if latest is not None and size < latest.tree_size:
            raise AnchoringError(
                f"the contract {self.contract.address} holds a tree of {latest.tree_size} leaves but this "
                f"log has {size}: wrong database or wrong contract"
            )
        if size == 0 or (latest is not None and size == latest.tree_size):
            self.say(f"nothing new to anchor (log size {size})")
            return RunResult("up to date", size, recovered=recovered)

        signed = self.book.sign(self.settings.origin, self.signer, size)
        crash_point("after_sign")
        proof = self.book.consistency_proof(latest.tree_size, size) if latest else []
        self.say(f"anchoring tree size {size} (consistency proof of {len(proof)} hashes)")
        attempt = self._signed_attempt(size, signed.checkpoint.root, proof, signed.note_hash)
        self.book.record_attempt(attempt)
        crash_point("after_attempt")
        self._broadcast(attempt)
        crash_point("after_send")
        anchored = self._confirmed(attempt.tx_hash)
        crash_point("after_receipt")
        if anchored is None:
            raise AnchoringError(f"anchor transaction {attempt.tx_hash} reverted")
        self.book.record_anchored(anchored)
        crash_point("after_record")
        self.say(f"anchored as checkpoint {anchored.checkpoint_index} in block {anchored.block_number}")
        return RunResult("anchored", size, anchored, recovered)

    # --- recovery ---------------------------------------------------------------------------------
    def reconcile(self) -> list[Anchored]:
        """Record every checkpoint the contract holds that the book does not know yet."""
        records = self.book.anchored(self.chain_id, self.contract.address)
        known = {a.checkpoint_index for a in records}
        count = self.contract.checkpoint_count()
        if records:
            last = records[-1]
            onchain = (
                self.contract.checkpoint(last.checkpoint_index) if last.checkpoint_index < count else None
            )
            if onchain is None or (onchain.tree_size, onchain.root, onchain.note_hash) != (
                last.tree_size,
                last.root,
                last.note_hash,
            ):
                raise AnchoringError(
                    f"the contract {self.contract.address} on chain id {self.chain_id} holds {count} "
                    f"checkpoints, not checkpoint {last.checkpoint_index} (tree size {last.tree_size}) that "
                    "this database recorded there: the chain was reset or another contract took its "
                    "address; nothing was sent"
                )
        if count == len(known):
            return []
        recovered: list[Anchored] = []
        for event in self.contract.anchored_events(from_block=self.deploy_block):
            if event.index in known:
                continue
            signed = self.book.signed(event.tree_size)
            if signed is None or (signed.checkpoint.root, signed.note_hash) != (event.root, event.note_hash):
                raise AnchoringError(
                    f"checkpoint {event.index} on chain (size {event.tree_size}, root {event.root.hex()}) "
                    "was not signed by this log: wrong database or wrong contract"
                )
            anchored = self._confirmed(event.tx_hash)
            if anchored is not None:
                self.book.record_anchored(anchored)
                recovered.append(anchored)
                self.say(f"recovered checkpoint {anchored.checkpoint_index} (tree size {anchored.tree_size})")
        return recovered

    def _settle_open_attempts(self) -> list[Anchored]:
        """A transaction recorded but maybe never broadcast (or dropped): broadcast it again while
        its nonce is unused; wait for any that is pending. Then reconcile from the chain."""
        open_attempts = self.book.attempts(self.chain_id, self.contract.address)
        if not open_attempts:
            return []
        used_nonces = self.w3.eth.get_transaction_count(self.account.address, "latest")
        for attempt in open_attempts:
            if self._receipt(attempt.tx_hash) is not None or attempt.nonce < used_nonces:
                continue  # mined (recorded by reconcile) or superseded
            try:
                self.w3.eth.get_transaction(HexStr(attempt.tx_hash))
            except TransactionNotFound:
                self.say(
                    f"re-broadcasting anchor transaction {attempt.tx_hash} (tree size {attempt.tree_size})"
                )
                self._broadcast(attempt)
            self._confirmed(attempt.tx_hash)
        return self.reconcile()

    # --- transactions -----------------------------------------------------------------------------
    def _signed_attempt(self, size: int, root: bytes, proof: list[bytes], note_hash: bytes) -> Attempt:
        tx = self.contract.build_anchor(self.account.address, size, root, proof, note_hash)
        signed = self.account.sign_transaction(tx)
        return Attempt(
            self.chain_id,
            self.contract.address,
            size,
            "0x" + bytes(signed.hash).hex(),
            int(tx["nonce"]),
            "0x" + bytes(signed.raw_transaction).hex(),
        )

    def _broadcast(self, attempt: Attempt) -> None:
        try:
            self.w3.eth.send_raw_transaction(HexStr(attempt.raw_tx))
        except Web3RPCError as exc:  # e.g. insufficient funds: one clear message, not a traceback
            raise node_refused(self.account.address, exc) from None

    def _receipt(self, tx_hash: str) -> Any:
        try:
            return self.w3.eth.get_transaction_receipt(tx_hash)  # type: ignore[arg-type]
        except TransactionNotFound:
            return None

    def _confirmed(self, tx_hash: str) -> Anchored | None:
        """Wait for the receipt and the configured confirmations; None if the call reverted."""
        deadline = time.monotonic() + self.settings.receipt_timeout
        while True:
            receipt = self._receipt(tx_hash)
            if receipt is not None:
                depth = self.w3.eth.block_number - receipt["blockNumber"] + 1
                if depth >= self.settings.confirmations:
                    break
            if time.monotonic() > deadline:
                state = "unconfirmed" if receipt is not None else "not mined"
                raise AnchoringError(
                    f"anchor transaction {tx_hash} still {state} after {self.settings.receipt_timeout:.0f} s"
                )
            time.sleep(self.settings.poll_interval)
        if receipt["status"] != 1:
            return None
        event = self.contract.anchored_in(receipt)
        price = int(receipt.get("effectiveGasPrice", 0))
        return Anchored(
            self.chain_id,
            self.contract.address,
            event.index,
            event.tree_size,
            event.root,
            event.note_hash,
            event.tx_hash,
            event.block_number,
            int(receipt["gasUsed"]),
            price,
            price * int(receipt["gasUsed"]),
        )
