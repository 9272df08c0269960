"""The portal's settings (environment prefix RIGHTS_PORTAL_, `.env` supported).

What the verdict rests on is pinned here, never taken from the API: the chain to read (a node URL,
or the embedded chain of a data directory), the log's anchor contract, its verifier key and origin.
The API only supplies data to look at; every proof is checked against these.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class PortalSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="RIGHTS_PORTAL_", env_file=".env", extra="ignore")

    api_url: str = Field("http://127.0.0.1:8000", description="the RightsLedger API (without /v1)")
    chain_url: str | None = Field(
        None, description="a JSON-RPC node of the anchor chain; default: the embedded chain of data_dir"
    )
    data_dir: Path = Field(Path(".rightsledger"), description="the data directory holding the embedded chain")
    contract_address: str | None = Field(None, description="the log's anchor contract (pinned)")
    browser_rpc_url: str | None = Field(
        None,
        description="the chain's public JSON-RPC URL as readers' browsers reach it (the Verify page checks "
        "there, client-side); unset: the page checks on the server, and says so",
    )
    log_vkey: str | None = Field(None, description="the log's verifier key, C2SP vkey (pinned)")
    log_origin: str | None = Field(None, description="the log's origin line (pinned)")
    explorer_tx_url: str | None = Field(
        None, description="an explorer link pattern for transactions, e.g. https://scan.example/tx/{tx}"
    )
    public_url: str = Field(
        "http://localhost:8501", description="where people reach the portal (QR codes point here)"
    )
    api_timeout: float = Field(10.0, gt=0, description="seconds before the API counts as down")
    audit_auto_leaves: int = Field(
        10_000,
        ge=0,
        description="the Auditor page recomputes a log this small on every visit; larger on request",
    )
    chain_timeout: float = Field(10.0, gt=0, description="seconds before the chain counts as unreachable")
    audit_key_file: Path | None = Field(
        None,
        description="the Ed25519 signer key (C2SP skey) the Auditor page signs its reports with; default: "
        "<data_dir>/keys/portal-audit.skey, made on first use",
    )
    cache_dir: Path | None = Field(
        None, description="where built files (PDF statements) are kept; default: <data_dir>/portal-cache"
    )

    def files_cache(self) -> Path:
        return self.cache_dir or self.data_dir / "portal-cache"

    def verifier_key(self) -> str | None:
        """The pinned key, or the one a local data directory publishes (keys/log.vkey)."""
        if self.log_vkey:
            return self.log_vkey.strip()
        local = self.data_dir / "keys" / "log.vkey"
        return local.read_text().strip() if local.is_file() else None

    def public_rpc_url(self) -> str | None:
        """Where the reader's browser reads the chain, or None: the embedded development chain no
        browser can reach, or a node whose URL is the server's own (it may carry a key)."""
        return self.browser_rpc_url or None

    def audit_key_path(self) -> Path:
        return self.audit_key_file or self.data_dir / "keys" / "portal-audit.skey"

    def explorer_link(self, tx_hash: str) -> str | None:
        return self.explorer_tx_url.replace("{tx}", tx_hash) if self.explorer_tx_url else None


def portal_settings() -> PortalSettings:
    # Read on every page run (cheap): a changed environment or .env counts without a restart.
    return PortalSettings()  # type: ignore[call-arg]  # every field has a default
