"""The on-chain steps of proof verification, against the pinned policy only: read the checkpoint
straight from the log's contract on any node of the chain, ask the contract itself to verify the
inclusion proof, and check that the anchor transaction the proof names is that anchoring."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from web3.exceptions import MismatchedABI

from anchor.chain import ChainConnection, require_code
from anchor.contract import AnchorContract
from anchor.errors import ChainError
from ledger.checkpoint import Checkpoint, note_hash
from ledger.policy import VerificationPolicy
from ledger.proof import ProofFile
from ledger.steps import CHAIN_STEPS, Check, Step, StepName

NO_CONTRACT = (
    "no contract of the log is pinned (a log descriptor or --contract); "
    "the contract a proof names is never trusted"
)


def chain_checks(conn: ChainConnection, policy: VerificationPolicy) -> list[Check]:
    """The steps 'on-chain checkpoint', 'contract verifyInclusion' and 'anchor transaction' for
    `ledger.verify_proof`. A proof without an anchor (a C2SP tlog-proof) is looked up by its tree
    size on the pinned contracts, newest first."""
    if not policy.contracts:
        return [Check(name, _not_checked(name, NO_CONTRACT)) for name in CHAIN_STEPS]

    def locate(proof: ProofFile, checkpoint: Checkpoint) -> tuple[AnchorContract, int, str]:
        if policy.chain_id is not None and conn.chain_id != policy.chain_id:
            raise ChainError(
                f"{conn.where} serves chain id {conn.chain_id}, not the log's chain id {policy.chain_id}"
            )
        anchor = proof.anchor
        if anchor is None:
            return _find(conn, policy, checkpoint.size)
        if not policy.pins_contract(anchor.contract):
            raise ChainError(
                f"the proof was anchored on contract {anchor.contract}, not on the log's contract "
                + " or ".join(policy.contracts)
            )
        if anchor.chain_id != conn.chain_id:
            raise ChainError(
                f"the proof was anchored on chain id {anchor.chain_id}, "
                f"but {conn.where} serves chain id {conn.chain_id}"
            )
        require_code(conn, anchor.contract)
        where = f"on chain id {conn.chain_id}"
        return AnchorContract(conn.w3, anchor.contract), anchor.checkpoint_index, where

    def on_chain_checkpoint(proof: ProofFile, checkpoint: Checkpoint) -> Step:
        contract, index, where = locate(proof, checkpoint)
        onchain = contract.checkpoint(index)
        differences = [
            f"{what}: chain {chain_value}, proof {proof_value}"
            for what, chain_value, proof_value in (
                ("tree size", onchain.tree_size, checkpoint.size),
                ("root", onchain.root.hex(), checkpoint.root.hex()),
                ("note hash", onchain.note_hash.hex(), note_hash(proof.checkpoint_note).hex()),
            )
            if chain_value != proof_value
        ]
        if differences:
            return Step.failed(
                StepName.ON_CHAIN_CHECKPOINT,
                f"checkpoint {index} on chain differs: " + "; ".join(differences),
            )
        return Step.passed(
            StepName.ON_CHAIN_CHECKPOINT,
            f"checkpoint {index} of contract {contract.address} {where} "
            "has the same size, root and note hash",
        )

    def contract_verify_inclusion(proof: ProofFile, checkpoint: Checkpoint) -> Step:
        contract, index, _ = locate(proof, checkpoint)
        agrees = contract.verify_inclusion(index, proof.leaf_index, proof.claimed_leaf_hash, proof.inclusion)
        if agrees:
            return Step.passed(StepName.CONTRACT_INCLUSION, "the contract's verifyInclusion agrees")
        return Step.failed(
            StepName.CONTRACT_INCLUSION, "the contract's verifyInclusion rejects the inclusion proof"
        )

    def anchor_transaction(proof: ProofFile, checkpoint: Checkpoint) -> Step:
        anchor = proof.anchor
        if anchor is None:
            return Step.not_checked(
                StepName.ANCHOR_TRANSACTION, "the proof names no anchor transaction (found by tree size)"
            )
        contract, index, _ = locate(proof, checkpoint)
        problem = _receipt_problem(conn, contract, proof, checkpoint)
        if problem:
            return Step.failed(StepName.ANCHOR_TRANSACTION, problem)
        return Step.passed(
            StepName.ANCHOR_TRANSACTION,
            f"transaction {anchor.tx_hash} in block {anchor.block_number} called contract "
            f"{contract.address} and emitted CheckpointAnchored for checkpoint {index} "
            f"(size {checkpoint.size}, root {checkpoint.root.hex()})",
        )

    return [
        Check(StepName.ON_CHAIN_CHECKPOINT, on_chain_checkpoint),
        Check(StepName.CONTRACT_INCLUSION, contract_verify_inclusion),
        Check(StepName.ANCHOR_TRANSACTION, anchor_transaction),
    ]


def _receipt_problem(
    conn: ChainConnection, contract: AnchorContract, proof: ProofFile, checkpoint: Checkpoint
) -> str | None:
    """What is wrong with the anchor transaction the proof names, or None when its receipt is on
    this chain, succeeded, called the contract, sits in the block named and emitted the event."""
    anchor = proof.anchor
    assert anchor is not None
    try:
        receipt: Any = conn.w3.eth.get_transaction_receipt(anchor.tx_hash)  # type: ignore[arg-type]
    except Exception as exc:  # not found, or not a transaction hash at all: both mean "not there"
        return f"there is no transaction {anchor.tx_hash} on chain id {conn.chain_id} ({type(exc).__name__})"
    if receipt is None:
        return f"there is no transaction {anchor.tx_hash} on chain id {conn.chain_id}"
    if receipt["status"] != 1:
        return f"transaction {anchor.tx_hash} failed on chain"
    if str(receipt["to"] or "").lower() != contract.address.lower():
        return f"transaction {anchor.tx_hash} called {receipt['to']}, not the contract {contract.address}"
    if int(receipt["blockNumber"]) != anchor.block_number:
        return f"transaction {anchor.tx_hash} is in block {receipt['blockNumber']}, not {anchor.block_number}"
    event = contract.contract.events.CheckpointAnchored()
    for log in receipt["logs"]:
        if str(log["address"]).lower() != contract.address.lower():
            continue
        try:
            args = event.process_log(log)["args"]
        except MismatchedABI:  # another event of the contract
            continue
        if (
            int(args["index"]) == anchor.checkpoint_index
            and int(args["treeSize"]) == checkpoint.size
            and bytes(args["root"]) == checkpoint.root
            and bytes(args["noteHash"]) == note_hash(proof.checkpoint_note)
        ):
            return None
    return (
        f"transaction {anchor.tx_hash} emitted no CheckpointAnchored for checkpoint "
        f"{anchor.checkpoint_index} of size {checkpoint.size} and this root"
    )


def _find(
    conn: ChainConnection, policy: VerificationPolicy, tree_size: int
) -> tuple[AnchorContract, int, str]:
    for address in reversed(policy.contracts):
        require_code(conn, address)
        contract = AnchorContract(conn.w3, address)
        try:
            index = find_by_size(contract, tree_size)
        except ChainError:
            continue
        return contract, index, f"found by tree size on chain id {conn.chain_id}"
    raise ChainError(f"no pinned contract of the log has a checkpoint of tree size {tree_size}")


def _not_checked(name: StepName, why: str) -> Callable[[ProofFile, Checkpoint], Step]:
    def run(proof: ProofFile, checkpoint: Checkpoint) -> Step:
        return Step.not_checked(name, why)

    return run


def find_by_size(contract: AnchorContract, tree_size: int) -> int:
    """The index of the checkpoint of `tree_size`: sizes strictly grow, so a binary search
    costs O(log n) calls."""
    low, high = 0, contract.checkpoint_count() - 1
    while low <= high:
        middle = (low + high) // 2
        size = contract.checkpoint(middle).tree_size
        if size == tree_size:
            return middle
        low, high = (middle + 1, high) if size < tree_size else (low, middle - 1)
    raise ChainError(f"contract {contract.address} has no checkpoint of tree size {tree_size}")
