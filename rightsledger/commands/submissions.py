"""`rightsledger submissions ...`: the registry clerks' review queue of works sent from outside
(works templates in CSV or Excel): send a template in a submitter's name, list the queue,
accept (one, several or every pending one of a file), reject with a reason, and write the blank
template. The same services as the API and the portal."""

from __future__ import annotations

import getpass
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from registry.services.repertoire.submission_decisions import MOST_AT_ONCE, accept_many, reject
from registry.services.repertoire.submissions import pending_of_file, receive_template, submissions_page
from registry.works_template import blank_template_csv, blank_template_xlsx
from rightsledger.commands.errors import friendly
from rightsledger.context import unit_of_work
from rightsledger.settings import load_settings

submissions_app = typer.Typer(help="Works sent from outside, waiting for a registry clerk's review.")
STATUSES = ("pending", "accepted", "rejected", "all")


@submissions_app.command("send")
@friendly
def send(
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="a works template, CSV or .xlsx")],
    submitter: Annotated[str, typer.Option(help="whose works: the publisher or society that sent them")],
) -> None:
    """Queue a works template: one pending submission per sound row; rows with a problem are
    listed (line, field, why) and not queued. The same file again adds nothing."""
    with unit_of_work(load_settings()) as session:
        report = receive_template(
            session, file.read_bytes(), name=file.name, submitter=submitter, submitted_by=getpass.getuser()
        )
    console = Console()
    span = f" ({report.first} to {report.last})" if report.first else ""
    console.print(
        f"{escape(file.name)}: {report.rows:,} rows, {report.received:,} queued{span}, "
        f"{report.refused:,} refused, {report.already:,} sent before"
    )
    for problem in report.problems:
        console.print(f"  line {problem['line']}, {problem['field'] or 'row'}: {escape(problem['message'])}")


@submissions_app.command("list")
@friendly
def list_(
    status: Annotated[str, typer.Option(help="pending, accepted, rejected or all")] = "pending",
    q: Annotated[str | None, typer.Option(help="title, submitter, their number or SUB-n")] = None,
    limit: Annotated[int, typer.Option(min=1, max=500)] = 50,
    offset: Annotated[int, typer.Option(min=0)] = 0,
) -> None:
    """The queue, oldest first, with how many suggestions each submission has."""
    if status not in STATUSES:
        raise typer.BadParameter(", ".join(STATUSES), param_hint="--status")
    with unit_of_work(load_settings()) as session:
        page = submissions_page(session, None if status == "all" else status, q, limit, offset)
        table = Table(
            title=f"Submissions ({status}): {offset + 1}-{offset + len(page.items)} of {page.total:,}"
        )
        for column in (
            "id",
            "title",
            "submitter",
            "their number",
            "file:line",
            "suggestions",
            "status",
            "work",
        ):
            table.add_column(column)
        for row in page.items:
            table.add_row(
                f"SUB-{row.id}",
                escape(row.title),
                escape(row.submitter),
                escape(row.submitter_work_id),
                f"{escape(row.file_name)}:{row.line}",
                str(len(row.suggestions)),
                row.status,
                "" if row.work_id is None else f"W-{row.work_id}",
            )
    Console().print(table)


@submissions_app.command("accept")
@friendly
def accept(
    ids: Annotated[list[str] | None, typer.Argument(help="SUB-n to accept as sent")] = None,
    file: Annotated[
        str | None, typer.Option("--file", help="every pending submission of this file (its name or SHA-256)")
    ] = None,
) -> None:
    """Accept submissions as sent: brand-new works are registered in bulk; any the registry
    refuses stays pending and is listed with why."""
    with unit_of_work(load_settings()) as session:
        wanted = list(ids or ())
        if file:
            wanted += pending_of_file(session, file, MOST_AT_ONCE)
        if not wanted:
            raise typer.BadParameter("name submissions (SUB-n) or --file", param_hint="IDS")
        report = accept_many(session, wanted, decided_by=getpass.getuser())
    console = Console()
    console.print(f"{report.accepted:,} of {report.asked:,} accepted")
    for refused in report.refused:
        console.print(f"  {refused['submission']}: {escape(refused['message'])}")


@submissions_app.command("reject")
@friendly
def reject_(
    submission: Annotated[str, typer.Argument(help="SUB-n")],
    reason: Annotated[str, typer.Option(help="why: the submitter is told")],
) -> None:
    """Refuse a submission with the reason; nothing is registered."""
    with unit_of_work(load_settings()) as session:
        reject(session, submission, reason=reason, decided_by=getpass.getuser())
    Console().print(f"{submission} rejected")


@submissions_app.command("template")
@friendly
def template(
    out: Annotated[Path, typer.Option("--out", "-o", dir_okay=False, help="a .csv or .xlsx file to write")],
    language: Annotated[str, typer.Option(help="the headers' language: en or zh")] = "en",
) -> None:
    """Write the blank works template (docs/works-template.md) with one example row."""
    if language not in ("en", "zh"):
        raise typer.BadParameter("en or zh", param_hint="--language")
    data = blank_template_xlsx(language) if out.suffix.lower() == ".xlsx" else blank_template_csv(language)
    out.write_bytes(data)
    Console(stderr=True).print(f"{escape(str(out))} ({len(data):,} bytes)")
