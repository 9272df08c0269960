"""`rightsledger demo`: what RightsLedger can do today, end to end, in a fresh data directory.

For now the ledger core: facts recorded, integrated into the Merkle log, signed checkpoints, and
proofs exported and verified (one deliberately tampered). The business services join as they land.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from ledger import load_proof, verify_proof
from ledger.merkle import verify_consistency
from ledger.store import tree_consistency_proof
from registry.checkpoints import list_checkpoints
from registry.ledger_writer import record
from registry.log_store import SqlLogStore
from registry.services.checkpointing import publish_checkpoint
from registry.services.proofs import proof_for
from rightsledger.context import initialise, unit_of_work
from rightsledger.settings import load_settings

console = Console()

WORKS = [
    ("W-0001", "月亮代表我的心", "The Moon Represents My Heart", "T-034.524.680-1"),
    ("W-0002", "甜蜜蜜", "Tian Mi Mi", "T-070.027.416-3"),
    ("W-0003", "小幸运", "A Little Happiness", "T-917.581.012-5"),
]


def demo(
    data_dir: Annotated[
        Path | None, typer.Option(help="where to build the demo (default: <data dir>/demo)")
    ] = None,
) -> None:
    """Build a small working ledger in a fresh directory and prove its facts."""
    base = load_settings()
    target = data_dir or base.data_dir / "demo"
    if target.exists():
        shutil.rmtree(target)
    settings = load_settings(data_dir=target, database_url=None, log_key_path=None)
    signer = initialise(settings)
    vkey = signer.verifier().vkey
    console.rule("[bold]RightsLedger demo")
    console.print(f"data directory: {target}\nlog: {settings.log_origin}   verifier key: {vkey}")

    with unit_of_work(settings) as session:
        record(
            session,
            "member",
            "M-0001",
            {"name": "邓丽君 estate", "ipi_name": "00014107338", "role": "publisher"},
        )
        for work_id, title, latin, iswc in WORKS:
            record(session, "work", work_id, {"iswc": iswc, "title": title, "alt_titles": [latin]})
        record(
            session,
            "license",
            "LIC-2026-0001",
            {"licensee": "Golden Voice KTV", "city": "Shanghai", "status": "active"},
        )
        first, _ = publish_checkpoint(session, settings.log_origin, signer)
        record(
            session,
            "license",
            "LIC-2026-0001",
            {
                "licensee": "Golden Voice KTV",
                "city": "Shanghai",
                "status": "suspended",
                "reason": "unpaid invoice",
            },
        )
        record(
            session,
            "evidence",
            "EV-0001",
            {"sha256": "ab" * 32, "description": "play log of March, venue 0001"},
        )
        second, _ = publish_checkpoint(session, settings.log_origin, signer)
        store = SqlLogStore(session)
        consistency = tree_consistency_proof(store, first.tree_size, second.tree_size)
        verify_consistency(first.tree_size, second.tree_size, first.root, second.root, consistency)
        console.print(
            f"checkpoints: size {first.tree_size} -> {second.tree_size}, append-only "
            f"(consistency proof of {len(consistency)} hashes verified)"
        )
        proofs_dir = target / "proofs"
        proofs_dir.mkdir()
        files = {
            "work W-0001 (public)": ("W-0001.rlproof", proof_for(session, "work", "W-0001").to_json()),
            "work W-0001 as C2SP tlog-proof": (
                "W-0001.tlog-proof",
                proof_for(session, "work", "W-0001").to_tlog_proof(),
            ),
            "license, version 2 (suspended)": (
                "LIC-2026-0001.rlproof",
                proof_for(session, "license", "LIC-2026-0001").to_json(),
            ),
            "member M-0001 (private, with salt)": (
                "M-0001.rlproof",
                proof_for(session, "member", "M-0001").to_json(),
            ),
            "member M-0001 (hash only)": (
                "M-0001.hash-only.rlproof",
                proof_for(session, "member", "M-0001", include_entry=False).to_json(),
            ),
        }
        checkpoints = len(list_checkpoints(session))
    tampered = json.loads(files["work W-0001 (public)"][1])
    tampered["entry"]["body"]["title"] = "月亮代表他的心"
    files["work W-0001, title altered"] = (
        "W-0001.tampered.rlproof",
        json.dumps(tampered, ensure_ascii=False),
    )

    table = Table("proof", "file", "verdict")
    for label, (name, text) in files.items():
        (proofs_dir / name).write_text(text)
        report = verify_proof(load_proof(text), [vkey], origin=settings.log_origin)
        failed = report.failed
        verdict = (
            "[green]valid[/green]" if report.ok else f"[red]invalid at {failed.name if failed else '?'}[/red]"
        )
        table.add_row(label, str(proofs_dir / name), verdict)
    console.print(table)
    console.print(f"{checkpoints} checkpoints signed. Try it yourself:")
    console.print(f"  .venv/bin/rightsledger verify {proofs_dir / 'W-0001.rlproof'} --vkey '{vkey}'")
    console.print(f"  .venv/bin/rightsledger verify {proofs_dir / 'W-0001.tampered.rlproof'} --vkey '{vkey}'")
