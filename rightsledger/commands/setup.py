"""`rightsledger init`: data directory, log key, database, and the anchor contract on the chain."""

from __future__ import annotations

from rich.console import Console

from registry.services.anchoring.job import ensure_contract
from rightsledger.context import initialise, open_chain, publisher, sessions
from rightsledger.settings import load_settings

console = Console()


def init() -> None:
    """Create or upgrade everything; deploy the anchor contract if this chain has none. Idempotent."""
    settings = load_settings()
    signer = initialise(settings)
    console.print(f"database ready: {settings.db_url.split('@')[-1]}")
    console.print(f"log {settings.log_origin!r}, verifier key: [bold]{signer.verifier().vkey}[/bold]")
    with open_chain(settings) as conn:
        row, deployed = ensure_contract(
            sessions(settings),
            conn,
            publisher(settings, conn),
            settings.log_origin,
            settings.contract_address,
        )
        state = "deployed" if deployed else "in use"
        console.print(f"anchor contract {state}: {row.address} on chain id {conn.chain_id} ({conn.where})")
