"""`rightsledger proof ENTRY_ID`: export the proof of a recorded entry."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from ledger import dump_rlproof, dump_tlog_proof
from registry.services.anchoring.proofs import kind_of, proof_for
from rightsledger.context import sessions
from rightsledger.settings import load_settings


class ProofFormat(StrEnum):
    rlproof = "rlproof"
    tlog_proof = "tlog-proof"


def proof(
    entry_id: Annotated[str, typer.Argument(help="the entry's id, e.g. EV-3a7bd3e2360a3d29 or W-0001")],
    kind: Annotated[str | None, typer.Option(help="the entry's kind, when the id is used by several")] = None,
    version: Annotated[int | None, typer.Option(help="a given version (default: latest)")] = None,
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="file to write (default: stdout)")
    ] = None,
    fmt: Annotated[
        ProofFormat, typer.Option("--format", help="rlproof (JSON) or C2SP tlog-proof")
    ] = ProofFormat.rlproof,
    hash_only: Annotated[
        bool, typer.Option("--hash-only", help="leave the entry out, give its leaf hash")
    ] = False,
) -> None:
    """Export the proof of an entry: entry, inclusion proof, signed checkpoint, chain anchor."""
    settings = load_settings()
    with sessions(settings)() as session:
        if kind is None:
            kind = kind_of(session, entry_id)
        result = proof_for(session, kind, entry_id, version, include_entry=not hash_only)
    text = dump_tlog_proof(result) if fmt is ProofFormat.tlog_proof else dump_rlproof(result)
    if output is None:
        print(text, end="")
        return
    output.write_text(text)
    anchored = "anchored" if result.anchor else "NOT anchored yet"
    Console(stderr=True).print(f"wrote {output} ({kind} {entry_id}, leaf {result.leaf_index}, {anchored})")
