"""`rightsledger anchor` and `rightsledger checkpoints`."""

from __future__ import annotations

import json
import time
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from anchor.errors import ChainUnreachable
from registry.services.anchoring.job import anchoring_job
from registry.services.reporting.lookups import all_checkpoints
from rightsledger.context import job_settings, log_key, open_chain, publisher, sessions
from rightsledger.settings import load_settings

console = Console(stderr=True)


def anchor(
    watch: Annotated[bool, typer.Option("--watch", help="keep anchoring every --interval seconds")] = False,
    interval: Annotated[float, typer.Option(help="seconds between runs with --watch")] = 60.0,
    as_json: Annotated[bool, typer.Option("--json", help="print each run's result as JSON")] = False,
) -> None:
    """Append recorded entries to the log, sign the checkpoint and anchor it on chain."""
    settings = load_settings()
    say = (lambda _: None) if as_json else (lambda text: console.print(text))
    with open_chain(settings) as conn:
        job = anchoring_job(
            sessions(settings),
            conn,
            publisher(settings, conn),
            log_key(settings),
            job_settings(settings),
            say,
        )
        while True:
            try:
                result = job.run_once()
            except ChainUnreachable as exc:
                if not watch:
                    raise
                # A watcher outlives a node's outage: the next run resumes where this one stopped.
                console.print(f"[yellow]warning:[/yellow] {exc}; next try in {interval:g} s")
                time.sleep(interval)
                continue
            if as_json:
                print(json.dumps(result.to_dict()))
            elif result.anchored:
                a = result.anchored
                console.print(
                    f"[green]anchored[/green] tree size {a.tree_size} as checkpoint {a.checkpoint_index}: "
                    f"tx {a.tx_hash}, block {a.block_number}, gas {a.gas_used}"
                )
            if not watch:
                return
            time.sleep(interval)


def checkpoints(as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """Signed checkpoints and where each was anchored."""
    settings = load_settings()
    with sessions(settings)() as session:
        items = [
            {
                "tree_size": cp.tree_size,
                "root": cp.root.hex(),
                "note_hash": cp.note_hash.hex(),
                "checkpoint_index": a.checkpoint_index if a else None,
                "chain_id": a.chain_id if a else None,
                "contract": a.contract if a else None,
                "tx_hash": a.tx_hash if a else None,
                "block_number": a.block_number if a else None,
                "gas_used": a.gas_used if a else None,
                "cost_wei": a.cost_wei if a else None,
            }
            for cp, a in all_checkpoints(session)
        ]
    if as_json:
        print(json.dumps(items, indent=2))
        return
    table = Table(
        "index", "size", "root", "note hash", "chain", "contract", "tx", "block", "gas", title="checkpoints"
    )
    for item in items:
        cells = {key: "" if value is None else str(value) for key, value in item.items()}
        table.add_row(
            cells["checkpoint_index"] or "[yellow]not anchored[/yellow]",
            cells["tree_size"],
            cells["root"][:16] + "…",
            cells["note_hash"][:16] + "…",
            cells["chain_id"],
            cells["contract"][:12],
            cells["tx_hash"][:14],
            cells["block_number"],
            cells["gas_used"],
        )
    Console().print(table)
