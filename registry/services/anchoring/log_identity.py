"""The log's identity as this installation knows it: its origin and verifier key, and the anchor
contracts it recorded, as a log descriptor to publish (signed with the log key) and to pin."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ledger.descriptor import LogDescriptor
from registry.models import AnchorContractRow


def recorded_contracts(session: Session) -> list[tuple[int, str]]:
    """(chain id, address) of every contract this installation anchored to, oldest first."""
    rows = session.execute(
        select(AnchorContractRow.chain_id, AnchorContractRow.address).order_by(AnchorContractRow.id)
    )
    return [(int(chain_id), str(address)) for chain_id, address in rows]


def installation_descriptor(
    session: Session, *, origin: str, verifier_key: str, chain_id: int
) -> LogDescriptor:
    """The descriptor of this log on `chain_id`: the contracts recorded there (none before the
    first anchoring). Witnesses are listed once they are configured; none yet."""
    contracts = tuple(address for chain, address in recorded_contracts(session) if chain == chain_id)
    return LogDescriptor(origin=origin, verifier_keys=(verifier_key,), chain_id=chain_id, contracts=contracts)
