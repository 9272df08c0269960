"""`rightsledger claims list|submit|accept|reject`: members' claims of unidentified usage."""

from __future__ import annotations

import json
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from registry.services.usage.claims import (
    accept_claim,
    claim_dict,
    list_claims,
    list_unidentified,
    reject_claim,
    submit_claim,
)
from rightsledger.commands.errors import friendly
from rightsledger.context import unit_of_work
from rightsledger.settings import load_settings

claims_app = typer.Typer(help="Unidentified usage and members' claims of it.", no_args_is_help=True)
JsonOption = Annotated[bool, typer.Option("--json", help="print JSON")]
ByOption = Annotated[str, typer.Option("--by", help="who decides (staff name)")]


@claims_app.command("list")
@friendly
def list_command(
    period: Annotated[str | None, typer.Option(help="usage period YYYY-MM")] = None,
    source: Annotated[str | None, typer.Option(help="usage source")] = None,
    open_only: Annotated[bool, typer.Option("--open", help="only usage that may still be claimed")] = False,
    status: Annotated[
        str | None, typer.Option(help="claims with this status: submitted|accepted|rejected")
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Unidentified usage (heaviest first) and the claims made on it."""
    with unit_of_work(load_settings()) as session:
        items = [
            i.to_dict() for i in list_unidentified(session, period=period, source=source, open_only=open_only)
        ]
        claims = [claim_dict(c) for c in list_claims(session, status=status)]
    if as_json:
        print(json.dumps({"unidentified": items, "claims": claims}, ensure_ascii=False, indent=2))
        return
    table = Table(title="unidentified usage")
    for column in (
        "id",
        "period",
        "source",
        "isrc",
        "title",
        "artist",
        "lines",
        "weight",
        "deadline",
        "status",
    ):
        table.add_column(column)
    for i in items:
        table.add_row(
            *(
                escape(str(v if v is not None else ""))
                for v in (
                    i["id"],
                    i["period"],
                    i["source"],
                    i["isrc"],
                    i["title"],
                    i["artist"],
                    i["lines"],
                    i["weight"],
                    i["claim_deadline"],
                    i["status"],
                )
            )
        )
    console = Console()
    console.print(table)
    if claims:
        _claims_table(console, claims)


@claims_app.command("submit")
@friendly
def submit(
    unidentified_id: Annotated[int, typer.Argument(help="the unidentified usage id (claims list)")],
    member: Annotated[int, typer.Option(help="the claiming member's party id")],
    recording: Annotated[int | None, typer.Option(help="the member's recording id")] = None,
    work: Annotated[int | None, typer.Option(help="the member's work id")] = None,
    note: Annotated[str | None, typer.Option(help="evidence or remarks")] = None,
    as_json: JsonOption = False,
) -> None:
    """Claim unidentified usage for a recording or a work, within its claims window."""
    with unit_of_work(load_settings()) as session:
        claim = claim_dict(
            submit_claim(session, unidentified_id, member, recording_id=recording, work_id=work, note=note)
        )
    _show(claim, as_json)


@claims_app.command("accept")
@friendly
def accept(
    claim_id: Annotated[int, typer.Argument()],
    by: ByOption = "staff",
    pay_in: Annotated[
        str | None, typer.Option(help="the period to pay it in (default: the next one)")
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Accept a claim: its usage is paid as adjustment lines in a later period."""
    with unit_of_work(load_settings()) as session:
        claim = claim_dict(accept_claim(session, claim_id, decided_by=by, payable_period=pay_in))
    _show(claim, as_json)


@claims_app.command("reject")
@friendly
def reject(
    claim_id: Annotated[int, typer.Argument()],
    reason: Annotated[str, typer.Option(help="why")],
    by: ByOption = "staff",
    as_json: JsonOption = False,
) -> None:
    """Reject a claim, saying why."""
    with unit_of_work(load_settings()) as session:
        claim = claim_dict(reject_claim(session, claim_id, decided_by=by, reason=reason))
    _show(claim, as_json)


def _show(claim: dict[str, Any], as_json: bool) -> None:
    if as_json:
        print(json.dumps(claim, ensure_ascii=False, indent=2))
    else:
        _claims_table(Console(), [claim])


def _claims_table(console: Console, claims: list[dict[str, Any]]) -> None:
    table = Table(title="claims")
    columns = (
        "id",
        "unidentified_id",
        "period",
        "title",
        "party_id",
        "recording_id",
        "work_id",
        "status",
        "payable_period",
        "reason",
    )
    for column in columns:
        table.add_column(column)
    for claim in claims:
        table.add_row(*(escape(str(claim[c] if claim[c] is not None else "")) for c in columns))
    console.print(table)
