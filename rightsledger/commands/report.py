"""`rightsledger report --month YYYY-MM`: compute and publish the monthly transparency report."""

from __future__ import annotations

import json
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from registry.services.reporting.transparency import publish_report
from rightsledger.context import unit_of_work
from rightsledger.settings import load_settings


def report(
    month: Annotated[str, typer.Option("--month", help="the month, YYYY-MM")],
    as_json: Annotated[bool, typer.Option("--json", help="print the report as JSON")] = False,
) -> None:
    """Publish the month's transparency report as a public ledger entry (anchored at the next run)."""
    with unit_of_work(load_settings()) as session:
        body, entry = publish_report(session, month)
    status = f"recorded as {entry.id} version {entry.version}" if entry else "unchanged since last published"
    if as_json:
        print(json.dumps({"report": body, "entry": entry.id if entry else None, "status": status}))
        return
    console = Console()
    table = Table("section", "figure", "value", title=f"Transparency report {month}")
    for name, figures in body.items():
        if isinstance(figures, dict):
            for key, value in figures.items():
                table.add_row(name, key, _show(value))
    console.print(table)
    console.print(status)


def _show(value: Any) -> str:
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return f"{value:,}" if isinstance(value, int) else str(value)
