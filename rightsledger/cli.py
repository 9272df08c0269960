"""The `rightsledger` command line."""

from __future__ import annotations

import typer

from rightsledger.commands import demo, log, verify
from rightsledger.commands.errors import friendly

app = typer.Typer(
    help="RightsLedger: a music rights society's registry whose every fact is verifiable.",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,  # locals may hold keys: never print them
)
for command in (log.init, log.checkpoint, log.proof, verify.verify, demo.demo):
    app.command()(friendly(command))
app.add_typer(log.status_app, name="log")

if __name__ == "__main__":
    app()
