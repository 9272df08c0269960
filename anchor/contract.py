"""A typed client of the RightsLedgerAnchor contract over web3 (any chain connection)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from eth_account.signers.local import LocalAccount
from eth_utils.address import to_checksum_address
from eth_utils.crypto import keccak
from web3 import Web3
from web3.contract import Contract
from web3.exceptions import ContractCustomError, ContractLogicError, Web3RPCError
from web3.types import Nonce, TxParams, TxReceipt

from anchor.artifacts import load_artifact
from anchor.errors import ChainError

PUBLISHER_ROLE = keccak(text="PUBLISHER_ROLE")


class AnchorReverted(Exception):
    """The contract refused: `error` is the custom error's name (e.g. InconsistentProof)."""

    def __init__(self, error: str, args: tuple[Any, ...] = ()) -> None:
        self.error, self.error_args = error, args
        super().__init__(f"the anchor contract refused: {error}{args if args else ''}")


@dataclass(frozen=True, slots=True)
class OnChainCheckpoint:
    index: int
    tree_size: int
    anchored_at: int
    root: bytes
    note_hash: bytes


@dataclass(frozen=True, slots=True)
class AnchoredEvent:
    index: int
    tree_size: int
    root: bytes
    note_hash: bytes
    tx_hash: str
    block_number: int


def _errors_by_selector() -> dict[bytes, dict[str, Any]]:
    out = {}
    for item in load_artifact().abi:
        if item["type"] == "error":
            signature = f"{item['name']}({','.join(i['type'] for i in item['inputs'])})"
            out[keccak(text=signature)[:4]] = item
    return out


def decode_revert(w3: Web3, data: str | bytes | None) -> AnchorReverted | None:
    """Name the contract's custom error from revert data, or None if it is not one of ours."""
    raw = bytes.fromhex(data[2:] if data.startswith("0x") else data) if isinstance(data, str) else data
    if not raw or len(raw) < 4:
        return None
    item = _errors_by_selector().get(raw[:4])
    if item is None:
        return None
    types = [i["type"] for i in item["inputs"]]
    values = tuple(w3.codec.decode(types, raw[4:])) if types else ()
    return AnchorReverted(item["name"], values)


class AnchorContract:
    def __init__(self, w3: Web3, address: str) -> None:
        artifact = load_artifact()
        self.w3 = w3
        self.address = to_checksum_address(address)
        self.contract: Contract = w3.eth.contract(address=self.address, abi=artifact.abi)

    @classmethod
    def deploy(
        cls,
        w3: Web3,
        account: LocalAccount,
        origin: str,
        *,
        admin: str | None = None,
        publisher: str | None = None,
    ) -> tuple[AnchorContract, TxReceipt]:
        artifact = load_artifact()
        factory = w3.eth.contract(abi=artifact.abi, bytecode=artifact.bytecode)
        call = factory.constructor(origin, admin or account.address, publisher or account.address)
        receipt = _send(w3, account, call)
        address = receipt["contractAddress"]
        if address is None:
            raise AnchorReverted("deployment created no contract")
        return cls(w3, address), receipt

    # --- reads --------------------------------------------------------------------------------
    def origin(self) -> str:
        return str(self.contract.functions.origin().call())

    def checkpoint_count(self) -> int:
        return int(self.contract.functions.checkpointCount().call())

    def checkpoint(self, index: int) -> OnChainCheckpoint:
        size, at, root, note_hash = self._call(self.contract.functions.checkpoint(index))
        return OnChainCheckpoint(index, int(size), int(at), bytes(root), bytes(note_hash))

    def latest(self) -> OnChainCheckpoint | None:
        count = self.checkpoint_count()
        return self.checkpoint(count - 1) if count else None

    def is_publisher(self, address: str) -> bool:
        return bool(self.contract.functions.hasRole(PUBLISHER_ROLE, to_checksum_address(address)).call())

    def verify_inclusion(
        self, checkpoint_index: int, leaf_index: int, leaf_hash: bytes, proof: Sequence[bytes]
    ) -> bool:
        call = self.contract.functions.verifyInclusion(checkpoint_index, leaf_index, leaf_hash, list(proof))
        return bool(self._call(call))

    def verify_consistency(self, from_index: int, to_index: int, proof: Sequence[bytes]) -> bool:
        return bool(self._call(self.contract.functions.verifyConsistency(from_index, to_index, list(proof))))

    def anchored_events(self, from_block: int = 0, to_block: int | str = "latest") -> list[AnchoredEvent]:
        logs = self.contract.events.CheckpointAnchored().get_logs(from_block=from_block, to_block=to_block)
        return [
            AnchoredEvent(
                int(log["args"]["index"]),
                int(log["args"]["treeSize"]),
                bytes(log["args"]["root"]),
                bytes(log["args"]["noteHash"]),
                _hex(log["transactionHash"]),
                int(log["blockNumber"]),
            )
            for log in logs
        ]

    # --- writes -------------------------------------------------------------------------------
    def build_anchor(
        self,
        sender: str,
        tree_size: int,
        root: bytes,
        consistency_proof: Sequence[bytes],
        note_hash: bytes,
        *,
        nonce: int | None = None,
    ) -> dict[str, Any]:
        """The unsigned `anchor(...)` transaction. Building it estimates gas by running the call,
        so a refusal surfaces here as AnchorReverted and nothing is sent."""
        call = self.contract.functions.anchor(tree_size, root, list(consistency_proof), note_hash)
        if nonce is None:
            nonce = self.w3.eth.get_transaction_count(to_checksum_address(sender), "pending")
        try:
            params: TxParams = {"from": to_checksum_address(sender), "nonce": Nonce(nonce)}
            return dict(call.build_transaction(params))
        except (ContractCustomError, ContractLogicError) as exc:
            raise decode_revert(self.w3, _revert_data(exc)) or AnchorReverted(str(exc)) from None

    def anchored_in(self, receipt: TxReceipt) -> AnchoredEvent:
        """The CheckpointAnchored event of a successful anchor transaction."""
        for log in self.contract.events.CheckpointAnchored().process_receipt(receipt):
            return AnchoredEvent(
                int(log["args"]["index"]),
                int(log["args"]["treeSize"]),
                bytes(log["args"]["root"]),
                bytes(log["args"]["noteHash"]),
                _hex(log["transactionHash"]),
                int(log["blockNumber"]),
            )
        raise AnchorReverted("the transaction emitted no CheckpointAnchored event")

    def _call(self, fn: Any) -> Any:
        try:
            return fn.call()
        except (ContractCustomError, ContractLogicError) as exc:
            raise decode_revert(self.w3, _revert_data(exc)) or AnchorReverted(str(exc)) from None


def _hex(value: bytes | str) -> str:
    return value if isinstance(value, str) else "0x" + bytes(value).hex()


def _revert_data(exc: Exception) -> str | bytes | None:
    data = getattr(exc, "data", None)
    if isinstance(data, dict):  # some providers nest it
        data = data.get("data")
    return data if isinstance(data, str | bytes) else None


def _send(w3: Web3, account: LocalAccount, call: Any) -> TxReceipt:
    try:
        tx = call.build_transaction(
            {"from": account.address, "nonce": w3.eth.get_transaction_count(account.address, "pending")}
        )
        signed = account.sign_transaction(tx)
        tx_hash = w3.eth.send_raw_transaction(signed.raw_transaction)
    except Web3RPCError as exc:
        raise node_refused(account.address, exc) from None
    receipt = w3.eth.wait_for_transaction_receipt(tx_hash, timeout=120)
    if receipt["status"] != 1:
        raise AnchorReverted("deployment reverted")
    return receipt


def node_refused(sender: str, exc: Web3RPCError) -> ChainError:
    """The node's refusal of a transaction (e.g. insufficient funds), naming the sender."""
    response: dict[str, Any] = dict(exc.rpc_response) if isinstance(exc.rpc_response, dict) else {}
    error = response.get("error")
    detail = error.get("message") if isinstance(error, dict) else None
    return ChainError(f"the node refused the transaction of {sender}: {detail or exc}")
