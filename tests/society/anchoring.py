"""Anchoring on the embedded chain: the society's anchor contract (deployed once) and the
anchoring job that puts each new checkpoint on it; what the audit reads of the chain."""

from __future__ import annotations

from dataclasses import dataclass

from eth_account.signers.local import LocalAccount
from sqlalchemy.orm import Session, sessionmaker

from anchor.chain import ChainConnection
from anchor.contract import AnchorContract
from anchor.job import AnchoringJob, JobSettings
from ledger.note import Signer
from registry.audit.run import ChainView
from registry.services.anchoring.job import anchoring_job, contract_for_chain, ensure_contract


@dataclass
class Anchoring:
    job: AnchoringJob
    contract: str  # the anchor contract's address

    def anchor(self) -> int:
        """Anchor what is pending (there must be something); the new checkpoint's tree size."""
        result = self.job.run_once()
        assert result.status == "anchored" and result.anchored is not None, result
        return int(result.anchored.tree_size)


def start_anchoring(
    sessions: sessionmaker[Session],
    conn: ChainConnection,
    account: LocalAccount,
    signer: Signer,
    origin: str,
    poll_interval: float = JobSettings.poll_interval,
) -> Anchoring:
    row, _ = ensure_contract(sessions, conn, account, origin)
    job = anchoring_job(sessions, conn, account, signer, JobSettings(origin, poll_interval=poll_interval))
    return Anchoring(job, row.address)


def chain_view(sessions: sessionmaker[Session], conn: ChainConnection) -> ChainView:
    """The audit's view of the society's contract on this chain."""
    with sessions() as session:
        row = contract_for_chain(session, conn.chain_id)
        assert row is not None
        address = row.address
    return ChainView(AnchorContract(conn.w3, address), conn.chain_id)
