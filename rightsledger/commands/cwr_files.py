"""`rightsledger cwr files` and `rightsledger cwr ack SHA`: the CWR files received, and the
acknowledgement the society sends back to the publisher for each registration file."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from registry.services.repertoire.cwr_acknowledgements import Society, acknowledgement, received_files
from rightsledger.commands.errors import friendly
from rightsledger.context import unit_of_work
from rightsledger.settings import load_settings

cwr_app = typer.Typer(help="CWR files received from publishers, and the acknowledgements sent back.")


@cwr_app.command("files")
@friendly
def files(
    limit: Annotated[int, typer.Option(min=1, max=500, help="how many, the latest first")] = 50,
    offset: Annotated[int, typer.Option(min=0)] = 0,
) -> None:
    """The CWR files received: when, from whom, and what became of their transactions."""
    with unit_of_work(load_settings()) as session:
        page = received_files(session, limit, offset)
        table = Table(title=f"CWR files received: {offset + 1}-{offset + len(page.items)} of {page.total}")
        table.add_column("SHA-256 (start)", no_wrap=True, min_width=16)  # what `cwr ack` takes
        for column in ("file", "sender", "type", "version", "received", "accepted", "rejected"):
            table.add_column(column)
        for row in page.items:
            table.add_row(
                row.sha256[:16],
                escape(row.name),
                escape(row.sender),
                row.file_type,
                row.version,
                f"{row.imported_at:%Y-%m-%d %H:%M}",
                str(row.accepted),
                str(row.rejected),
            )
    Console().print(table)


@cwr_app.command("ack")
@friendly
def ack(
    sha256: Annotated[str, typer.Argument(help="the file's SHA-256 (8 or more of its first characters)")],
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", dir_okay=False, help="where to write it (default: its name, here)"),
    ] = None,
) -> None:
    """Write the CWR acknowledgement (ACK file) of a registration file received: one ACK per
    transaction with its status (AS registered, AC with changes, DU already held, CO in conflict,
    RJ rejected), the society's work number, and MSG records saying what was dropped or refused."""
    settings = load_settings()
    with unit_of_work(settings) as session:
        answer = acknowledgement(
            session, sha256, Society(settings.society_code, settings.society_name), datetime.now(UTC)
        )
    target = out or Path(answer.name)
    target.write_bytes(answer.data)
    Console(stderr=True).print(
        f"{answer.transactions} transactions acknowledged: {escape(str(target))} ({len(answer.data):,} bytes)"
    )
