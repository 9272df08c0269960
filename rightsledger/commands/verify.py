"""`rightsledger verify FILE`: check a proof file step by step against a pinned log identity.

Exit codes: 0 proven (every required step passed), 1 failed (a step failed, or the file or chain
cannot be read), 2 not proven (nothing failed, but a required step was not checked: no chain
given, no trusted log identity pinned, no contract pinned). It writes nothing to disk."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from anchor.chain import connect
from anchor.errors import ChainError
from anchor.trust import verification_policy
from anchor.verify import chain_checks
from ledger import LedgerError, Outcome, Report, Verdict, VerificationPolicy, load_proof, verify_proof
from ledger.descriptor import DESCRIPTOR_FILE, read_descriptor
from registry.services.anchoring.log_identity import recorded_contracts
from rightsledger.context import NotInitialised, sessions
from rightsledger.settings import Settings, load_settings

console = Console()
EXIT_CODES = {Verdict.PROVEN: 0, Verdict.FAILED: 1, Verdict.NOT_PROVEN: 2}
_MARKS = {
    Outcome.PASSED: "[green]✓[/green]",
    Outcome.FAILED: "[red]✗[/red]",
    Outcome.NOT_CHECKED: "[yellow]–[/yellow]",
}


def _installation_keys(settings: Settings) -> list[str]:
    if settings.log_vkey:
        return [settings.log_vkey]
    if settings.verifier_key_file.is_file():
        return [settings.verifier_key_file.read_text()]
    return []


def _installation_contracts(settings: Settings) -> list[tuple[int, str]]:
    """The contracts this installation recorded; none when there is no installation here. Looking
    creates nothing: an SQLite file that does not exist is not opened."""
    url = settings.db_url
    if url.startswith("sqlite:///") and not Path(url.removeprefix("sqlite:///")).is_file():
        return []
    try:
        with sessions(settings)() as session:
            return recorded_contracts(session)
    except NotInitialised:
        return []


def _policy(
    settings: Settings,
    descriptor_file: Path | None,
    vkeys: list[str],
    origin: str | None,
    contract: str | None,
    offline: bool,
) -> VerificationPolicy:
    """What this verification trusts: the descriptor given, else the local installation's
    published descriptor, else its key and recorded contracts; arguments narrow or add to them.
    Never the proof's own contract or chain."""
    local = settings.data_dir / DESCRIPTOR_FILE
    if descriptor_file is None and local.is_file():
        descriptor_file = local
    contracts = [contract] if contract else []
    if descriptor_file is not None:
        return verification_policy(
            descriptor=read_descriptor(descriptor_file.read_bytes()),
            vkeys=vkeys,
            origin=origin,
            contracts=contracts,
            require_chain=not offline,
        )
    chain_id = None
    if not contracts and settings.contract_address:
        contracts = [settings.contract_address]
    elif not contracts:
        recorded = _installation_contracts(settings)
        contracts = [address for _, address in recorded]
        chains = {chain for chain, _ in recorded}
        chain_id = chains.pop() if len(chains) == 1 else None
    return verification_policy(
        vkeys=vkeys or _installation_keys(settings),
        origin=origin,
        contracts=contracts,
        chain_id=chain_id,
        require_chain=not offline,
    )


def verify(
    file: Annotated[Path, typer.Argument(help=".rlproof or .tlog-proof file", exists=True, dir_okay=False)],
    descriptor: Annotated[
        Path | None,
        typer.Option(
            "--descriptor",
            help=f"the log descriptor to pin (default: DATA_DIR/{DESCRIPTOR_FILE} of this installation)",
            exists=True,
            dir_okay=False,
        ),
    ] = None,
    vkey: Annotated[list[str], typer.Option("--vkey", help="trusted log verifier key (repeatable)")] = [],  # noqa: B006
    origin: Annotated[str | None, typer.Option(help="require checkpoints of this log")] = None,
    chain: Annotated[
        str | None,
        typer.Option(
            "--chain", help="check on chain: a node URL, or 'embedded' for this data directory's chain"
        ),
    ] = None,
    contract: Annotated[
        str | None, typer.Option(help="the log's anchor contract (pinned: a proof naming another fails)")
    ] = None,
    offline: Annotated[
        bool, typer.Option("--offline", help="do not require the on-chain steps (the verdict says so)")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="print the report as JSON")] = False,
) -> None:
    """Verify a proof: leaf hash, inclusion, checkpoint signature, and with --chain the checkpoint on
    chain, the contract's own verifyInclusion and the anchor transaction, all against the pinned
    log identity (--descriptor, this installation's, or --vkey/--contract), never the proof's own.

    Exit 0: proven. Exit 1: failed (or unreadable). Exit 2: not proven, as a required step was not
    checked (no --chain, no trusted log identity, no pinned contract)."""
    settings = load_settings()
    try:
        policy = _policy(settings, descriptor, vkey, origin, contract, offline)
        proof = load_proof(file.read_bytes())
        if chain is None:
            report = verify_proof(proof, policy, no_chain="no chain was given (--chain)")
        else:
            with connect(chain, settings.data_dir, read_only=True) as conn:
                report = verify_proof(proof, policy, chain_checks(conn, policy))
    except (LedgerError, UnicodeDecodeError, ChainError) as exc:
        if as_json:
            print(json.dumps({"verdict": Verdict.FAILED.value, "valid": False, "error": str(exc)}))
        else:
            # One `error:` line on stderr, as every command reports what stops it.
            Console(stderr=True).print(f"[red]error:[/red] {escape(str(file))}: {escape(str(exc))}")
        raise typer.Exit(1) from None
    if as_json:
        print(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        for step in report.steps:
            unchecked = " (not checked)" if step.outcome is Outcome.NOT_CHECKED else ""
            console.print(
                f"{_MARKS[step.outcome]} [bold]{step.name}[/bold]{unchecked}: {escape(step.detail)}"
            )
        console.print(_verdict_line(report, policy))
    raise typer.Exit(EXIT_CODES[report.verdict])


def _verdict_line(report: Report, policy: VerificationPolicy) -> str:
    verdict = report.verdict
    if verdict is Verdict.PROVEN:
        turned_off = "" if policy.require_chain else " offline: the on-chain steps were turned off"
        return f"[green]PROVEN[/green]{turned_off}"
    if verdict is Verdict.FAILED:
        failed = report.failed
        return f"[red]INVALID at step: {failed.name if failed else '?'}[/red]"
    unchecked = report.unchecked
    why = f"{unchecked.name} not checked: {unchecked.detail}" if unchecked else "?"
    return f"[yellow]NOT PROVEN[/yellow]: {escape(why)}"
