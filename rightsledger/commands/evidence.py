"""`rightsledger evidence add FILE`: fix a document's existence on the ledger."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from registry.services.enforcement.evidence import record_evidence
from rightsledger.commands.errors import friendly
from rightsledger.context import unit_of_work
from rightsledger.settings import load_settings

evidence_app = typer.Typer(help="Evidence: documents whose existence the CMO fixes on the ledger.")


@evidence_app.command("add")
@friendly
def add(
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, readable=True)],
    case: Annotated[str | None, typer.Option("--case", help="the case or matter reference")] = None,
    note: Annotated[str | None, typer.Option("--note", help="a short description")] = None,
) -> None:
    """Record the file's SHA-256, size and name (and case reference) as an evidence entry."""
    with unit_of_work(load_settings()) as session:
        entry = record_evidence(session, file, case=case, note=note)
    Console(stderr=True).print(
        f"recorded evidence {entry.id} version {entry.version} (sha256 {entry.body['sha256']}); "
        "it is proven once anchored: `rightsledger anchor`"
    )
    print(entry.id)
