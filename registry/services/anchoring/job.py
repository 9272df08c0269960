"""Anchoring from the registry's side: the job's book over the database (anchor.book.CheckpointBook,
one transaction per write, so the job can be killed between any two steps and resume), and the
anchor contract recorded per chain."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from eth_account.signers.local import LocalAccount
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from anchor.book import Anchored, Attempt
from anchor.chain import ChainConnection, require_code
from anchor.contract import AnchorContract
from anchor.errors import NoContractCode
from anchor.job import AnchoringError, AnchoringJob, JobSettings
from ledger.checkpoint import Checkpoint as CheckpointBody
from ledger.checkpointing import SignedCheckpoint, sign_checkpoint
from ledger.note import Signer, open_note
from ledger.store import tree_consistency_proof
from registry.checkpoints import checkpoint_at, save_checkpoint
from registry.db import transaction
from registry.ledger_writer import integrate_pending
from registry.log_store import SqlLogStore
from registry.models import AnchorAttempt, AnchorContractRow, AnchorRecord, Checkpoint


class SqlCheckpointBook:
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self.sessions = sessions

    def integrate_pending(self) -> int:
        with transaction(self.sessions) as session:
            return integrate_pending(session)[1]

    def signed(self, tree_size: int) -> SignedCheckpoint | None:
        with self.sessions() as session:
            row = checkpoint_at(session, tree_size)
            return None if row is None else _signed(row)

    def sign(self, origin: str, signer: Signer, tree_size: int) -> SignedCheckpoint:
        with transaction(self.sessions) as session:
            row = checkpoint_at(session, tree_size)
            if row is not None:  # signed before a crash: the same note, never a second one
                return _signed(row)
            signed = sign_checkpoint(SqlLogStore(session), origin, signer, tree_size)
            save_checkpoint(session, tree_size, signed.checkpoint.root, signed.note, signed.note_hash)
            return signed

    def consistency_proof(self, old_size: int, new_size: int) -> list[bytes]:
        with self.sessions() as session:
            return tree_consistency_proof(SqlLogStore(session), old_size, new_size)

    def anchored(self, chain_id: int, contract: str) -> list[Anchored]:
        with self.sessions() as session:
            rows = session.scalars(
                select(AnchorRecord)
                .where(AnchorRecord.chain_id == chain_id, AnchorRecord.contract == contract)
                .order_by(AnchorRecord.checkpoint_index)
            )
            return [_anchored(row) for row in rows]

    def record_anchored(self, anchored: Anchored) -> None:
        with transaction(self.sessions) as session:
            session.add(
                AnchorRecord(
                    chain_id=anchored.chain_id,
                    contract=anchored.contract,
                    checkpoint_index=anchored.checkpoint_index,
                    tree_size=anchored.tree_size,
                    root=anchored.root,
                    note_hash=anchored.note_hash,
                    tx_hash=anchored.tx_hash,
                    block_number=anchored.block_number,
                    gas_used=anchored.gas_used,
                    gas_price_wei=str(anchored.gas_price_wei),
                    cost_wei=str(anchored.cost_wei),
                )
            )

    def attempts(self, chain_id: int, contract: str) -> list[Attempt]:
        with self.sessions() as session:
            done = select(AnchorRecord.tree_size).where(
                AnchorRecord.chain_id == chain_id, AnchorRecord.contract == contract
            )
            rows = session.scalars(
                select(AnchorAttempt)
                .where(
                    AnchorAttempt.chain_id == chain_id,
                    AnchorAttempt.contract == contract,
                    AnchorAttempt.tree_size.not_in(done),
                )
                .order_by(AnchorAttempt.id)
            )
            return [Attempt(r.chain_id, r.contract, r.tree_size, r.tx_hash, r.nonce, r.raw_tx) for r in rows]

    def attempt(self, tx_hash: str) -> Attempt | None:
        with self.sessions() as session:
            r = session.scalars(select(AnchorAttempt).where(AnchorAttempt.tx_hash == tx_hash)).first()
            return (
                None
                if r is None
                else Attempt(r.chain_id, r.contract, r.tree_size, r.tx_hash, r.nonce, r.raw_tx)
            )

    def record_attempt(self, attempt: Attempt) -> None:
        with transaction(self.sessions) as session:
            session.add(
                AnchorAttempt(
                    chain_id=attempt.chain_id,
                    contract=attempt.contract,
                    tree_size=attempt.tree_size,
                    tx_hash=attempt.tx_hash,
                    nonce=attempt.nonce,
                    raw_tx=attempt.raw_tx,
                )
            )


def contract_for_chain(session: Session, chain_id: int) -> AnchorContractRow | None:
    return session.scalars(select(AnchorContractRow).where(AnchorContractRow.chain_id == chain_id)).first()


def save_contract(
    session: Session, chain_id: int, address: str, origin: str, deploy_tx: str | None, deploy_block: int
) -> AnchorContractRow:
    row = AnchorContractRow(
        chain_id=chain_id, address=address, origin=origin, deploy_tx=deploy_tx, deploy_block=deploy_block
    )
    session.add(row)
    session.flush()
    return row


def anchor_of(session: Session, tree_size: int, chain_id: int | None = None) -> AnchorRecord | None:
    """Where the checkpoint of `tree_size` was anchored (on `chain_id`, or any chain)."""
    query = select(AnchorRecord).where(AnchorRecord.tree_size == tree_size)
    if chain_id is not None:
        query = query.where(AnchorRecord.chain_id == chain_id)
    return session.scalars(query.order_by(AnchorRecord.id.desc()).limit(1)).first()


def _signed(row: Checkpoint) -> SignedCheckpoint:
    body, _ = open_note(row.note)
    return SignedCheckpoint(CheckpointBody.parse(body), row.note, bytes(row.note_hash))


def _anchored(row: AnchorRecord) -> Anchored:
    return Anchored(
        row.chain_id,
        row.contract,
        row.checkpoint_index,
        row.tree_size,
        bytes(row.root),
        bytes(row.note_hash),
        row.tx_hash,
        row.block_number,
        row.gas_used,
        int(row.gas_price_wei),
        int(row.cost_wei),
    )


def ensure_contract(
    sessions: sessionmaker[Session],
    conn: ChainConnection,
    account: LocalAccount,
    origin: str,
    configured_address: str | None = None,
) -> tuple[AnchorContractRow, bool]:
    """The anchor contract for this chain: the one recorded, else the configured address (checked),
    else a newly deployed one. Returns (row, deployed now)."""
    with transaction(sessions) as session:
        row = contract_for_chain(session, conn.chain_id)
        if row is not None:
            _require_recorded_code(conn, row.address, row.deploy_block)
            if configured_address and configured_address.lower() != row.address.lower():
                raise AnchoringError(
                    f"chain id {conn.chain_id} already uses contract {row.address}; "
                    f"RIGHTS_CONTRACT_ADDRESS says {configured_address}"
                )
            return row, False
        if configured_address:
            require_code(conn, configured_address)
            contract = AnchorContract(conn.w3, configured_address)
            if contract.origin() != origin:
                raise AnchoringError(
                    f"contract {contract.address} anchors log {contract.origin()!r}, not {origin!r}"
                )
            return save_contract(session, conn.chain_id, contract.address, origin, None, 0), False
        contract, receipt = AnchorContract.deploy(conn.w3, account, origin)
        tx_hash = "0x" + bytes(receipt["transactionHash"]).hex().removeprefix("0x")
        return save_contract(
            session, conn.chain_id, contract.address, origin, tx_hash, receipt["blockNumber"]
        ), True


def _require_recorded_code(conn: ChainConnection, address: str, deploy_block: int) -> None:
    """The contract this database anchors on must still be there. The log never moves to a new
    contract by itself: a new one would not hold the checkpoints already published."""
    try:
        require_code(conn, address)
    except NoContractCode as exc:
        raise AnchoringError(
            f"{exc}: this database's checkpoints are anchored on that contract (deployed in block "
            f"{deploy_block}). If this is a development node that was restarted, its chain and the "
            "anchors on it are gone: start again with a fresh data directory (RIGHTS_DATA_DIR). "
            "Otherwise check RIGHTS_CHAIN_URL: it names another chain than the one anchored on"
        ) from exc


def anchoring_job(
    sessions: sessionmaker[Session],
    conn: ChainConnection,
    account: LocalAccount,
    signer: Signer,
    settings: JobSettings,
    say: Callable[[str], None] = lambda _: None,
) -> AnchoringJob:
    """The job over this database and the contract recorded for the connected chain."""
    with sessions() as session:
        row = contract_for_chain(session, conn.chain_id)
        if row is None:
            elsewhere = ", ".join(
                f"chain id {r.chain_id} (contract {r.address})"
                for r in session.scalars(select(AnchorContractRow))
            )
            if elsewhere:  # most likely the wrong node: say so before anyone deploys a second contract
                raise AnchoringError(
                    f"no anchor contract for chain id {conn.chain_id} ({conn.where}): this database anchors "
                    f"on {elsewhere}. Wrong node? Nothing was sent; to anchor on chain id "
                    f"{conn.chain_id} as well, run `rightsledger init` with this node"
                )
            raise AnchoringError(f"no anchor contract for chain id {conn.chain_id}: run `rightsledger init`")
        address, deploy_block = row.address, row.deploy_block
    _require_recorded_code(conn, address, deploy_block)
    contract = AnchorContract(conn.w3, address)
    if conn.embedded:  # one writer, no reorgs: final at one block, and no other blocks would come
        settings = replace(settings, confirmations=1)
    return AnchoringJob(
        SqlCheckpointBook(sessions), contract, account, signer, settings, deploy_block=deploy_block, say=say
    )
