"""What the API needs to run, given by whoever starts it (the CLI builds it from the one settings
object, rightsledger/settings.py): registry/ reads no configuration of its own."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

MiB = 1024 * 1024


class ApiSettings(BaseModel):
    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)

    db_url: str
    data_dir: Path
    chain_url: str | None = None
    log_origin: str = "rightsledger.example/log"
    society_name: str = "RightsLedger society"
    society_code: int = Field(default=0, ge=0, description="CISAC code: the sender of CWR acknowledgements")
    verifier_key_file: Path | None = None
    data_key_file: Path | None = None
    token_key_file: Path | None = Field(
        default=None, description="HS256 key of the API's tokens; default data_dir/keys/api-token.key"
    )
    token_minutes: int = Field(default=15, ge=1, le=24 * 60)
    portal_origins: tuple[str, ...] = Field(default=(), description="origins allowed by CORS (the portal's)")
    rate_per_second: float = Field(
        default=20.0, ge=0, description="public requests per second per client IP; 0: no limit"
    )
    rate_burst: int = Field(default=100, ge=1)
    max_upload_bytes: int = Field(default=256 * MiB, ge=1)
    max_body_bytes: int = Field(default=64 * 1024, ge=1, description="any other request body")
    proof_cache_size: int = Field(default=4096, ge=0)
    proof_epoch_seconds: float = Field(
        default=1.0, ge=0, description="how long proofs are served from memory before the log is read again"
    )
    db_pool_size: int = Field(default=10, ge=1)
    first_period: str = Field(
        default="2000-01",
        pattern=r"^(19|2[0-9])[0-9]{2}-(0[1-9]|1[0-2])$",
        description="the society's first period (YYYY-MM): admin writes for earlier ones are refused",
    )
    # Runs the anchoring job once (the CLI wires the chain, publisher account and log key);
    # None: this server does not anchor, and POST /v1/admin/anchoring/run says so.
    run_anchoring: Callable[[], dict[str, Any]] | None = None

    @property
    def token_key_path(self) -> Path:
        return self.token_key_file or self.data_dir / "keys" / "api-token.key"

    @property
    def data_key_path(self) -> Path:
        return self.data_key_file or self.data_dir / "keys" / "data.key"

    @property
    def upload_dir(self) -> Path:
        return self.data_dir / "uploads"

    @property
    def documents_dir(self) -> Path:
        return self.data_dir / "documents"
