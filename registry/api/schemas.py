"""The API's response models (pydantic): what each endpoint promises in its OpenAPI schema."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any, Generic, TypeVar

from pydantic import AfterValidator, BaseModel, Field

T = TypeVar("T")


def _utc(value: datetime) -> datetime:
    # SQLite hands back the database clock's UTC time without its offset: say it is UTC.
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


Timestamp = Annotated[datetime, AfterValidator(_utc)]  # always RFC 3339 with an offset


class Page(BaseModel, Generic[T]):
    items: list[T]
    total: int
    limit: int
    offset: int


class Token(BaseModel):
    access_token: str
    token_type: str = "bearer"  # noqa: S105 (the OAuth2 token type, not a secret)
    expires_in: int = Field(description="seconds")
    role: str
    subject: str = Field(description="the username")


class Health(BaseModel):
    status: str


class Readiness(BaseModel):
    status: str
    database: str
    chain: str


class LogInfo(BaseModel):
    origin: str
    verifier_key: str | None = Field(description="C2SP signed-note verifier key of the log")
    tree_size: int
    chain_id: int | None
    contract_address: str | None


class CheckpointOut(BaseModel):
    index: int | None = Field(description="the contract's index of this checkpoint; null if not anchored yet")
    tree_size: int
    root: str
    note: str
    note_hash: str
    tx_hash: str | None
    block_number: int | None
    anchored_at: Timestamp | None


class LeafOut(BaseModel):
    index: int
    leaf_hash: str


class LogEntryOut(BaseModel):
    index: int
    leaf_hash: str
    private: bool
    entry: dict[str, Any] | None = Field(
        description="the whole entry for public kinds; null for private ones"
    )


class EntrySummary(BaseModel):
    index: int
    leaf_hash: str
    kind: str
    id: str
    version: int
    private: bool
    recorded_at: Timestamp


class VersionOut(BaseModel):
    version: int
    leaf_hash: str
    at: str
    body: dict[str, Any]
    leaf_index: int | None
    anchored: bool
    checkpoint_index: int | None


class TitleOut(BaseModel):
    title: str
    type: str
    language: str | None


class WorkSummary(BaseModel):
    id: str
    iswc: str | None
    title: str
    alternate_titles: list[TitleOut]
    language: str | None
    duration_seconds: int | None
    status: str


class WorkDetail(WorkSummary):
    merged_into: str | None
    recordings: list[str]
    version: int | None = Field(description="the latest recorded version")
    stated: dict[str, Any] | None = Field(
        description="the body of the latest ledger entry: what the CMO states"
    )


class RecordingSummary(BaseModel):
    id: str
    isrc: str | None
    title: str
    artist: str | None
    duration_seconds: int | None
    status: str


class RecordingDetail(RecordingSummary):
    merged_into: str | None
    works: list[str]
    version: int | None
    stated: dict[str, Any] | None


class MandateOut(BaseModel):
    right_type: str
    territory: str
    starts_on: str | None
    ends_on: str | None


class MemberProfile(BaseModel):
    id: str
    kind: str
    name: str
    first_name: str | None
    roles: list[str]
    ipi_name: str | None
    ipi_base: str | None
    isni: str | None
    status: str
    society: str | None
    joined_on: str | None
    left_on: str | None
    mandates: list[MandateOut]
    contact: dict[str, Any] | None = Field(description="decrypted for this member only")
    bank_details_on_file: bool


class Me(BaseModel):
    subject: str | None
    role: str
    member: MemberProfile | None
    licensee_id: int | None


class AuditSummary(BaseModel):
    log_size: int
    pending_entries: int
    entries_per_kind: dict[str, int]
    checkpoints: int
    latest_checkpoint_size: int | None
    latest_anchored_size: int | None


class AnchorOut(BaseModel):
    checkpoint_index: int
    tree_size: int
    root: str
    note_hash: str
    chain_id: int
    contract: str
    tx_hash: str
    block_number: int
    gas_used: int
    gas_price_wei: str = Field(description="decimal string: wei exceed 64 bits")
    cost_wei: str
    anchored_at: Timestamp


class AnchoringStatusOut(BaseModel):
    log_size: int
    pending_entries: int
    latest_checkpoint_size: int | None
    latest_anchor: AnchorOut | None
    unanchored_checkpoints: int
    open_attempts: int
    anchors: int
    total_gas: int
    total_cost_wei: str


class AnchoringRun(BaseModel):
    status: str
    tree_size: int
    anchored: dict[str, Any] | None
    recovered: list[dict[str, Any]]


class ImportIssue(BaseModel):
    line: int
    record_type: str
    field: str | None
    severity: str
    message: str


class CwrImportReport(BaseModel):
    file: str
    sha256: str
    version: str
    sender: str
    file_type: str
    transactions: int
    accepted: int
    rejected: int
    works_created: int
    works_updated: int
    works_unchanged: int
    recordings: int
    conflicts_opened: int
    acknowledgements: int
    already_imported: bool
    issues: list[dict[str, Any]]


class EvidenceOut(BaseModel):
    id: str
    version: int
    sha256: str
    size: int
    name: str
    case: str | None
    note: str | None
    leaf_hash: str
