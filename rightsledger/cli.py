"""The `rightsledger` command line."""

from __future__ import annotations

import typer

from rightsledger.commands import anchoring, demo, proofs, report, setup, verify
from rightsledger.commands.audit import audit
from rightsledger.commands.billing import invoices_app, payments_app
from rightsledger.commands.claims import claims_app
from rightsledger.commands.contracts import contracts_app
from rightsledger.commands.cwr_files import cwr_app
from rightsledger.commands.distribution import bank_file_command, distribute_command, statements_command
from rightsledger.commands.errors import friendly
from rightsledger.commands.evidence import evidence_app
from rightsledger.commands.imports import import_app
from rightsledger.commands.licensing import licensees_app, licenses_app, tariffs_app
from rightsledger.commands.log_descriptor import log_app
from rightsledger.commands.serve import serve_app
from rightsledger.commands.submissions import submissions_app
from rightsledger.commands.users import users_app

app = typer.Typer(
    help="RightsLedger: a music rights society's registry whose every fact is verifiable.",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,  # locals may hold keys: never print them
)
for command in (
    setup.init,
    anchoring.anchor,
    anchoring.checkpoints,
    proofs.proof,
    verify.verify,
    demo.demo,
    report.report,
):
    app.command()(friendly(command))
app.command("distribute")(distribute_command)
app.command("statements")(statements_command)
app.command("bank-file")(bank_file_command)
app.command()(friendly(audit))
app.add_typer(evidence_app, name="evidence")
app.add_typer(import_app, name="import")
app.add_typer(cwr_app, name="cwr")
app.add_typer(submissions_app, name="submissions")
app.add_typer(licensees_app, name="licensees")
app.add_typer(tariffs_app, name="tariffs")
app.add_typer(licenses_app, name="licenses")
app.add_typer(invoices_app, name="invoices")
app.add_typer(payments_app, name="payments")
app.add_typer(contracts_app, name="contracts")
app.add_typer(serve_app, name="serve")
app.add_typer(users_app, name="users")
app.add_typer(claims_app, name="claims")
app.add_typer(log_app, name="log")

if __name__ == "__main__":
    app()
