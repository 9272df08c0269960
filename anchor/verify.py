"""The on-chain steps of proof verification: read the checkpoint straight from the contract on
any node of the chain, and ask the contract itself to verify the inclusion proof."""

from __future__ import annotations

from anchor.chain import ChainConnection, require_code
from anchor.contract import AnchorContract
from anchor.errors import ChainError
from ledger.checkpoint import Checkpoint, note_hash
from ledger.proof import ExtraCheck, ProofFile, Step


def chain_checks(
    conn: ChainConnection, contract_address: str | None = None, *, pinned: bool = False
) -> list[ExtraCheck]:
    """Two steps for `ledger.proof.verify_proof`: 'on-chain checkpoint' and 'contract verifyInclusion'.

    A proof without an anchor (a C2SP tlog-proof) is looked up on `contract_address` by its tree size."""

    def locate(proof: ProofFile, checkpoint: Checkpoint) -> tuple[AnchorContract, int, str]:
        anchor = proof.anchor
        if anchor is None:
            if contract_address is None:
                raise ChainError("the proof carries no anchor: give the log's contract address to look it up")
            require_code(conn, contract_address)
            contract = AnchorContract(conn.w3, contract_address)
            index = find_by_size(contract, checkpoint.size)
            return contract, index, f"found by tree size on chain id {conn.chain_id}"
        if pinned and contract_address is not None and anchor.contract.lower() != contract_address.lower():
            raise ChainError(
                f"the proof was anchored on contract {anchor.contract}, not on the log's contract "
                f"{contract_address}"
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
                STEP_CHECKPOINT, False, f"checkpoint {index} on chain differs: " + "; ".join(differences)
            )
        return Step(
            STEP_CHECKPOINT,
            True,
            f"checkpoint {index} of contract {contract.address} {where} "
            "has the same size, root and note hash",
        )

    def contract_verify_inclusion(proof: ProofFile, checkpoint: Checkpoint) -> Step:
        contract, index, _ = locate(proof, checkpoint)
        agrees = contract.verify_inclusion(index, proof.leaf_index, proof.claimed_leaf_hash, proof.inclusion)
        detail = "the contract's verifyInclusion " + ("agrees" if agrees else "rejects the inclusion proof")
        return Step(STEP_CONTRACT, agrees, detail)

    on_chain_checkpoint.step_name = STEP_CHECKPOINT  # type: ignore[attr-defined]
    contract_verify_inclusion.step_name = STEP_CONTRACT  # type: ignore[attr-defined]
    return [on_chain_checkpoint, contract_verify_inclusion]


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


STEP_CHECKPOINT = "on-chain checkpoint"
STEP_CONTRACT = "contract verifyInclusion"
