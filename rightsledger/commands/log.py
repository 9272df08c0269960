"""`rightsledger init`, `checkpoint`, `proof` and `log status`: operating the ledger."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from registry.checkpoints import list_checkpoints
from registry.log_store import SqlLogStore
from registry.services.checkpointing import publish_checkpoint
from registry.services.proofs import proof_for
from rightsledger.commands.errors import friendly
from rightsledger.context import initialise, log_key, unit_of_work
from rightsledger.settings import load_settings

console = Console()


def init() -> None:
    """Create or upgrade the database and create the log's signing key if it has none."""
    settings = load_settings()
    signer = initialise(settings)
    console.print(f"database ready: {settings.db_url.split('@')[-1]}")
    console.print(f"log {settings.log_origin!r}, verifier key: [bold]{signer.verifier().vkey}[/bold]")


def checkpoint() -> None:
    """Append recorded entries to the log and publish a signed checkpoint."""
    settings = load_settings()
    signer = log_key(settings)
    with unit_of_work(settings) as session:
        row, created = publish_checkpoint(session, settings.log_origin, signer)
        size, root = row.tree_size, row.root.hex()
    state = "new checkpoint" if created else "no new entries; latest checkpoint"
    console.print(f"{state}: size {size}, root {root}")


def proof(
    kind: Annotated[str, typer.Argument(help="entry kind, e.g. work, license, member")],
    entity_id: Annotated[str, typer.Argument(help="the thing's stable id")],
    version: Annotated[int | None, typer.Option(help="a given version (default: latest)")] = None,
    output: Annotated[Path | None, typer.Option("-o", "--output", help="file to write")] = None,
    tlog: Annotated[bool, typer.Option("--tlog", help="C2SP tlog-proof@v1 text instead of .rlproof")] = False,
    hash_only: Annotated[
        bool, typer.Option("--hash-only", help="leave the entry out, give its leaf hash")
    ] = False,
) -> None:
    """Export the proof of a recorded entry."""
    settings = load_settings()
    with unit_of_work(settings) as session:
        proof = proof_for(session, kind, entity_id, version, include_entry=not hash_only)
    text = proof.to_tlog_proof() if tlog else proof.to_json()
    if output is None:
        print(text, end="")
    else:
        output.write_text(text)
        console.print(f"wrote {output}")


status_app = typer.Typer(help="The state of the log.")


@status_app.command("status")
@friendly
def status() -> None:
    """Log size and checkpoints."""
    settings = load_settings()
    with unit_of_work(settings) as session:
        size = SqlLogStore(session).size()
        table = Table("tree size", "root", "created")
        for row in list_checkpoints(session)[-10:]:
            table.add_row(str(row.tree_size), row.root.hex()[:16] + "…", str(row.created_at))
    console.print(f"log {settings.log_origin!r}: {size} leaves")
    console.print(table)
