"""`rightsledger log descriptor`: publish the log's identity (origin, verifier key, chain id,
anchor contracts), signed with the log key, for every verifier to pin."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from sqlalchemy.orm import Session

from ledger.descriptor import DESCRIPTOR_FILE, LogDescriptor, sign_descriptor
from ledger.note import Signer
from registry.services.anchoring.log_identity import installation_descriptor
from rightsledger.context import log_key, open_chain, sessions
from rightsledger.settings import load_settings

console = Console()
log_app = typer.Typer(help="The log's published identity.", no_args_is_help=True)


@log_app.command("descriptor")
def descriptor(
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", help=f"where to write it; default DATA_DIR/{DESCRIPTOR_FILE}"),
    ] = None,
) -> None:
    """Write the signed log descriptor: `rightsledger verify` here pins it, the API serves it at
    GET /v1/log/descriptor, and anyone may pin a copy (`verify --descriptor FILE`). Write it again
    after the log moves to another contract."""
    settings = load_settings()
    with open_chain(settings, read_only=True) as conn:
        chain_id = conn.chain_id
    path = out or settings.data_dir / DESCRIPTOR_FILE
    with sessions(settings)() as session:
        identity = publish_descriptor(session, log_key(settings), settings.log_origin, chain_id, path)
    contracts = ", ".join(identity.contracts) or "none yet (anchor first)"
    console.print(
        f"wrote {escape(str(path))}: log {identity.origin}, chain id {chain_id}, contracts {contracts}"
    )


def publish_descriptor(
    session: Session, signer: Signer, origin: str, chain_id: int, path: Path
) -> LogDescriptor:
    """Sign this installation's log identity on `chain_id` and write it to `path` (also the demo's)."""
    identity = installation_descriptor(
        session, origin=origin, verifier_key=signer.verifier().vkey, chain_id=chain_id
    )
    path.write_text(sign_descriptor(identity, signer))
    return identity
