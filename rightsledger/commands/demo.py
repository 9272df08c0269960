"""`rightsledger demo`: what RightsLedger can do today, end to end, in a fresh data directory.

Today: facts recorded, anchored on a chain by the contract (which checks every checkpoint extends
the previous one), evidence fixed, proofs exported and verified offline and on chain, one of them
deliberately tampered. The business services join as they land.
"""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table
from sqlalchemy import select

from anchor.contract import AnchorContract
from anchor.job import JobSettings
from anchor.verify import chain_checks
from ledger import load_proof, verify_proof
from ledger.store import tree_consistency_proof
from registry.crypto import field_cipher
from registry.cwr.generate import generate_cwr
from registry.identifiers import generate_ipi_name
from registry.ledger_writer import record
from registry.log_store import SqlLogStore
from registry.models import Work
from registry.services.anchoring import anchoring_job, ensure_contract
from registry.services.cwr_import import import_cwr
from registry.services.evidence import record_evidence
from registry.services.members import MandateInput, MemberInput, PartyRef, register_member
from registry.services.proofs import proof_for
from registry.services.repertoire import ShareInput, WorkInput, register_work
from rightsledger.context import initialise, open_chain, publisher, sessions, unit_of_work
from rightsledger.settings import load_settings

console = Console()

WORKS = [  # (the CMO's own work id, title, Latin title, ISWC)
    ("CMO-0001", "月亮代表我的心", "The Moon Represents My Heart", "T-034.524.680-1"),
    ("CMO-0002", "甜蜜蜜", "Tian Mi Mi", "T-070.027.416-3"),
    ("CMO-0003", "小幸运", "A Little Happiness", "T-917.581.012-5"),
]
LICENSE = {"licensee": "Golden Voice KTV", "city": "Shanghai", "rooms": 24}
CATALOGUE_WORKS = 200


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

        cipher = field_cipher(settings.data_key_file)
        with unit_of_work(settings) as session:
            member = register_member(
                session,
                cipher,
                MemberInput(
                    name="滚石 Music Publishing",
                    kind="company",
                    roles=("publisher",),
                    ipi_name=generate_ipi_name(1001),
                    joined_on=date(2020, 1, 1),
                    mandates=(MandateInput(right_type="performing", territory="CN"),),
                    contact={"email": "rights@example.cn", "phone": "+86 21 5555 0100"},
                    bank={"iban": "CN00 DEMO 0000 0000 0001"},  # encrypted at rest, never in an entry
                ),
            )
            member_id = member.ledger_id
            writer = PartyRef(name="翁清溪", ipi_name=generate_ipi_name(1002))
            publisher_ref = PartyRef(name="滚石 Music Publishing", ipi_name=member.ipi_name, kind="company")
            for work_id, title, latin, iswc in WORKS:
                shares = [
                    ShareInput(party=writer, role="CA", right_type=right, share=5000)
                    for right in ("PR", "MR")
                ] + [
                    ShareInput(party=publisher_ref, role="E", right_type=right, share=5000)
                    for right in ("PR", "MR")
                ]
                register_work(
                    session,
                    WorkInput(
                        submitter="CMO",
                        submitter_work_id=work_id,
                        title=title,
                        iswc=iswc,
                        alt_titles=[(latin, "AT", "EN")],
                        shares=shares,
                        language="ZH",
                    ),
                )
            record(session, "license", "LIC-2026-0001", {**LICENSE, "status": "active"})
            catalogue = import_cwr(session, generate_cwr(CATALOGUE_WORKS, seed=2026), name="catalogue.v22")
        console.print(
            f"publisher catalogue (CWR {catalogue.version}): {catalogue.accepted} of "
            f"{catalogue.transactions} registrations accepted, {catalogue.works_created} works and "
            f"{catalogue.recordings} recordings"
        )
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
            moon = session.scalars(select(Work).where(Work.iswc == "T0345246801")).one()
            work = proof_for(session, "work", moon.ledger_id)
            files = {
                "work 月亮代表我的心 (public)": ("W-0001.rlproof", work.to_json()),
                "the same work as C2SP tlog-proof": ("W-0001.tlog-proof", work.to_tlog_proof()),
                "license, version 2 (suspended)": (
                    "LIC-2026-0001.rlproof",
                    proof_for(session, "license", "LIC-2026-0001").to_json(),
                ),
                f"evidence {evidence.id}": (
                    f"{evidence.id}.rlproof",
                    proof_for(session, "evidence", evidence.id).to_json(),
                ),
                "member (private, with salt)": (
                    "member.rlproof",
                    proof_for(session, "member", member_id).to_json(),
                ),
                "member (hash only)": (
                    "member.hash-only.rlproof",
                    proof_for(session, "member", member_id, include_entry=False).to_json(),
                ),
            }
        tampered = json.loads(work.to_json())
        tampered["entry"]["body"]["title"] = "月亮代表他的心"
        files["the same work, title altered"] = (
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
