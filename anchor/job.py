"""The anchoring job (DESIGN.md, data flow 2): append pending entries to the log, sign the new
checkpoint, anchor it on chain, wait for confirmations, record it.

Crash-safe by construction: every step commits before the next begins, the signed transaction is
recorded before it is broadcast, and each run starts by reconciling with the contract's events,
which are the truth about what was anchored. The contract itself refuses a tree size it has
already seen, so no size is ever anchored twice.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import rlp
from eth_account.signers.local import LocalAccount
from eth_account.typed_transactions.typed_transaction import TypedTransaction
from eth_typing import HexStr
from eth_utils.address import to_checksum_address
from hexbytes import HexBytes
from web3.exceptions import ContractCustomError, ContractLogicError, TransactionNotFound, Web3RPCError

from anchor.book import Anchored, Attempt, CheckpointBook
from anchor.contract import AnchorContract, _revert_data, decode_revert, node_refused
from anchor.errors import ChainError, ChainUnreachable
from anchor.faults import CrashPoint, crash_point
from anchor.rpc import NODE_DOWN
from ledger.note import Signer


class AnchoringError(Exception):
    """The job cannot go on safely; the message says why and what to check."""


@dataclass(frozen=True)
class JobSettings:
    origin: str
    confirmations: int = 1
    receipt_timeout: float = 120.0
    poll_interval: float = 0.2
    # A node that stops answering: the whole run is retried (it is idempotent) after 0.5, 1, 2... s.
    retries: int = 4
    retry_backoff: float = 0.5
    # A transaction still in the pool after `stuck_after` s is replaced: same nonce, fees +25%.
    stuck_after: float = 60.0
    fee_bump_percent: int = 25
    max_fee_bumps: int = 5


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
        """One run; when the node stops answering, the run is tried again with growing pauses (each
        run resumes from what the database and the chain hold), then ChainUnreachable."""
        delay = self.settings.retry_backoff
        for tried in range(1, self.settings.retries + 2):
            try:
                return self._run_once()
            except NODE_DOWN as exc:
                # The exception's text may quote the node's URL and its secrets: name its type only.
                reason = type(exc).__name__
                if tried > self.settings.retries:
                    raise ChainUnreachable(
                        f"the chain node stopped answering ({reason}) and did not come back after "
                        f"{tried} tries; nothing more was recorded as anchored: run again when it "
                        "answers, the job resumes where it stopped"
                    ) from None
                self.say(
                    f"chain node not answering ({reason}); try {tried + 1} of "
                    f"{self.settings.retries + 1} in {delay:.1f} s"
                )
                time.sleep(delay)
                delay *= 2
        raise AssertionError("unreachable")  # the loop returns or raises

    def _run_once(self) -> RunResult:
        recovered = self.reconcile()
        recovered += self._settle_open_attempts()
        crash_point(CrashPoint.BEFORE_INTEGRATE)
        size = self.book.integrate_pending()
        crash_point(CrashPoint.AFTER_INTEGRATE)
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
        crash_point(CrashPoint.AFTER_SIGN)
        proof = self.book.consistency_proof(latest.tree_size, size) if latest else []
        self.say(f"anchoring tree size {size} (consistency proof of {len(proof)} hashes)")
        attempt = self._signed_attempt(size, signed.checkpoint.root, proof, signed.note_hash)
        self.book.record_attempt(attempt)
        crash_point(CrashPoint.AFTER_ATTEMPT)
        self._broadcast(attempt)
        crash_point(CrashPoint.AFTER_SEND)
        anchored = self._confirmed(attempt.tx_hash, attempt)
        crash_point(CrashPoint.AFTER_RECEIPT)
        if anchored is None:
            raise self._reverted(attempt)
        self.book.record_anchored(anchored)
        crash_point(CrashPoint.AFTER_RECORD)
        self.say(f"anchored as checkpoint {anchored.checkpoint_index} in block {anchored.block_number}")
        return RunResult("anchored", size, anchored, recovered)

    # --- recovery ---------------------------------------------------------------------------------
    def reconcile(self) -> list[Anchored]:
        """Record every checkpoint the contract holds that the book does not know yet, and send
        again the transactions of recorded checkpoints a chain reorganisation dropped."""
        records = self.book.anchored(self.chain_id, self.contract.address)
        known = {a.checkpoint_index for a in records}
        count = self.contract.checkpoint_count()
        surviving = [a for a in records if a.checkpoint_index < count]
        dropped = [a for a in records if a.checkpoint_index >= count]
        last = surviving[-1] if surviving else (records[-1] if records else None)
        if last is not None:
            onchain = self.contract.checkpoint(last.checkpoint_index) if surviving else None
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
        recovered: list[Anchored] = []
        if dropped:
            recovered += self._restore_dropped(dropped)
            count = self.contract.checkpoint_count()
        if count == len(known):
            return recovered
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

    def _restore_dropped(self, dropped: list[Anchored]) -> list[Anchored]:
        """Checkpoints recorded as anchored that the chain no longer holds, while the ones before
        them are still there: a reorganisation dropped their transactions. Each is sent again as
        the very transaction that was signed (same nonce, same call), so it lands at the same
        index with the same size, root and note hash, and the records stay true."""
        restored = []
        for record in dropped:
            attempt = self.book.attempt(record.tx_hash)
            where = (
                f"checkpoint {record.checkpoint_index} (tree size {record.tree_size}, tx {record.tx_hash})"
            )
            if attempt is None:
                raise AnchoringError(
                    f"{where} is no longer on chain and its signed transaction is not recorded"
                )
            self.say(
                f"{where}, recorded in block {record.block_number}, was dropped by a chain "
                "reorganisation: sending it again"
            )
            if self._receipt(record.tx_hash) is None and not self._known(record.tx_hash):
                try:
                    self._broadcast(attempt)
                except ChainError as exc:
                    raise AnchoringError(
                        f"{where} was dropped by a chain reorganisation and its transaction cannot be sent "
                        f"again ({exc}); nothing else was sent: the operator must anchor it anew"
                    ) from None
            anchored = self._confirmed(record.tx_hash, attempt)
            if anchored is None or (
                anchored.checkpoint_index,
                anchored.tree_size,
                anchored.root,
                anchored.note_hash,
            ) != (
                record.checkpoint_index,
                record.tree_size,
                record.root,
                record.note_hash,
            ):
                raise AnchoringError(
                    f"{where} was dropped by a chain reorganisation and did not land again as recorded"
                )
            self.say(f"{where} is anchored again, in block {anchored.block_number}")
            restored.append(anchored)
        return restored

    def _settle_open_attempts(self) -> list[Anchored]:
        """A transaction recorded but maybe never broadcast (or dropped): broadcast it again while
        its nonce is unused; wait for any that is pending. Then reconcile from the chain.

        Attempts sharing a nonce are one transaction and its fee-bumped replacements: the newest
        is the one to send again, and whichever of them is mined settles them all."""
        open_attempts = self.book.attempts(self.chain_id, self.contract.address)
        if not open_attempts:
            return []
        used_nonces = self.w3.eth.get_transaction_count(self.account.address, "latest")
        by_nonce: dict[int, list[Attempt]] = {}
        for attempt in open_attempts:
            by_nonce.setdefault(attempt.nonce, []).append(attempt)
        for nonce, family in sorted(by_nonce.items()):
            hashes = [a.tx_hash for a in family]
            if nonce < used_nonces or any(self._receipt(h) is not None for h in hashes):
                continue  # mined (recorded by reconcile), reverted, or superseded
            newest = family[-1]
            if not any(self._known(h) for h in hashes):
                self.say(
                    f"re-broadcasting anchor transaction {newest.tx_hash} (tree size {newest.tree_size})"
                )
                self._broadcast(newest)
            self._confirmed(newest.tx_hash, newest, family=hashes)
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

    def _known(self, tx_hash: str) -> bool:
        """Whether the node knows the transaction (pending in its pool, or mined)."""
        try:
            self.w3.eth.get_transaction(HexStr(tx_hash))
        except TransactionNotFound:
            return False
        return True

    def _confirmed(
        self, tx_hash: str, attempt: Attempt | None = None, *, family: Sequence[str] = ()
    ) -> Anchored | None:
        """Wait for the receipt and the configured confirmations; None if the call reverted.

        With the `attempt` behind `tx_hash`, a transaction that stays unmined for `stuck_after`
        seconds is replaced (same nonce, higher fees) or, when the node has forgotten it (evicted,
        or dropped by a reorganisation), sent again; `family` holds earlier transactions of the
        same nonce, any of which may be the one mined."""
        hashes = list(dict.fromkeys([*family, tx_hash]))
        current = attempt
        bumps = 0
        sent_at = time.monotonic()
        deadline = sent_at + self.settings.receipt_timeout
        while True:
            receipt = next((r for h in reversed(hashes) if (r := self._receipt(h)) is not None), None)
            if receipt is not None:
                depth = self.w3.eth.block_number - receipt["blockNumber"] + 1
                if depth >= self.settings.confirmations:
                    break
            elif current is not None and time.monotonic() - sent_at >= self.settings.stuck_after:
                if not self._known(current.tx_hash):
                    self.say(f"anchor transaction {current.tx_hash} is unknown to the node: sending it again")
                    self._broadcast(current)
                elif bumps < self.settings.max_fee_bumps:
                    current = self._replacement(current)
                    self.book.record_attempt(current)  # recorded before it is sent, like any attempt
                    self._broadcast(current)
                    hashes.append(current.tx_hash)
                    bumps += 1
                    self.say(
                        f"anchor transaction stuck for {self.settings.stuck_after:.0f} s: replaced by "
                        f"{current.tx_hash} (nonce {current.nonce}, fees +{self.settings.fee_bump_percent}%)"
                    )
                    deadline = time.monotonic() + self.settings.receipt_timeout
                sent_at = time.monotonic()
            if time.monotonic() > deadline:
                state = "unconfirmed" if receipt is not None else "not mined"
                raise AnchoringError(
                    f"anchor transaction {hashes[-1]} still {state} "
                    f"after {self.settings.receipt_timeout:.0f} s"
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

    def _replacement(self, attempt: Attempt) -> Attempt:
        """The same transaction (nonce, call, gas) with fees raised by `fee_bump_percent` (nodes
        take a replacement only with higher fees), and at least what the chain asks now."""
        tx = decode_transaction(attempt.raw_tx)
        bump = 100 + self.settings.fee_bump_percent
        if "maxFeePerGas" in tx:
            tip = -(-int(tx["maxPriorityFeePerGas"]) * bump // 100) + 1
            base = int(self.w3.eth.get_block("latest").get("baseFeePerGas", 0))
            tx["maxPriorityFeePerGas"] = tip
            tx["maxFeePerGas"] = max(-(-int(tx["maxFeePerGas"]) * bump // 100) + 1, 2 * base + tip)
        else:
            tx["gasPrice"] = max(-(-int(tx["gasPrice"]) * bump // 100) + 1, int(self.w3.eth.gas_price))
        signed = self.account.sign_transaction(tx)
        return Attempt(
            attempt.chain_id,
            attempt.contract,
            attempt.tree_size,
            "0x" + bytes(signed.hash).hex(),
            attempt.nonce,
            "0x" + bytes(signed.raw_transaction).hex(),
        )

    def _reverted(self, attempt: Attempt) -> AnchoringError:
        """Why the mined anchor transaction reverted, as far as the chain tells."""
        receipt = self._receipt(attempt.tx_hash)
        block = int(receipt["blockNumber"]) if receipt is not None else None
        reason = "reason unknown"
        tx = decode_transaction(attempt.raw_tx)
        if receipt is not None and int(receipt["gasUsed"]) >= int(tx["gas"]):
            reason = f"it ran out of gas ({tx['gas']})"
        else:
            try:  # the same call again on the state the block left: the contract names its error
                self.w3.eth.call(
                    {"from": self.account.address, "to": tx["to"], "data": tx["data"], "gas": tx["gas"]},
                    block if block is not None else "latest",
                )
            except (ContractCustomError, ContractLogicError) as exc:
                decoded = decode_revert(self.w3, _revert_data(exc))
                reason = (
                    f"{decoded.error}{decoded.error_args if decoded.error_args else ''}"
                    if decoded
                    else str(exc)
                )
        return AnchoringError(
            f"anchor transaction {attempt.tx_hash} (tree size {attempt.tree_size}) reverted"
            f"{f' in block {block}' if block is not None else ''}: {reason}; nothing was recorded as "
            "anchored, and the next run sends a new transaction"
        )


def decode_transaction(raw_tx: str) -> dict[str, Any]:
    """The fields of a signed transaction (typed, or legacy), ready to be signed again."""
    raw = bytes.fromhex(raw_tx.removeprefix("0x"))
    if raw and raw[0] < 0x7F:  # EIP-2718 typed transaction
        fields = dict(TypedTransaction.from_bytes(HexBytes(raw)).as_dict())
        for name in ("v", "r", "s", "yParity"):
            fields.pop(name, None)
        if isinstance(fields.get("to"), bytes | bytearray):
            fields["to"] = to_checksum_address("0x" + bytes(fields["to"]).hex())
        return fields
    nonce, gas_price, gas, to, value, data, v, *_ = rlp.decode(raw)
    chain = (int.from_bytes(v, "big") - 35) // 2  # EIP-155: v = 35 + 2 * chain id (+ parity)
    return {
        **({"chainId": chain} if chain >= 0 else {}),
        "nonce": int.from_bytes(nonce, "big"),
        "gasPrice": int.from_bytes(gas_price, "big"),
        "gas": int.from_bytes(gas, "big"),
        "to": to_checksum_address("0x" + bytes(to).hex()),
        "value": int.from_bytes(value, "big"),
        "data": bytes(data),
    }
