"""`rightsledger audit`: check every entry, the log, the checkpoints, the chain and the business
rows; print each discrepancy; exit 1 on any."""

from __future__ import annotations

import json
import os
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from anchor.chain import connect
from anchor.contract import AnchorContract
from ledger.note import Verifier
from registry.audit.run import ChainView
from registry.audit.run import audit as run_audit
from registry.audit.steps import failure
from registry.crypto import KEY_ENV, FieldCipher, field_cipher
from registry.services.anchoring.job import contract_for_chain
from rightsledger.context import sessions
from rightsledger.keys import read_verifier_key
from rightsledger.settings import Settings, load_settings


def audit(
    as_json: Annotated[bool, typer.Option("--json", help="print the report as JSON")] = False,
    chain: Annotated[
        str | None,
        typer.Option("--chain", help="chain node URL or 'embedded' (default: the configured chain)"),
    ] = None,
    offline: Annotated[bool, typer.Option("--offline", help="do not check the chain")] = False,
) -> None:
    """Recompute every entry, the log and its checkpoints, check them on chain and against the
    business rows; exit 1 when anything differs."""
    settings = load_settings()
    factory = sessions(settings)
    with factory() as session:
        if offline:
            report = run_audit(
                session,
                verifier=_verifier(settings),
                origin=settings.log_origin,
                data_dir=settings.data_dir,
                cipher=_cipher(settings),
            )
        else:
            with connect(chain or settings.chain_url, settings.data_dir, read_only=True) as conn:
                try:  # the recorded contract is stored data too: a damaged row is a finding
                    row = contract_for_chain(session, conn.chain_id)
                    view = (
                        None
                        if row is None
                        else ChainView(AnchorContract(conn.w3, row.address), conn.chain_id)
                    )
                    unreadable = None
                except Exception as exc:
                    row, view, unreadable = None, None, failure(exc)
                report = run_audit(
                    session,
                    verifier=_verifier(settings),
                    origin=settings.log_origin,
                    chain=view,
                    data_dir=settings.data_dir,
                    cipher=_cipher(settings),
                )
                if unreadable is not None:
                    report.add("chain", f"the recorded anchor contract cannot be read: {unreadable}")
                elif view is None:
                    report.notes.append(
                        f"no anchor contract recorded for chain id {conn.chain_id}: chain not checked"
                    )
    if as_json:
        print(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        _print(report.to_dict())
    raise typer.Exit(0 if report.clean else 1)


def _verifier(settings: Settings) -> Verifier | None:
    if settings.log_vkey:
        return Verifier.from_vkey(settings.log_vkey)
    path = settings.verifier_key_file
    return read_verifier_key(path) if path.exists() else None


def _cipher(settings: Settings) -> FieldCipher | None:
    """The data key, when there is one: the audit never creates it."""
    if os.environ.get(KEY_ENV) or settings.data_key_file.exists():
        return field_cipher(settings.data_key_file)
    return None


def _print(report: dict[str, object]) -> None:
    out, err = Console(), Console(stderr=True)
    counts = report["counts"]
    assert isinstance(counts, dict)
    out.print("checked: " + ", ".join(f"{n} {what}" for what, n in counts.items()))
    for note in report["notes"]:  # type: ignore[attr-defined]
        err.print(f"[yellow]note[/yellow] {escape(note)}")
    findings = report["findings"]
    assert isinstance(findings, list)
    for f in findings:
        subject = " ".join(
            str(p)
            for p in (f["kind"], f["entry_id"], f"v{f['version']}" if f["version"] else None, f["where"])
            if p
        )
        out.print(f"[red]{escape(f['check'])}[/red] {escape(subject)}: {escape(f['detail'])}")
    if findings:
        out.print(f"[red]{len(findings)} finding(s)[/red]")
    else:
        out.print("[green]audit clean[/green]: no discrepancy found")
