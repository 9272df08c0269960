"""`rightsledger cwr files`, `rightsledger cwr ack SHA` and `rightsledger cwr export`: the CWR files
received, the acknowledgement the society sends back for each registration file, and the
society's works as a CWR file for a publisher or a sister society."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from registry.services.members.roster import find_member
from registry.services.repertoire.cwr_acknowledgements import Society, acknowledgement, received_files
from registry.services.repertoire.cwr_export import export_works
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


@cwr_app.command("export")
@friendly
def export(
    member: Annotated[
        str | None, typer.Option(help="only the works this member holds shares in (M-n); default: all")
    ] = None,
    version: Annotated[str, typer.Option(help="CWR version: 2.1 or 2.2")] = "2.2",
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", dir_okay=False, help="where to write it (default: its name, here)"),
    ] = None,
) -> None:
    """Write the society's works as a CWR registration file (NWR per work, our members as the
    controlled parties, the shares that count), for a publisher or a sister society."""
    if version not in ("2.1", "2.2"):
        raise typer.BadParameter("2.1 or 2.2", param_hint="--version")
    settings = load_settings()
    with unit_of_work(settings) as session:
        holder = find_member(session, member) if member else None
        made = export_works(
            session,
            Society(settings.society_code, settings.society_name),
            datetime.now(UTC),
            member=holder,
            version=version,
        )
    target = out or Path(made.name)
    target.write_bytes(made.data)
    Console(stderr=True).print(f"{made.works:,} works: {escape(str(target))} ({len(made.data):,} bytes)")
