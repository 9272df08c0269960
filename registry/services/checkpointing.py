"""Publishing checkpoints: integrate recorded entries into the log and sign its new tree head."""

from __future__ import annotations

from sqlalchemy.orm import Session

from ledger.checkpointing import sign_checkpoint
from ledger.note import Signer
from registry.checkpoints import latest_checkpoint, save_checkpoint
from registry.ledger_writer import integrate_pending
from registry.log_store import SqlLogStore
from registry.models import Checkpoint


def publish_checkpoint(session: Session, origin: str, signer: Signer) -> tuple[Checkpoint, bool]:
    """Append pending entries to the log and record a signed checkpoint of the result.

    Returns (checkpoint, created). Nothing new since the latest checkpoint: (that one, False).
    """
    integrate_pending(session)
    store = SqlLogStore(session)
    latest = latest_checkpoint(session)
    if store.size() == 0 or (latest is not None and latest.tree_size == store.size()):
        if latest is None:
            raise LookupError("the log is empty: there is nothing to checkpoint yet")
        return latest, False
    signed = sign_checkpoint(store, origin, signer)
    row = save_checkpoint(
        session, signed.checkpoint.size, signed.checkpoint.root, signed.note, signed.note_hash
    )
    return row, True
