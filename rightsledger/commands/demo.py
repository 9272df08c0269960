"""`rightsledger demo`: what RightsLedger can do today, end to end, in a fresh data directory.

Today: facts recorded, anchored on a chain by the contract (which checks every checkpoint extends
the previous one), evidence fixed, proofs exported and verified offline and on chain, one of them
deliberately tampered. The business services join as they land.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from anchor.contract import AnchorContract
from anchor.job import JobSettings
from anchor.verify import chain_checks
from ledger import load_proof, verify_proof
from ledger.store import tree_consistency_proof
from registry.ledger_writer import record
from registry.log_store import SqlLogStore
from registry.services.anchoring import anchoring_job, ensure_contract
from registry.services.evidence import record_evidence
from registry.services.proofs import proof_for
from rightsledger.context import initialise, open_chain, publisher, sessions, unit_of_work
from rightsledger.settings import load_settings

console = Console()

WORKS = [
    ("W-0001", "月亮代表我的心", "The Moon Represents My Heart", "T-034.524.680-1"),
    ("W-0002", "甜蜜蜜", "Tian Mi Mi", "T-070.027.416-3"),
    ("W-0003", "小幸运", "A Little Happiness", "T-917.581.012-5"),
]
LICENSE = {"licensee": "Golden Voice KTV", "city": "Shanghai", "rooms": 24}


def demo(
    data_dir: Annotated[
        Path | None, typer.Option(help="where to build the demo (default: <data dir>/demo)")
    ] = None,
    chain: Annotated[
        str | None, typer.Option(help="a chain node URL (Hardhat node, Anvil); default: embedded")
    ] = None,
) -> None:
    """Build a small working ledger in a fresh directory, anchor it, and prove its facts."""
    base = load_settings()
    target = (data_dir or base.data_dir / "demo").resolve()
    if target.exists():
        shutil.rmtree(target)
    settings = load_settings(data_dir=target, database_url=None, log_key_path=None, chain_url=chain)
    signer = initialise(settings)
    vkey = signer.verifier().vkey
    factory = sessions(settings)
    console.rule("[bold]RightsLedger demo")
    console.print(f"data directory: {target}\nlog: {settings.log_origin}\nverifier key: {vkey}")

    with open_chain(settings) as conn:
        account = publisher(settings, conn)
        row, _ = ensure_contract(factory, conn, account, settings.log_origin)
        console.print(f"anchor contract {row.address} deployed on chain id {conn.chain_id} ({conn.where})")
        job = anchoring_job(factory, conn, account, signer, JobSettings(settings.log_origin), console.print)

        with unit_of_work(settings) as session:
            record(
                session,
                "member",
                "M-0001",
                {"name": "邓丽君 estate", "ipi_name": "00014107338", "role": "publisher"},
            )
            for work_id, title, latin, iswc in WORKS:
                record(session, "work", work_id, {"iswc": iswc, "title": title, "alt_titles": [latin]})
            record(session, "license", "LIC-2026-0001", {**LICENSE, "status": "active"})
        first = job.run_once().anchored

        evidence_file = target / "evidence" / "venue-0001-2026-03-playlog.txt"
        evidence_file.parent.mkdir(parents=True)
        evidence_file.write_text("2026-03-14T21:05:00+08:00 room 7 月亮代表我的心 (unlicensed)\n")
        with unit_of_work(settings) as session:
            record(
                session,
                "license",
                "LIC-2026-0001",
                {**LICENSE, "status": "suspended", "reason": "unpaid invoice"},
            )
            evidence = record_evidence(
                session, evidence_file, case="CASE-2026-017", note="play log, venue 0001"
            )
        second = job.run_once().anchored
        assert first is not None and second is not None

        contract = AnchorContract(conn.w3, row.address)
        with factory() as session:
            consistency = tree_consistency_proof(SqlLogStore(session), first.tree_size, second.tree_size)
        agrees = contract.verify_consistency(first.checkpoint_index, second.checkpoint_index, consistency)
        console.print(
            f"checkpoints {first.checkpoint_index} -> {second.checkpoint_index} (size {first.tree_size} -> "
            f"{second.tree_size}): the contract confirms append-only: {agrees}"
        )

        proofs_dir = target / "proofs"
        proofs_dir.mkdir()
        with factory() as session:
            work = proof_for(session, "work", "W-0001")
            files = {
                "work W-0001 (public)": ("W-0001.rlproof", work.to_json()),
                "work W-0001 as C2SP tlog-proof": ("W-0001.tlog-proof", work.to_tlog_proof()),
                "license, version 2 (suspended)": (
                    "LIC-2026-0001.rlproof",
                    proof_for(session, "license", "LIC-2026-0001").to_json(),
                ),
                f"evidence {evidence.id}": (
                    f"{evidence.id}.rlproof",
                    proof_for(session, "evidence", evidence.id).to_json(),
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
        tampered = json.loads(work.to_json())
        tampered["entry"]["body"]["title"] = "月亮代表他的心"
        files["work W-0001, title altered"] = (
            "W-0001.tampered.rlproof",
            json.dumps(tampered, ensure_ascii=False),
        )

        table = Table("proof", "offline", "on chain", "verdict")
        checks = chain_checks(conn, row.address)
        for label, (name, text) in files.items():
            (proofs_dir / name).write_text(text)
            report = verify_proof(load_proof(text), [vkey], origin=settings.log_origin, extra_checks=checks)
            offline = all(step.ok for step in report.steps[:3])
            onchain = all(step.ok for step in report.steps[3:])
            failed = report.failed
            verdict = (
                "[green]valid[/green]"
                if report.ok
                else f"[red]invalid at {failed.name if failed else '?'}[/red]"
            )
            table.add_row(label, _mark(offline), _mark(onchain), verdict)
        console.print(table)

    env = f"RIGHTS_DATA_DIR={target}"
    chain_arg = chain or "embedded"
    console.print("Try it yourself:")
    console.print(f"  {env} .venv/bin/rightsledger checkpoints")
    console.print(
        f"  {env} .venv/bin/rightsledger verify {proofs_dir / 'W-0001.rlproof'} --chain {chain_arg}"
    )
    console.print(
        f"  {env} .venv/bin/rightsledger verify {proofs_dir / 'W-0001.tampered.rlproof'} --chain {chain_arg}"
    )
    console.print(f"  {env} .venv/bin/rightsledger evidence add README.md --case CASE-1")
    console.print(f"  {env} .venv/bin/rightsledger anchor")


def _mark(ok: bool) -> str:
    return "[green]✓[/green]" if ok else "[red]✗[/red]"
