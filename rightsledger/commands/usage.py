"""`rightsledger import usage FILE`: ingest a DSR or play log (registered in the import group)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from registry.services.usage.reports import import_usage
from registry.usage.schema import SOURCES
from rightsledger.context import unit_of_work
from rightsledger.settings import load_settings


def usage(
    file: Annotated[
        Path,
        typer.Argument(exists=True, dir_okay=False, readable=True, help="DDEX DSR (.tsv) or play log (.csv)"),
    ],
    period: Annotated[str, typer.Option(help="the period the usage is of: YYYY-MM")],
    source: Annotated[str, typer.Option(help=f"one of {', '.join(SOURCES)}")],
    as_json: Annotated[bool, typer.Option("--json", help="print the report as JSON")] = False,
    lenient_counts: Annotated[
        bool,
        typer.Option(
            "--lenient-counts", help="import a DSR whose FOOT line counts are off by one (both recorded)"
        ),
    ] = False,
) -> None:
    """Ingest a usage report: lines are matched to recordings and works, unmatched usage is
    listed for claims, bad lines are reported by line and field; a broken file is refused whole;
    the same file again changes nothing."""
    settings = load_settings()
    console = Console(stderr=True)
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        TaskProgressColumn(),
        TimeElapsedColumn(),
    )
    with unit_of_work(settings) as session, Progress(*columns, console=console, disable=as_json) as progress:
        task = progress.add_task(f"ingesting {file.name}", total=2 * file.stat().st_size)
        report = import_usage(
            session,
            settings.data_dir,
            file,
            period,
            source,
            progress=lambda done, total: progress.update(task, completed=done, total=total),
            claims_window_days=settings.claims_window_days,
            lenient_counts=lenient_counts,
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
        title=f"{escape(report['file'])} ({report['format']}, {report['period']}, {report['source']})",
    )
    figures = {
        "lines read": report["lines_read"],
        "ingested": report["lines_ingested"],
        "rejected": report["lines_rejected"],
        "matched": report["lines_matched"],
        "unidentified": report["lines_unidentified"],
        "weight": report["weight_total"],
        "unidentified groups": report["unidentified_groups"],
    }
    if report["revenue_minor"] is not None:
        figures[f"revenue ({report['currency'] or '?'}, minor units)"] = report["revenue_minor"]
    for column in figures:
        table.add_column(column, justify="right")
    table.add_row(*(f"{value:,}" for value in figures.values()))
    Console().print(table)
    for issue in report["issues"]:
        colour = "red" if issue["severity"] == "error" else "yellow"
        where = (f"line {issue['line']} " if issue["line"] else "") + issue["record"]
        where += f" {issue['field']}" if issue["field"] else ""
        console.print(f"[{colour}]{issue['severity']}[/{colour}] {escape(where)}: {escape(issue['message'])}")
    shown = len(report["issues"])
    if report["errors"] + report["warnings"] > shown:
        console.print(f"... and {report['errors'] + report['warnings'] - shown:,} more issues")
    for name, counts in report["foot_counts"].items():
        stated, actual = counts["stated"], counts["actual"]
        console.print(f"FOOT {name}: stated {stated:,}, the file has {actual:,} (lenient counts)")
    console.print(f"stored in {escape(report['parquet'])}")
