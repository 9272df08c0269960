"""`rightsledger distribute`, `rightsledger statements` and `rightsledger bank-file`.

`distribute` reads the period's matched usage of its imported usage reports
(registry.usage.matched) and the pool collected for the source (registry.services.licensing.collections),
and pays accepted claims of earlier periods as adjustments of those periods
(registry.services.distribution.period). Two explicit overrides, for a re-run with corrected
inputs: --pool AMOUNT (yuan) replaces the collections; --usage FILE.parquet (matched usage
columns, repeatable) replaces the matched usage (claims of earlier periods are then not paid).
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import sys
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Annotated, Any

import polars as pl
import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import Progress
from rich.table import Table
from sqlalchemy.orm import Session

from payloads.cells import safe_row
from registry.crypto import field_cipher
from registry.entity_ids import MEMBER
from registry.private_files import open_private
from registry.royalty import load_rules
from registry.services.distribution.bank_file import bank_csv, bank_file
from registry.services.distribution.period import distribute_period
from registry.services.distribution.runs import DistributionError, DistributionResult, UsageReport, statements
from rightsledger.commands.errors import friendly
from rightsledger.context import unit_of_work
from rightsledger.settings import load_settings


def _usage(
    session: Session, period: str, source: str, files: list[Path]
) -> tuple[pl.LazyFrame, list[UsageReport]]:
    """The period's matched usage and the reports it comes from."""
    reports = []
    for path in files:
        digest = hashlib.sha256()
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
        lines = pl.scan_parquet(path).select(pl.len()).collect().item()
        reports.append(UsageReport(digest.hexdigest(), path.name, int(lines)))
    try:
        usage = pl.concat([pl.scan_parquet(path) for path in files], how="diagonal_relaxed")
    except pl.exceptions.PolarsError as exc:
        raise DistributionError(f"cannot read the usage: {exc}") from None
    return usage, reports


def _pool(amount: str) -> int:
    """--pool: the pool in fen, given as yuan (e.g. 12345.67)."""
    try:
        value = Decimal(amount)
    except InvalidOperation:
        raise DistributionError(f"--pool {amount!r} is not an amount") from None
    fen = value * 100
    if fen != fen.to_integral_value() or fen < 0:
        raise DistributionError(f"--pool {amount!r} must be >= 0 with at most two decimals (fen)")
    return int(fen)


@friendly
def distribute_command(
    period: Annotated[str, typer.Option("--period", help="YYYY-MM")],
    source: Annotated[str, typer.Option("--source", help="karaoke, online, background_music, broadcast")],
    usage: Annotated[
        list[Path] | None,
        typer.Option(
            "--usage", exists=True, dir_okay=False, help="override: matched usage (Parquet), repeatable"
        ),
    ] = None,
    pool: Annotated[
        str | None, typer.Option("--pool", help="override: the pool in yuan (default: the collections)")
    ] = None,
    rules: Annotated[
        Path | None, typer.Option("--rules", exists=True, dir_okay=False, help="distribution rules (TOML)")
    ] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="compute and show, record nothing")] = False,
    adjustment: Annotated[
        bool, typer.Option("--adjustment", help="record the differences to what was distributed before")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="print the summary as JSON")] = False,
) -> None:
    """Distribute a period's pool for a source: payout lines, members' statements and the public
    summary with its lines root, in one transaction."""
    table = load_rules(rules) if rules else None
    console = Console(stderr=True)
    settings = load_settings()
    with unit_of_work(settings) as session, Progress(console=console, disable=as_json) as progress:
        task = progress.add_task("distributing", total=None)

        def step(what: str, done: int, total: int) -> None:
            progress.update(task, description=what, completed=done, total=total or None)

        frame, reports = _usage(session, period, source, usage) if usage else (None, None)
        done = distribute_period(
            session,
            settings.data_dir,
            period=period,
            source=source,
            usage=frame,
            reports=reports,
            pool=None if pool is None else _pool(pool),
            rules=table,
            dry_run=dry_run,
            adjustment=adjustment,
            progress=step,
        )
    if as_json:
        print(json.dumps(done.to_dict(), ensure_ascii=False, indent=2))
        return
    for result in [*done.adjustments, done.result]:
        _show(console, result)
    for message in done.messages:
        console.print(f"[yellow]{escape(message)}[/yellow]")


def _show(console: Console, result: DistributionResult) -> None:
    for message in result.messages:
        console.print(f"[yellow]{escape(message)}[/yellow]")
    s = result.summary
    out = Table(title=f"{result.summary_id} run {s['run']} ({s['kind']}): {result.status}")
    out.add_column("figure")
    out.add_column(f"amount ({s['currency']})", justify="right")
    for label, value in (
        ("pool", s["pool"]),
        ("administrative deduction", s["deduction"]),
        *((f"reserve: {k}", v) for k, v in s["reserve"].items()),
        ("allocated to members", s["allocated"]),
        ("brought forward", s["brought_forward"]),
        ("paid", s["paid"]),
        ("carried forward", s["carried_forward"]),
    ):
        out.add_row(label, _yuan(int(value)))
    Console().print(out)
    Console().print(
        f"{s['lines']} lines, {s['members']} members, {s['recordings']} recordings, {s['works']} works; "
        f"usage by {s['usage']['basis']}; lines root {s['lines_root']}"
    )


def _yuan(fen: int) -> str:
    sign = "-" if fen < 0 else ""
    return f"{sign}{abs(fen) // 100:,}.{abs(fen) % 100:02d}"


@friendly
def statements_command(
    member: Annotated[str, typer.Option("--member", help="member id: M-7 or 7")],
    period: Annotated[str, typer.Option("--period", help="YYYY-MM")],
    source: Annotated[str | None, typer.Option("--source", help="only this source")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="print as JSON")] = False,
    as_csv: Annotated[bool, typer.Option("--csv", help="print the lines as CSV")] = False,
) -> None:
    """A member's statements of a period: each line per recording or work with usage, share and
    amount, and what is payable or carried forward."""
    text = member.strip().upper().removeprefix(MEMBER.lead)
    if not text.isdigit():
        raise DistributionError(f"member {member!r} is not a member id (M-7 or 7)")
    with unit_of_work(load_settings()) as session:
        found = statements(session, int(text), period, source)
    if not found:
        raise DistributionError(f"no statement for M-{text} in {period}" + (f" {source}" if source else ""))
    if as_json:
        print(json.dumps(found, ensure_ascii=False, indent=2))
    elif as_csv:
        _csv(found)
    else:
        _print(found)


def _csv(found: list[dict[str, Any]]) -> None:
    columns = ["period", "source", "run", "id", "code", "title", "right_type", "weight", "share", "amount"]
    writer = csv.writer(sys.stdout)
    writer.writerow(columns)
    for statement in found:
        for line in statement["lines"]:
            writer.writerow(
                safe_row(
                    [statement["period"], statement["source"], statement["run"]]
                    + [line[c] for c in columns[3:]]
                )
            )


def _print(found: list[dict[str, Any]]) -> None:
    console = Console()
    for s in found:
        table = Table(title=f"{s['entry_id']} run {s['run']} ({s['kind']}, {s['state']})")
        for column in ("recording / work", "title", "right", "usage", "share", f"amount ({s['currency']})"):
            table.add_column(
                column, justify="right" if column in ("usage", "share") or "amount" in column else "left"
            )
        for line in s["lines"]:
            table.add_row(
                escape(line["code"] or line["id"]),
                escape(line["title"] or ""),
                line["right_type"],
                f"{line['weight']:,}",
                f"{line['share'] / 100:.2f}%",
                _yuan(line["amount"]),
            )
        console.print(table)
        console.print(
            f"earned {_yuan(s['earned'])}, brought forward {_yuan(s['brought_forward'])}, "
            f"payable {_yuan(s['payable'])}, carried forward {_yuan(s['carried_forward'])}"
        )


@friendly
def bank_file_command(
    period: Annotated[str, typer.Option("--period", help="YYYY-MM")],
    source: Annotated[str, typer.Option("--source", help="karaoke, online, background_music, broadcast")],
    out: Annotated[Path, typer.Option("--out", "-o", dir_okay=False, help="the CSV to write (0600)")],
    run: Annotated[
        int | None, typer.Option("--run", min=0, help="the run number (default: the latest)")
    ] = None,
) -> None:
    """Write the bank's payment file of a run: one transfer per member paid (the net of their
    statement) to the account they gave; members without bank details are listed, not paid."""
    settings = load_settings()
    with unit_of_work(settings) as session:
        payments = bank_file(session, field_cipher(settings.data_key_file), period, source, run)
    descriptor = open_private(out)  # bank details: readable by its owner only, from the first byte
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(bank_csv(payments))
    console = Console(stderr=True)
    currency = payments.currency
    sent = f"{len(payments.transfers)} transfers, {_yuan(payments.total)} {currency}"
    console.print(f"{sent}: {escape(str(out))}")
    if payments.held:
        held = sum(t.amount for t in payments.held)
        named = ", ".join(t.member for t in payments.held[:20]) + (" ..." if len(payments.held) > 20 else "")
        console.print(
            f"[yellow]{len(payments.held)} members paid {_yuan(held)} {currency} have no bank details: "
            f"{named}[/yellow]"
        )
    console.print(f"the run paid {_yuan(payments.paid)} {payments.currency} in all")
