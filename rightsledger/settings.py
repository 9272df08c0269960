"""One settings object for the whole application (environment prefix RIGHTS_, `.env` supported).

The defaults serve a newcomer: everything lives under one data directory, SQLite for the
database, the embedded chain. Lower layers never read settings themselves: the CLI passes them
what they need, so ledger/ and anchor/ stay free of configuration.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="RIGHTS_", env_file=".env", extra="ignore")

    data_dir: Path = Field(Path(".rightsledger"), description="where the database, keys and documents live")
    database_url: str | None = Field(
        None, description="SQLAlchemy URL; default: SQLite in the data directory"
    )
    chain_url: str | None = Field(None, description="JSON-RPC node URL; default: the embedded chain")
    log_origin: str = Field("rightsledger.example/log", description="the log's name: checkpoint origin line")
    log_key_path: Path | None = Field(
        None, description="the log's signing key file; default: data_dir/keys/log.key"
    )
    log_key_passphrase: SecretStr | None = Field(
        None, description="when set, the log key file is encrypted with it (scrypt + AES-GCM)"
    )
    data_key_path: Path | None = Field(
        None,
        description="key sealing members' contact and bank details; default: data_dir/keys/data.key "
        "(RIGHTS_DATA_KEY, base64, overrides the file)",
    )
    society_name: str = Field("RightsLedger society", description="the CMO's name as it signs e-contracts")
    society_code: int = Field(
        0,
        ge=0,
        le=999_999_999,
        description="the CMO's CISAC society code: the sender of the CWR acknowledgements it sends back",
    )
    contract_key_passphrase: SecretStr | None = Field(
        None, description="when set, the CMO's e-contract signing key file is encrypted with it"
    )
    log_vkey: str | None = Field(None, description="a verifier key to trust when verifying proofs")
    contract_address: str | None = Field(
        None, description="use this anchor contract instead of deploying one"
    )
    confirmations: int = Field(
        1, ge=1, description="blocks (the transaction's included) before an anchor counts"
    )
    anchor_retries: int = Field(
        4, ge=0, le=20, description="times a run is retried when the chain node stops answering"
    )
    anchor_receipt_timeout_seconds: float = Field(
        120.0, gt=0, description="how long the job waits for an anchor's receipt before it retries"
    )
    anchor_stuck_after_seconds: float = Field(
        60.0, gt=0, description="a transaction still pending after this long is replaced at a higher fee"
    )
    anchor_fee_bump_percent: int = Field(
        25, ge=10, le=500, description="fee increase of a replacement (nodes require at least 10%)"
    )
    anchor_max_fee_bumps: int = Field(5, ge=0, le=50, description="replacements before the job gives up")
    claims_window_days: int = Field(
        90, ge=0, description="days members have to claim unidentified usage after it is ingested"
    )
    first_period: str = Field(
        "2000-01",
        pattern=r"^(19|2[0-9])[0-9]{2}-(0[1-9]|1[0-2])$",
        description="the society's first period (YYYY-MM): the API refuses admin writes for earlier ones",
    )
    keystore: Path | None = Field(
        None, description="encrypted keystore of the publisher account (real networks)"
    )

    api_portal_origin: str | None = Field(
        None, description="the portal's origin (e.g. https://portal.example.org): the only one CORS allows"
    )
    api_rate_limit: float = Field(
        20.0, ge=0, description="public API requests per second per client IP; 0: off"
    )
    api_rate_burst: int = Field(100, ge=1, description="requests a client IP may make at once")
    api_proof_epoch_seconds: float = Field(
        1.0, ge=0, le=3600, description="how long public proofs and licenses are answered from memory"
    )
    api_token_minutes: int = Field(15, ge=1, le=1440, description="lifetime of the API's access tokens")
    api_max_upload_mb: int = Field(
        256, ge=1, description="largest upload (CWR file, evidence) the API accepts"
    )

    @property
    def passphrase(self) -> str | None:
        return self.log_key_passphrase.get_secret_value() if self.log_key_passphrase else None

    @cached_property
    def db_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'rightsledger.db').resolve()}"

    @property
    def signing_key_file(self) -> Path:
        return self.log_key_path or self.data_dir / "keys" / "log.key"

    @property
    def data_key_file(self) -> Path:
        return self.data_key_path or self.data_dir / "keys" / "data.key"

    @property
    def verifier_key_file(self) -> Path:
        return self.signing_key_file.with_suffix(".vkey")


def load_settings(**overrides: object) -> Settings:
    return Settings(**overrides)  # type: ignore[arg-type]
