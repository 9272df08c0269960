"""`rightsledger import cwr FILE`: register works from a publisher's CWR file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import Progress
from rich.table import Table

from registry.cwr.errors import CwrStructureError
from registry.services.repertoire.cwr_import import import_cwr
from rightsledger.commands.errors import friendly
from rightsledger.commands.usage import usage
from rightsledger.context import unit_of_work
from rightsledger.settings import load_settings

import_app = typer.Typer(help="Import registrations and reports from the formats societies exchange.")
MAX_CWR_BYTES = 512 * 1024 * 1024  # a CWR file of a million works is ~300 MB
import_app.command("usage")(friendly(usage))


@import_app.command("cwr")
@friendly
def cwr(
    file: Annotated[
        Path, typer.Argument(exists=True, dir_okay=False, readable=True, help="CWR 2.1 or 2.2 file")
    ],
    as_json: Annotated[bool, typer.Option("--json", help="print the report as JSON")] = False,
    lenient_counts: Annotated[
        bool,
        typer.Option("--lenient-counts", help="import even if GRT/TRL counts disagree (reported as errors)"),
    ] = False,
) -> None:
    """Import a CWR file: each transaction is accepted or rejected on its own; a broken file is
    refused whole; the same file again changes nothing."""
    if file.stat().st_size > MAX_CWR_BYTES:
        raise CwrStructureError(
            str(file), 0, f"{file.stat().st_size} bytes is more than a CWR file may be here"
        )
    data = file.read_bytes()
    console = Console(stderr=True)
    with unit_of_work(load_settings()) as session, Progress(console=console, disable=as_json) as progress:
        task = progress.add_task(f"importing {file.name}", total=None)
        report = import_cwr(
            session,
            data,
            name=file.name,
            lenient_counts=lenient_counts,
            progress=lambda done, total: progress.update(task, completed=done, total=total),
        )
    if as_json:
        print(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        _print(console, report.to_dict())
    raise typer.Exit(0)


def _print(console: Console, report: dict[str, Any]) -> None:
    if report["already_imported"]:
        console.print(f"[yellow]{escape(report['issues'][0]['message'])}[/yellow]")
        return
    table = Table(
        title=f"{report['file']} (CWR {report['version']}, {report['file_type']}, sender {report['sender']})"
    )
    for column in (
        "transactions",
        "accepted",
        "rejected",
        "works created",
        "works updated",
        "works unchanged",
        "recordings",
        "conflicts opened",
        "acknowledgements",
    ):
        table.add_column(column, justify="right")
    table.add_row(
        *(
            str(report[key])
            for key in (
                "transactions",
                "accepted",
                "rejected",
                "works_created",
                "works_updated",
                "works_unchanged",
                "recordings",
                "conflicts_opened",
                "acknowledgements",
            )
        )
    )
    Console().print(table)
    for issue in report["issues"]:
        colour = "red" if issue["severity"] == "error" else "yellow"
        where = f"line {issue['line']} {issue['record_type']}" + (
            f" {issue['field']}" if issue["field"] else ""
        )
        console.print(f"[{colour}]{issue['severity']}[/{colour}] {escape(where)}: {escape(issue['message'])}")
