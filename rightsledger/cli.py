"""The `rightsledger` command line."""

from __future__ import annotations

import typer

from rightsledger.commands import anchoring, demo, proofs, setup, verify
from rightsledger.commands.audit import audit
from rightsledger.commands.errors import friendly
from rightsledger.commands.evidence import evidence_app
from rightsledger.commands.imports import import_app

app = typer.Typer(
    help="RightsLedger: a music rights society's registry whose every fact is verifiable.",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,  # locals may hold keys: never print them
)
for command in (setup.init, anchoring.anchor, anchoring.checkpoints, proofs.proof, verify.verify, demo.demo):
    app.command()(friendly(command))
app.command()(friendly(audit))
app.add_typer(evidence_app, name="evidence")
app.add_typer(import_app, name="import")

if __name__ == "__main__":
    app()
