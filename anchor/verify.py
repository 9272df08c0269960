"""The on-chain steps of proof verification: read the checkpoint straight from the contract on
any node of the chain, and ask the contract itself to verify the inclusion proof."""

from __future__ import annotations

from anchor.chain import ChainConnection, require_code
from anchor.contract import AnchorContract
from anchor.errors import ChainError
from ledger.checkpoint import Checkpoint, note_hash
from ledger.policy import VerificationPolicy
from ledger.proof import ProofFile
from ledger.steps import Check, Step, StepName


def chain_checks(conn: ChainConnection, policy: VerificationPolicy) -> list[Check]:
    """The steps 'on-chain checkpoint' and 'contract verifyInclusion' for `ledger.verify_proof`.

    A proof without an anchor (a C2SP tlog-proof) is looked up on the policy's contract by its
    tree size."""

    def locate(proof: ProofFile, checkpoint: Checkpoint) -> tuple[AnchorContract, int, str]:
        if policy.chain_id is not None and conn.chain_id != policy.chain_id:
            raise ChainError(
                f"{conn.where} serves chain id {conn.chain_id}, not the log's chain id {policy.chain_id}"
            )
        anchor, address = proof.anchor, policy.contract
        if anchor is None:
            if address is None:
                raise ChainError("the proof carries no anchor: give the log's contract address to look it up")
            require_code(conn, address)
            contract = AnchorContract(conn.w3, address)
            index = find_by_size(contract, checkpoint.size)
            return contract, index, f"found by tree size on chain id {conn.chain_id}"
        if policy.contract_pinned and address is not None and anchor.contract.lower() != address.lower():
            raise ChainError(
                f"the proof was anchored on contract {anchor.contract}, not on the log's contract {address}"
            )
        if anchor.chain_id != conn.chain_id:
            raise ChainError(
                f"the proof was anchored on chain id {anchor.chain_id}, "
                f"but {conn.where} serves chain id {conn.chain_id}"
            )
        require_code(conn, anchor.contract)
        where = f"on chain id {conn.chain_id} (block {anchor.block_number}, tx {anchor.tx_hash})"
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
            return Step(
                StepName.ON_CHAIN_CHECKPOINT,
                False,
                f"checkpoint {index} on chain differs: " + "; ".join(differences),
            )
        return Step(
            StepName.ON_CHAIN_CHECKPOINT,
            True,
            f"checkpoint {index} of contract {contract.address} {where} "
            "has the same size, root and note hash",
        )

    def contract_verify_inclusion(proof: ProofFile, checkpoint: Checkpoint) -> Step:
        contract, index, _ = locate(proof, checkpoint)
        agrees = contract.verify_inclusion(index, proof.leaf_index, proof.claimed_leaf_hash, proof.inclusion)
        detail = "the contract's verifyInclusion " + ("agrees" if agrees else "rejects the inclusion proof")
        return Step(StepName.CONTRACT_INCLUSION, agrees, detail)

    return [
        Check(StepName.ON_CHAIN_CHECKPOINT, on_chain_checkpoint),
        Check(StepName.CONTRACT_INCLUSION, contract_verify_inclusion),
    ]


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
