"""`rightsledger invoices ...` and `rightsledger payments ...`: billing, collections and reminders."""

from __future__ import annotations

import getpass
from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from registry.kinds.reminder import reminder_body
from registry.services.licensing.collections import collections_by_source
from registry.services.licensing.errors import LicensingError
from registry.services.licensing.invoices import (
    Declaration,
    find_invoice,
    invoice_summary,
    list_invoices,
    run_invoices,
)
from registry.services.licensing.payments import PaymentInput, payment_summary, record_payment
from registry.services.licensing.reminders import send_due_reminders, send_reminder
from rightsledger.commands.errors import friendly
from rightsledger.commands.licensing_io import (
    day,
    err,
    fen_text,
    fields,
    print_json,
    read_json,
    table,
    yuan_to_fen,
)
from rightsledger.context import unit_of_work
from rightsledger.settings import load_settings

invoices_app = typer.Typer(help="Invoices per license and billing period, from the tariffs.")
payments_app = typer.Typer(help="Payments received against invoices; collections per source.")

JsonOption = Annotated[bool, typer.Option("--json", help="print the result as JSON")]


@invoices_app.command("run")
@friendly
def invoices_run(
    period: Annotated[str, typer.Option(help="billing period, YYYY-MM")],
    declarations: Annotated[
        Path | None,
        typer.Option(
            exists=True,
            dir_okay=False,
            help='JSON {"LIC-...": {"revenue_fen": N, "streams": N} or {"room_day_plays": [N, ...]}}',
        ),
    ] = None,
    on: Annotated[str | None, typer.Option("--on", help="issue date, YYYY-MM-DD (default today)")] = None,
    as_json: JsonOption = False,
) -> None:
    """Issue the period's missing invoices; running it again issues nothing twice."""
    declared: dict[str, Declaration] = {}
    if declarations is not None:
        data = read_json(declarations, "declarations")
        if not isinstance(data, dict):
            raise LicensingError(
                f"{declarations}: declarations must be a JSON object keyed by license number"
            )
        declared = {str(k).upper(): Declaration.from_json(str(k), v) for k, v in data.items()}
    with unit_of_work(load_settings()) as session:
        report = run_invoices(session, period, declared, issued_on=day(on, "--on")).to_dict()
    if as_json:
        print_json(report)
        return
    table(
        f"{report['period']}: {len(report['issued'])} invoices issued, "
        f"{fen_text(report['issued_total_fen'])} CNY",
        ("invoice", "license", "licensee", "source", "days", "amount (CNY)"),
        [
            (
                i["number"],
                i["license"],
                i["licensee"],
                i["source"],
                i["basis"]["days"],
                fen_text(i["amount_fen"]),
            )
            for i in report["issued"]
        ],
    )
    if report["already_invoiced"]:
        err.print(f"{len(report['already_invoiced'])} licenses were already invoiced for {report['period']}")
    for number in report["awaiting_declaration"]:
        err.print(f"[yellow]awaiting declaration[/yellow] {number}")
    for problem in report["problems"]:
        err.print(f"[red]not invoiced[/red] {problem['license']}: {problem['message']}")


@invoices_app.command("list")
@friendly
def invoices_list(
    period: Annotated[str | None, typer.Option(help="billing period, YYYY-MM")] = None,
    unpaid: Annotated[bool, typer.Option("--unpaid", help="only invoices with a balance")] = False,
    as_json: JsonOption = False,
) -> None:
    """Invoices with what is paid and outstanding."""
    with unit_of_work(load_settings()) as session:
        rows = [invoice_summary(i) for i in list_invoices(session, period=period, unpaid=unpaid)]
    if as_json:
        print_json(rows)
        return
    table(
        f"{len(rows)} invoices, outstanding {fen_text(sum(r['balance_fen'] for r in rows))} CNY",
        ("invoice", "license", "period", "source", "amount", "paid", "balance", "due"),
        [
            (
                r["number"],
                r["license"],
                r["period"],
                r["source"],
                fen_text(r["amount_fen"]),
                fen_text(r["paid_fen"]),
                fen_text(r["balance_fen"]),
                r["due_on"],
            )
            for r in rows
        ],
    )


@invoices_app.command("show")
@friendly
def invoices_show(number: Annotated[str, typer.Argument()], as_json: JsonOption = False) -> None:
    """An invoice with its lines and the tariff it was computed with."""
    with unit_of_work(load_settings()) as session:
        summary = invoice_summary(find_invoice(session, number))
    if as_json:
        print_json(summary)
        return
    fields((k, v) for k, v in summary.items() if k != "lines")
    table(
        "lines",
        ("description", "quantity", "unit", "rate (fen)", "amount (CNY)"),
        [
            (li["description"], li["quantity"], li["unit"], li["rate_fen"], fen_text(li["amount_fen"]))
            for li in summary["lines"]
        ],
    )


@payments_app.command("record")
@friendly
def payments_record(
    invoice: Annotated[str, typer.Option(help="invoice number")],
    reference: Annotated[str, typer.Option(help="the bank's reference of the transfer")],
    amount: Annotated[str | None, typer.Option(help="amount in yuan, e.g. 1234.56")] = None,
    amount_fen: Annotated[int | None, typer.Option(help="amount in fen")] = None,
    on: Annotated[str | None, typer.Option("--on", help="day received, YYYY-MM-DD (default today)")] = None,
    method: Annotated[
        str, typer.Option(help="bank_transfer, alipay, wechat_pay, cash or cheque")
    ] = "bank_transfer",
    as_json: JsonOption = False,
) -> None:
    """Record a payment against an invoice (the same reference again changes nothing)."""
    if (amount is None) == (amount_fen is None):
        raise LicensingError("give exactly one of --amount (yuan) or --amount-fen")
    fen = yuan_to_fen(amount) if amount is not None else int(amount_fen or 0)
    received = day(on, "--on") or date.today()
    with unit_of_work(load_settings()) as session:
        payment, new = record_payment(
            session,
            PaymentInput(
                invoice=invoice, amount_fen=fen, received_on=received, reference=reference, method=method
            ),
        )
        summary = payment_summary(payment) | {"new": new}
    if as_json:
        print_json(summary)
        return
    what = "recorded" if new else "already recorded (nothing changed)"
    err.print(
        f"payment {summary['reference']} of {fen_text(summary['amount_fen'])} CNY {what}; "
        f"{summary['invoice']} balance {fen_text(summary['invoice_balance'])} CNY"
    )


@payments_app.command("collections")
@friendly
def payments_collections(
    period: Annotated[str, typer.Option(help="billing period, YYYY-MM")],
    as_json: JsonOption = False,
) -> None:
    """Fen received for a billing period's invoices, per source (what feeds the royalty pools)."""
    with unit_of_work(load_settings()) as session:
        totals = collections_by_source(session, period)
    if as_json:
        print_json({"period": period, "collected_fen": totals})
        return
    table(f"collected for {period}", ("source", "CNY"), [(s, fen_text(v)) for s, v in totals.items()])


@payments_app.command("reminders")
@friendly
def payments_reminders(
    invoice: Annotated[
        str | None,
        typer.Option(help="one invoice's reminder (the stage it is due for); default: the day's run"),
    ] = None,
    on: Annotated[str | None, typer.Option("--on", help="day sent, YYYY-MM-DD (default today)")] = None,
    channel: Annotated[str, typer.Option(help="letter, email, sms or phone")] = "letter",
    as_json: JsonOption = False,
) -> None:
    """Record payment reminders sent: one invoice's, or every reminder due that day (each unpaid
    invoice past due at the stage it has reached: first, second, final notice; each stage once)."""
    sent_on, by = day(on, "--on") or date.today(), getpass.getuser()
    if invoice:
        with unit_of_work(load_settings()) as session:
            one = reminder_body(send_reminder(session, invoice, today=sent_on, sent_by=by, channel=channel))
        if as_json:
            print_json(one)
        else:
            # the invoice's number as the registry holds it (not the typed text, which Rich would read)
            asked = fen_text(one["balance_fen"])
            err.print(f"{one['reminder']}: {one['stage']} of {one['invoice']}, {asked} CNY")
        return
    with unit_of_work(load_settings()) as session:
        run = send_due_reminders(session, today=sent_on, sent_by=by, channel=channel)
    if as_json:
        print_json(asdict(run))
        return
    stages = ", ".join(f"{n} {stage.replace('_', ' ')}" for stage, n in run.by_stage.items() if n)
    asked = fen_text(run.balance_fen)
    err.print(f"{run.sent} reminders sent on {sent_on} ({stages or 'none due'}), asking {asked} CNY")
