"""`rightsledger serve portal`: the Streamlit portal, with what it must trust pinned from this
installation (the log's key and origin, its anchor contract, the chain) unless already set in
RIGHTS_PORTAL_* variables. Registered in the `serve` group (rightsledger/commands/serve.py)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from anchor.chain import EMBEDDED, connect
from anchor.embedded_backend import EMBEDDED_CHAIN_ID
from anchor.errors import ChainError
from portal.server import streamlit_command
from registry.services.anchoring.job import contract_for_chain
from rightsledger.commands.children import run_child
from rightsledger.context import NotInitialised, sessions
from rightsledger.settings import Settings, load_settings

console = Console(stderr=True)


def portal_environment(settings: Settings, api_url: str, public_url: str) -> dict[str, str]:
    """RIGHTS_PORTAL_* for the portal process; a variable already set wins."""
    pinned: dict[str, str | None] = {
        "RIGHTS_PORTAL_API_URL": api_url,
        "RIGHTS_PORTAL_PUBLIC_URL": public_url,
        "RIGHTS_PORTAL_DATA_DIR": str(settings.data_dir.resolve()),
        "RIGHTS_PORTAL_CHAIN_URL": settings.chain_url,
        "RIGHTS_PORTAL_LOG_ORIGIN": settings.log_origin,
        "RIGHTS_PORTAL_LOG_VKEY": settings.log_vkey or _read(settings.verifier_key_file),
        "RIGHTS_PORTAL_CONTRACT_ADDRESS": settings.contract_address or _recorded_contract(settings),
    }
    env = dict(os.environ)
    for name, value in pinned.items():
        if value and not env.get(name):
            env[name] = value
    return env


def _read(path: Path) -> str | None:
    return path.read_text().strip() if path.is_file() else None


def _recorded_contract(settings: Settings) -> str | None:
    """The contract this installation anchors to on its chain, if it has one yet."""
    try:
        if settings.chain_url in (None, EMBEDDED):
            chain_id = EMBEDDED_CHAIN_ID
        else:
            with connect(settings.chain_url, settings.data_dir, read_only=True, timeout=5) as conn:
                chain_id = conn.chain_id
        with sessions(settings)() as session:
            row = contract_for_chain(session, chain_id)
    except (NotInitialised, ChainError) as exc:
        console.print(f"note: no anchor contract to pin ({exc}); set RIGHTS_PORTAL_CONTRACT_ADDRESS")
        return None
    return row.address if row else None


def portal(
    port: Annotated[int, typer.Option(help="port to listen on")] = 8501,
    host: Annotated[str, typer.Option(help="address to listen on")] = "127.0.0.1",
    api_url: Annotated[
        str, typer.Option(help="the RightsLedger API the portal reads")
    ] = "http://127.0.0.1:8000",
    public_url: Annotated[
        str | None,
        typer.Option(help="the portal's address as people reach it (QR codes); default: host:port"),
    ] = None,
) -> None:
    """Serve the public portal (Streamlit): verify proofs, look up works and licenses, payouts,
    audit, transparency reports."""
    env = portal_environment(load_settings(), api_url, public_url or f"http://{host}:{port}")
    command = streamlit_command(port, host)
    console.print(f"portal on http://{host}:{port} (API {api_url})")
    raise typer.Exit(run_child(command, env))
