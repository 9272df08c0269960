"""`rightsledger demo`: a working CMO in one command, in a fresh data directory.

Orchestration only: the builders in rightsledger/demodata/ make the members and repertoire, the
licensing, the month's usage and its distribution through the registry services; this command
runs them in order, anchors twice (the contract checks the second checkpoint extends the first),
exports and verifies a proof of every entry kind, and serves the API and the portal.
"""

from __future__ import annotations

import os
import re
import shutil
import time
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

from anchor.contract import AnchorContract
from anchor.job import JobSettings
from ledger.descriptor import DESCRIPTOR_FILE
from portal.browser_verifier import STANDALONE
from registry.business_time import business_time
from registry.crypto import field_cipher
from registry.cwr.generate import generate_cwr
from registry.entity_ids import MEMBER, USAGE_REPORT
from registry.private_files import open_private
from registry.services.anchoring.job import anchoring_job, ensure_contract
from registry.services.anchoring.proofs import consistency_proof
from registry.services.distribution.bank_file import bank_csv, bank_file
from registry.services.distribution.proposals import approve as approve_distribution
from registry.services.distribution.proposals import prepare as prepare_distribution
from registry.services.enforcement.evidence import record_evidence
from registry.services.licensing.licenses import find_license
from registry.services.parties.parties import find_party
from registry.services.repertoire.cwr_acknowledgements import Society, acknowledgement
from registry.services.repertoire.cwr_export import export_works
from registry.services.repertoire.cwr_import import import_cwr
from registry.services.reporting.lookups import entries_beyond, first_recording, first_work_registered_by
from registry.services.reporting.transparency import closed, publish_report, report_id
from rightsledger.commands.log_descriptor import publish_descriptor
from rightsledger.context import initialise, open_chain, publisher, sessions, unit_of_work
from rightsledger.demodata.ai import declare_examples
from rightsledger.demodata.claims import seed_claims
from rightsledger.demodata.distribution import DEMO_RULES, seed_distribution
from rightsledger.demodata.finance import seed_bank_statement
from rightsledger.demodata.licensing import seed_licensing
from rightsledger.demodata.officer import officer_day
from rightsledger.demodata.people import create_logins
from rightsledger.demodata.proofs import Wanted, check_proofs, export_proofs
from rightsledger.demodata.reminders import reminders_day
from rightsledger.demodata.repertoire import review_examples, seed_repertoire
from rightsledger.demodata.roster import clerk_day
from rightsledger.demodata.scale import SCALES
from rightsledger.demodata.serving import ServeError, serving, wait_until_interrupted
from rightsledger.demodata.submissions import submissions_day
from rightsledger.demodata.usage import seed_usage
from rightsledger.settings import load_settings

console = Console()
SOURCES = ("karaoke", "online")  # the play logs' and the DSR's pools
FOUR_EYES = "online"  # the source whose run goes through a proposal and its approval
DEMO_MARKER = ".rightsledger-demo"


def demo(
    data_dir: Annotated[
        Path | None, typer.Option(help="where to build the demo (default: <data dir>/demo); replaced")
    ] = None,
    chain: Annotated[
        str | None, typer.Option(help="a chain node URL (Hardhat node, Anvil); default: embedded")
    ] = None,
    scale: Annotated[
        str, typer.Option(help="small (a tenth, for tests), medium (the CMO of the README), large (10x)")
    ] = "medium",
    seed: Annotated[int, typer.Option(help="the same seed builds the same CMO")] = 2026,
    period: Annotated[
        str | None, typer.Option(help="the month of usage and distribution, YYYY-MM (default: last month)")
    ] = None,
    serve: Annotated[bool, typer.Option(help="serve the API and the portal afterwards")] = True,
    api_port: Annotated[int, typer.Option(help="the API's port")] = 8000,
    portal_port: Annotated[int, typer.Option(help="the portal's port")] = 8501,
) -> None:
    """Build a working CMO in a fresh directory, anchor it, prove its facts, and serve it."""
    if scale not in SCALES:
        raise typer.BadParameter(f"expected one of {', '.join(SCALES)}", param_hint="--scale")
    size = SCALES[scale]
    month = period or _last_month(datetime.now(UTC).date())
    if not re.fullmatch(r"[0-9]{4}-(0[1-9]|1[0-2])", month):
        raise typer.BadParameter("expected YYYY-MM", param_hint="--period")
    if not closed(month):  # the demo publishes the period's transparency report
        raise typer.BadParameter(f"{month} is not over yet: give a closed month", param_hint="--period")
    base = load_settings()
    target = (data_dir or base.data_dir / "demo").resolve()
    _fresh(target)
    settings = load_settings(data_dir=target, database_url=None, log_key_path=None, chain_url=chain)
    started = time.monotonic()
    signer = initialise(settings)
    vkey = signer.verifier().vkey
    factory = sessions(settings)
    console.rule("[bold]RightsLedger demo")
    console.print(
        f"data directory: {target}\nscale: {size.name}, seed {seed}, period {month}\n"
        f"log: {settings.log_origin}\nverifier key: {vkey}"
    )
    cipher = field_cipher(settings.data_key_file)

    with open_chain(settings) as conn, _progress() as progress:
        say = progress.console.print
        account = publisher(settings, conn)
        row, _ = ensure_contract(factory, conn, account, settings.log_origin)
        say(f"anchor contract {row.address} deployed on chain id {conn.chain_id} ({conn.where})")
        job = anchoring_job(factory, conn, account, signer, JobSettings(settings.log_origin), say)

        task = progress.add_task("members, works and recordings", total=size.works)
        business = datetime.strptime(
            f"{month}-15T12:00:00+00:00", "%Y-%m-%dT%H:%M:%S%z"
        )  # the period's facts
        with unit_of_work(settings) as session, business_time(session, business):
            catalogue = seed_repertoire(
                session,
                cipher,
                seed=seed,
                members=size.members,
                works=size.works,
                progress=lambda n: progress.advance(task, n),
            )
        with unit_of_work(settings) as session, business_time(session, business):
            cwr = import_cwr(session, generate_cwr(size.catalogue_works, seed=seed), name="catalogue.v22")
            review = review_examples(session)
        with unit_of_work(settings) as session:  # what the society sends the publisher back
            answer = acknowledgement(
                session, cwr.sha256, Society(settings.society_code, settings.society_name), datetime.now(UTC)
            )
        (settings.data_dir / answer.name).write_bytes(answer.data)
        say(
            f"{len(catalogue.members)} members, {catalogue.works} works and "
            f"{catalogue.recordings} recordings; publisher catalogue (CWR {cwr.version}): "
            f"{cwr.accepted} of {cwr.transactions} "
            f"registrations accepted, {cwr.works_created} works and {cwr.recordings} recordings; "
            f"acknowledgement to the publisher: {settings.data_dir / answer.name}"
        )
        with unit_of_work(settings) as session:  # rights holders declare how AI was involved
            ai = declare_examples(session)
        assisted, plain = ai["assisted"], ai["none"]
        say(
            f"AI declarations: {assisted} AI-assisted (Suno v4, human share 70%), {plain} made without AI; "
            "the distribution rules pay an AI-assisted work its human share (ai_assisted = human_share)"
        )
        with unit_of_work(settings) as session:  # a publisher without CWR sends the works template
            sent_in = submissions_day(session, target)
        say(
            f"works template {sent_in['path']} from a publisher: "
            f"{sent_in['queued']} of {sent_in['rows']} rows queued for review "
            f"({sent_in['refused']} refused: shares short of 100%); the clerk accepted "
            f"{sent_in['accepted']} (one corrected to {sent_in['corrected']!r} as suggested), rejected "
            f"{sent_in['rejected']} as a probable duplicate, {sent_in['pending']} left to review; "
            f"the clerk registered {sent_in['form_work']} by form and corrected its title"
        )
        with unit_of_work(settings) as session:  # the repertoire as a sister society receives it
            society = Society(settings.society_code, settings.society_name)
            sent = export_works(session, society, datetime.now(UTC))
        exported = settings.data_dir / sent.name
        exported.write_bytes(sent.data)
        say(f"the society's works as CWR for a sister society: {sent.works} works in {exported}")
        say(
            f"staff resolved conflict {review.conflict_resolved}, merged {review.duplicate_merged}, kept "
            f"{review.duplicate_kept_apart} apart; {review.conflicts_open} conflicts and "
            f"{review.duplicates_pending} duplicate candidates left to review"
        )

        task = _step(progress, "licensees, tariffs, licenses, invoices, payments, e-contracts")
        with unit_of_work(settings) as session:
            licensing = seed_licensing(
                session,
                cipher,
                target,
                seed=seed,
                venues=size.venues,
                platforms=size.platforms,
                shops=size.shops,
                period=month,
                society_name=settings.society_name,
                contract_key_passphrase=_secret(settings.contract_key_passphrase),
            )
        progress.advance(task)
        statuses = ", ".join(f"{len(v)} {k}" for k, v in licensing["licenses"].items())
        say(
            f"{licensing['licensees']} licensees; licenses: {statuses}; {len(licensing['invoices'])} "
            f"invoices for {month}, {len(licensing['contracts'])} signed e-contracts"
        )

        with unit_of_work(settings) as session:  # the registry clerk's day on the roster
            joined = clerk_day(session, cipher, today=date.today(), seed=seed)
        say(
            f"members' roster: {joined['member']} applied with {joined['mandates']} mandates and was "
            "admitted by the clerk, bank account sealed (2 member entries)"
        )
        with unit_of_work(settings) as session:  # the licensing officer's day
            officer = officer_day(session, cipher, today=date.today(), spare=licensing["example_license"])
        if officer:
            say(
                f"licensing officer: {officer['licensee']} moved (address now {officer['address']}); "
                f"{officer['license']} suspended for an unpaid invoice, then reinstated once paid"
            )

        with unit_of_work(settings) as session:  # finance imports the bank's statement
            banked = seed_bank_statement(session, target, period=month, today=date.today())
        counts, aged = banked["report"]["counts"], banked["ageing"]
        say(
            f"bank statement {banked['path']}: {counts['recorded']} payments recorded "
            f"({_yuan(banked['report']['recorded_fen'])}), {counts['unallocated']} left to allocate; "
            f"outstanding {_yuan(aged['balance_fen'])} on {aged['invoices']} invoices"
        )

        with unit_of_work(settings) as session:  # finance's reminder run on the month before's invoices
            dunned = reminders_day(session, period=month, today=date.today())
        run = dunned["run"]
        say(
            f"{dunned['invoices']} invoices for {dunned['period']}, half paid; reminder run of {run.as_of}: "
            f"{run.sent} payment reminders sent ({run.by_stage['first_reminder']} first, "
            f"{run.by_stage['second_reminder']} second, {run.by_stage['final_notice']} final notices), "
            f"asking {_yuan(run.balance_fen)}"
        )

        task = _step(progress, f"usage of {month}: karaoke play logs and a DSR")
        with unit_of_work(settings) as session:
            usage = seed_usage(session, target, seed=seed, period=month, plays=size.plays)
        progress.advance(task)
        for name, report in usage.items():
            say(f"usage {name}: {_usage_line(report)}")

        task = _step(progress, f"distribution of {month}", total=len(SOURCES))
        # Four eyes: finance prepares the DSR's run, the approver (someone else) approves and runs it.
        with unit_of_work(settings) as session:
            proposal = prepare_distribution(session, target, month, FOUR_EYES, prepared_by="finance")
        with unit_of_work(settings) as session:
            approve_distribution(session, target, proposal.id, decided_by="approver")
        say(
            f"four eyes: {proposal.id} prepared by finance as a dry run "
            f"({proposal.body['summary']['members']} members, pool {_yuan(proposal.body['pool'])}), "
            "approved and run by the approver"
        )
        runs: dict[str, dict[str, Any]] = {}
        for source in SOURCES:
            with unit_of_work(settings) as session:
                # The real sources: what was collected for the source, over its matched usage.
                # The approved proposal's run was made under the default rules: that same run.
                rules = None if source == FOUR_EYES else DEMO_RULES
                runs[source] = seed_distribution(session, target, period=month, source=source, rules=rules)
            progress.advance(task)
            s = runs[source]["summary"]
            say(
                f"distribution {runs[source]['summary_id']}: pool {_yuan(s['pool'])}, "
                f"deduction {_yuan(s['deduction'])}, reserve {_yuan(_total(s['reserve']))}, "
                f"{s['members']} members paid {_yuan(s['allocated'])}; "
                f"conservation findings: {len(runs[source]['conservation_findings'])}"
            )

        with unit_of_work(settings) as session:  # what finance sends the bank for the karaoke run
            payments = bank_file(session, cipher, month, "karaoke")
        bank_path = target / f"bank-{month}-karaoke.csv"
        with os.fdopen(open_private(bank_path), "wb") as handle:
            handle.write(bank_csv(payments))
        held = sum(t.amount for t in payments.held)
        say(
            f"bank file {bank_path}: {len(payments.transfers)} transfers, {_yuan(payments.total)}; "
            f"{len(payments.held)} members without bank details held {_yuan(held)}"
        )

        task = _step(progress, "API logins and claims of unidentified usage")
        with unit_of_work(settings) as session:
            member = _statement_member(session, runs)
            lic = find_license(session, licensing["example_license"])
            logins = create_logins(session, member=member, licensee=(lic.licensee_id, lic.licensee.name))
            claims = seed_claims(session, member[0]) if member is not None else {}
        progress.advance(task)
        if claims:
            say(
                "claims of unidentified usage by the member: "
                + ", ".join(f"{claim} {status}" for status, claim in claims.items())
            )

        task = _step(progress, "anchoring (first checkpoint)")
        first = job.run_once().anchored
        progress.advance(task)

        task = _step(progress, "evidence and the transparency report")
        evidence_file = target / "evidence" / f"venue-{lic.licensee_id}-{month}-playlog.txt"
        evidence_file.parent.mkdir(parents=True, exist_ok=True)
        evidence_file.write_text(
            f"{month}-14T21:05:00+08:00 room 7 {licensing['example_venue']}: 12 plays after suspension\n"
        )
        with unit_of_work(settings) as session:
            evidence = record_evidence(
                session, evidence_file, case=f"CASE-{month}-017", note="play log, test visit"
            )
            publish_report(session, month)  # a closed month only: this month's report waits for its end
        progress.advance(task)

        task = _step(progress, "anchoring (second checkpoint)")
        second = job.run_once().anchored
        progress.advance(task)
        assert first is not None and second is not None
        built = time.monotonic() - started

        contract = AnchorContract(conn.w3, row.address)
        with factory() as session:
            consistency = consistency_proof(session, first.tree_size, second.tree_size)
            pending = entries_beyond(session, second.tree_size)
        agrees = contract.verify_consistency(first.checkpoint_index, second.checkpoint_index, consistency)
        say(
            f"checkpoints {first.checkpoint_index} -> {second.checkpoint_index} (size {first.tree_size} -> "
            f"{second.tree_size}): the contract confirms append-only: {agrees}"
        )
        say(f"entries not in an anchored checkpoint: {pending}")

        task = _step(progress, "proofs: export and verify")
        with factory() as session:
            wanted = _wanted(session, licensing, usage, runs, member, evidence.id, month)
            written = export_proofs(session, target / "proofs", wanted)
            # The log's identity, published for verifiers to pin (served at GET /v1/log/descriptor).
            descriptor = publish_descriptor(
                session, signer, settings.log_origin, conn.chain_id, settings.data_dir / DESCRIPTOR_FILE
            )
        checked = check_proofs(written, conn, descriptor)
        progress.advance(task)

    table = Table("proof", "kind", "offline", "on chain", "verdict")
    for c in checked:
        verdict = "[green]valid[/green]" if c.valid else f"[red]invalid at {c.failed_step}[/red]"
        table.add_row(escape(c.label), c.kind, _mark(c.offline), _mark(c.on_chain), verdict)
    console.print(table)
    console.print(f"built and anchored in {built:.0f} s")
    _examples(target, chain, licensing, logins, checked, runs, month)
    if not serve:
        return
    try:
        with serving(target, chain, api_port, portal_port) as servers:
            console.rule("[bold]Serving")
            for server in servers:
                console.print(f"{server.name}: {server.url}   (log: {server.log})")
            console.print(f"API docs: {servers[0].url}/docs and {servers[0].url}/redoc (no internet needed)")
            console.print(f"  curl {servers[0].url}/v1/proofs/{checked[0].path.stem}")
            console.print(f"  curl {servers[0].url}/v1/checkpoints")
            console.print(f"  curl {servers[0].url}/v1/log/descriptor")
            console.print(f"  curl {servers[0].url}/v1/licenses/{licensing['example_license']}")
            console.print(
                f"on the portal: look up {licensing['example_license']}, sign in as member or auditor, "
                f"upload {checked[0].path} (or its tampered copy) on the Verify page"
            )
            portal = servers[-1].url
            console.print(
                f"the transparency report of {month}: {portal}/report?month={month}; "
                "the Auditor and Admin pages check and anchor"
            )
            console.print(
                f"  shareable look-ups: {portal}/licenses?city=Beijing  "
                f"{portal}/licenses?license={licensing['example_license']}  {portal}/lookup?q=0"
            )
            console.print(
                f"a member's own pages: {portal}/holdings (works and shares), {portal}/claims (unidentified "
                f"usage); the licensee's: {portal}/licensee (licenses, invoices, contracts)"
            )
            draft, key = licensing.get("draft_contract"), licensing.get("draft_key")
            if draft:
                console.print(
                    f"  sign {draft} there as the licensee: download its payload, then "
                    f".venv/bin/rightsledger contracts sign-payload {draft}.payload.json --key {key} "
                    f"--out {draft}.sig, and upload {draft}.sig"
                )
            console.print(
                f"  a member's statements: {portal}/payouts (sign in as member: "
                "sort, filter, verify every line, CSV / Excel / PDF)"
            )
            console.print(
                f"the staff's pages (sign in as admin): {portal}/submissions (works sent by publishers "
                f"to accept, correct or reject), {portal}/review (share conflicts and duplicate "
                f"candidates to decide), {portal}/cwr (CWR files received, acknowledgements to send back, "
                f"the works exported), {portal}/members (the members' roster), {portal}/licensing "
                f"(licensees and licenses), {portal}/finance (balances, reminders, payments, bank "
                f"statements, invoice runs), {portal}/approvals (four eyes)"
            )
            console.print("Press Ctrl-C to stop both.")
            why = wait_until_interrupted(servers)
        if why != "interrupted":
            console.print(f"[red]the {why} server stopped by itself[/red]; see {target / 'logs'}")
            raise typer.Exit(1)
        console.print("stopped the API and the portal")
    except ServeError as exc:
        console.print(f"[red]error:[/red] {escape(str(exc))}")
        raise typer.Exit(1) from None


def _fresh(target: Path) -> None:
    """Empty the demo directory: only one the demo made (its marker inside) or an empty one, so a
    mistyped --data-dir never deletes someone's real data."""
    marker = target / DEMO_MARKER
    if target.exists():
        if not marker.exists() and any(target.iterdir()):
            raise typer.BadParameter(
                f"{target} is not empty and was not made by the demo: give another directory",
                param_hint="--data-dir",
            )
        shutil.rmtree(target)
    target.mkdir(parents=True)
    marker.write_text("made by `rightsledger demo`: replaced by the next run\n")


def _progress() -> Progress:
    return Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
    )


def _step(progress: Progress, what: str, total: int = 1) -> Any:
    return progress.add_task(what, total=total)


def _last_month(today: date) -> str:
    year, month = (today.year, today.month - 1) if today.month > 1 else (today.year - 1, 12)
    return f"{year:04d}-{month:02d}"


def _secret(value: Any) -> str | None:
    return value.get_secret_value() if value is not None else None


def _yuan(fen: int) -> str:
    return f"¥{fen // 100:,}.{fen % 100:02d}"


def _total(amounts: Any) -> int:
    return (
        sum(v for v in amounts.values() if isinstance(v, int)) if isinstance(amounts, dict) else int(amounts)
    )


def _usage_line(report: dict[str, Any]) -> str:
    return (
        f"{report['lines_ingested']:,} lines, {report['lines_matched']:,} matched, "
        f"{report['lines_unidentified']:,} unidentified ({Path(report['file']).name})"
    )


def _statement_member(session: Any, runs: dict[str, dict[str, Any]]) -> tuple[int, str] | None:
    """The member whose statement the demo shows (the karaoke run's top earner)."""
    for run in runs.values():
        statement = run.get("statement")
        if statement:
            party_id = int(statement["entry_id"].rsplit("/M-", 1)[1])
            party = find_party(session, party_id)
            return party_id, party.name if party else ""
    return None


def _wanted(
    session: Any,
    licensing: dict[str, Any],
    usage: dict[str, Any],
    runs: dict[str, dict[str, Any]],
    member: tuple[int, str] | None,
    evidence_id: str,
    month: str,
) -> list[Wanted]:
    """One proof of each kind, as the one entitled to it downloads it (hash only where not)."""
    work = first_work_registered_by(session, "CMO")
    assert work is not None, "the demo's repertoire has staff-registered works"
    recording = work.recordings[0] if work.recordings else first_recording(session)
    assert recording is not None, "the demo's repertoire has recordings"
    lic, contract = licensing["example_license"], licensing["contracts"][0]
    play_log = usage["play_log"]
    summary = runs["karaoke"]["summary_id"]
    report = report_id(month)
    wanted = [
        Wanted(f"work {work.title} (public)", "work", work.ledger_id, f"{work.ledger_id}.rlproof"),
        Wanted(
            f"recording {recording.isrc}", "recording", recording.ledger_id, f"{recording.ledger_id}.rlproof"
        ),
        Wanted(f"license {lic}", "license", lic, f"{lic}.rlproof"),
        Wanted(
            "e-contract (hash only)", "contract", contract, f"{contract}.hash-only.rlproof", hash_only=True
        ),
        Wanted(
            f"usage report {Path(play_log['file']).name}",
            "usage_report",
            USAGE_REPORT.make(play_log["sha256"]),
            "usage-report.rlproof",
        ),
        Wanted(f"distribution summary {summary}", "distribution_summary", summary, f"{summary}.rlproof"),
        Wanted(f"evidence {evidence_id}", "evidence", evidence_id, f"{evidence_id}.rlproof"),
        Wanted(f"transparency report {month}", "transparency_report", report, f"{report}.rlproof"),
    ]
    if member is not None:
        m = MEMBER.make(member[0])
        statement = runs["karaoke"]["statement"]["entry_id"]
        wanted += [
            Wanted(f"member {m} (hash only)", "member", m, f"{m}.hash-only.rlproof", hash_only=True),
            Wanted(
                f"statement of {m} (private, with salt)", "distribution_line", statement, "statement.rlproof"
            ),
        ]
    return wanted


def _examples(
    target: Path,
    chain: str | None,
    licensing: dict[str, Any],
    logins: list[Any],
    checked: list[Any],
    runs: dict[str, dict[str, Any]],
    month: str,
) -> None:
    env = f"RIGHTS_DATA_DIR={target}"
    chain_arg = f" --chain {chain or 'embedded'}"  # without a chain a verdict stays "not proven"
    work = checked[0].path
    tampered = next(c.path for c in checked if not c.valid)
    console.rule("[bold]Try it")
    console.print(f"license to look up: {licensing['example_license']} ({licensing['example_venue']})")
    for status, numbers in licensing["licenses"].items():
        if numbers:
            console.print(f"  a license {status}: {numbers[0]}")
    console.print("logins (demo passwords, shown only here):")
    for login in logins:
        console.print(f"  {login.role:<9} {login.username} / {login.password}   {escape(login.who)}")
    console.print(f"  {env} .venv/bin/rightsledger verify {work}{chain_arg}")
    console.print(f"  {env} .venv/bin/rightsledger verify {tampered}{chain_arg}")
    pinned = f"--descriptor {target / DESCRIPTOR_FILE}"  # the log identity a stranger would pin
    console.print(f"  {env} .venv/bin/rightsledger verify {work} {pinned}{chain_arg}")
    console.print(f"  {env} .venv/bin/rightsledger statements --member {_member_of(runs)} --period {month}")
    console.print(f"  {env} .venv/bin/rightsledger audit")
    console.print(f"  {env} .venv/bin/rightsledger checkpoints")
    console.print(f"  {env} .venv/bin/rightsledger report --month {month}")
    if chain and chain.startswith(("http://", "https://")):  # a browser cannot reach the embedded chain
        console.print(
            f"  open {STANDALONE} in a browser and verify {work.name} there: chain {chain}, and the "
            f"log descriptor {target / DESCRIPTOR_FILE}"
        )


def _member_of(runs: dict[str, dict[str, Any]]) -> str:
    statement = runs["karaoke"].get("statement")
    return statement["entry_id"].rsplit("/M-", 1)[1] if statement else "1"


def _mark(ok: bool) -> str:
    return "[green]✓[/green]" if ok else "[red]✗[/red]"
