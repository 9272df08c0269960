"""`rightsledger verify FILE`: check a proof file offline, step by step."""

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
from ledger import LedgerError, load_proof, verify_proof
from registry.services.anchoring import contract_for_chain
from rightsledger.context import NotInitialised, sessions
from rightsledger.settings import load_settings

console = Console()


def _trusted_keys(vkeys: list[str]) -> list[str]:
    settings = load_settings()
    texts = list(vkeys)
    if not texts and settings.log_vkey:
        texts.append(settings.log_vkey)
    if not texts and settings.verifier_key_file.exists():
        texts.append(settings.verifier_key_file.read_text())
    return texts


def _recorded_contract(chain_id: int) -> str | None:
    """The contract this data directory anchors to on `chain_id`, if there is one here."""
    settings = load_settings()
    if settings.contract_address:
        return settings.contract_address
    try:
        with sessions(settings)() as session:
            row = contract_for_chain(session, chain_id)
    except NotInitialised:
        return None
    return row.address if row else None


def verify(
    file: Annotated[Path, typer.Argument(help=".rlproof or .tlog-proof file", exists=True, dir_okay=False)],
    vkey: Annotated[list[str], typer.Option("--vkey", help="trusted log verifier key (repeatable)")] = [],  # noqa: B006
    origin: Annotated[str | None, typer.Option(help="require checkpoints of this log")] = None,
    chain: Annotated[
        str | None,
        typer.Option(
            "--chain", help="also check on chain: a node URL, or 'embedded' for this data directory's chain"
        ),
    ] = None,
    contract: Annotated[
        str | None, typer.Option(help="the log's anchor contract, to find a proof that carries no anchor")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="print the report as JSON")] = False,
) -> None:
    """Verify a proof: leaf hash, inclusion, checkpoint signature, and with --chain the checkpoint on
    chain and the contract's own verifyInclusion. Exit 0 if valid, 1 if not."""
    hint = "pass --vkey NAME+KEYID+KEY (the log's published key)"
    try:
        keys = _trusted_keys(vkey)
        proof = load_proof(file.read_bytes())
        if chain is None:
            policy = verification_policy(keys, origin=origin, require_chain=False, pin_hint=hint)
            report = verify_proof(proof, policy)
        else:
            with connect(chain, load_settings().data_dir, read_only=True) as conn:
                policy = verification_policy(
                    keys,
                    origin=origin,
                    contract=contract or _recorded_contract(conn.chain_id),
                    contract_pinned=contract is not None,
                    pin_hint=hint,
                )
                report = verify_proof(proof, policy, chain_checks(conn, policy))
    except (LedgerError, UnicodeDecodeError, ChainError) as exc:
        if as_json:
            print(json.dumps({"valid": False, "error": str(exc)}))
        else:
            # One `error:` line on stderr, as every command reports what stops it.
            Console(stderr=True).print(f"[red]error:[/red] {escape(str(file))}: {escape(str(exc))}")
        raise typer.Exit(1) from None
    if as_json:
        print(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        for step in report.steps:
            mark = "[green]✓[/green]" if step.ok else "[red]✗[/red]"
            console.print(f"{mark} [bold]{step.name}[/bold]: {escape(step.detail)}")
        failed = report.failed
        console.print(
            "[green]VALID[/green]"
            if report.ok
            else f"[red]INVALID at step: {failed.name if failed else '?'}[/red]"
        )
    raise typer.Exit(0 if report.ok else 1)
