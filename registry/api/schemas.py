"""The API's response models (pydantic): what each endpoint promises in its OpenAPI schema."""

from __future__ import annotations

from datetime import UTC, date, datetime
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


# --- licensing -----------------------------------------------------------------------------------
class TariffRef(BaseModel):
    code: str
    version: int


class LicenseOut(BaseModel):
    """A license as its public `license` entry states it, with its status on today's date."""

    number: str
    licensee: str
    kind: str
    city: str | None
    province: str | None
    rooms: int | None
    floor_area_m2: int | None
    tariff: TariffRef
    scope: str
    territory: str
    valid_from: str
    valid_to: str
    status: str = Field(description="on today's date: active, suspended, revoked or expired")
    recorded_status: str = Field(description="as last recorded (a license past its end still says active)")
    reason: str | None
    status_on: str
    issued_on: str


class InvoiceLineOut(BaseModel):
    description: str
    quantity: str
    unit: str
    rate_fen: str
    amount_fen: int


class InvoiceOut(BaseModel):
    number: str
    license: str
    licensee: str
    period: str
    source: str
    amount_fen: int
    paid_fen: int
    balance_fen: int
    currency: str
    issued_on: str
    due_on: str
    tariff: TariffRef
    basis: dict[str, Any]
    lines: list[InvoiceLineOut]


class InvoiceRunOut(BaseModel):
    period: str
    issued: list[InvoiceOut]
    issued_total_fen: int
    already_invoiced: list[str]
    awaiting_declaration: list[str]
    problems: list[dict[str, str]]


class PaymentIn(BaseModel):
    invoice: str = Field(max_length=24, pattern=r"^[^\x00]*$")
    amount_fen: int = Field(gt=0, le=10**15)
    received_on: date
    reference: str = Field(min_length=1, max_length=80, pattern=r"^[^\x00]*$")
    method: str = Field(default="bank_transfer", max_length=20, pattern=r"^[^\x00]*$")


class PaymentOut(BaseModel):
    invoice: str
    amount_fen: int
    currency: str
    received_on: str
    reference: str
    method: str
    new: bool = Field(description="false: the same transfer was recorded before")
    balance_fen: int


class LicenseIssueIn(BaseModel):
    licensee: str = Field(max_length=40, pattern=r"^[^\x00]*$", description="LE-12, 12 or the USCC")
    tariff: str = Field(max_length=40, pattern=r"^[^\x00]*$")
    valid_from: date
    valid_to: date
    tariff_version: int | None = Field(default=None, ge=1, le=2**31 - 1)
    territory: str = Field(default="CN", max_length=10, pattern=r"^[^\x00]*$")


class StatusChangeIn(BaseModel):
    reason: str = Field(min_length=1, max_length=500, pattern=r"^[^\x00]*$")


class ContractOut(BaseModel):
    number: str
    licensee: str
    licensee_name: str
    license: str | None
    document: dict[str, Any]
    terms: dict[str, Any]
    signed: dict[str, bool]
    signed_at: dict[str, str | None]
    payload_sha256: str
    payload: str = Field(description="the canonical payload (RFC 8785 JSON) both parties sign")


class SignatureIn(BaseModel):
    signature: str = Field(
        max_length=200, pattern=r"^[A-Za-z0-9+/=]+$", description="Ed25519 over the payload, base64"
    )


# --- distribution --------------------------------------------------------------------------------
class DistributionOut(BaseModel):
    """One distribution run as its public `distribution_summary` entry states it."""

    summary_id: str
    period: str
    source: str
    run: int
    kind: str = Field(description="regular, or adjustment")
    state: str = Field(description="recorded, in log, or anchored (final)")
    version: int = Field(description="the summary entry's version (run + 1): its proof")
    body: dict[str, Any]


class StatementLineOut(BaseModel):
    id: str
    subject: str
    code: str | None
    title: str | None
    right_type: str
    weight: int
    share: int = Field(description="basis points")
    amount: int = Field(description="minor units (fen); negative in an adjustment")


class StatementOut(BaseModel):
    period: str
    source: str
    run: int
    kind: str
    entry_id: str = Field(description="the private distribution_line entry: its proof")
    version: int
    leaf_hash: str
    currency: str
    earned: int
    brought_forward: int
    carried_forward: int
    payable: int
    state: str


class StatementSummary(StatementOut):
    lines: int


class StatementDetail(StatementOut):
    lines: list[StatementLineOut]


class DistributionRunIn(BaseModel):
    period: str = Field(pattern=r"^(19|2[0-9])[0-9]{2}-(0[1-9]|1[0-2])$")
    source: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]{0,29}$")
    pool_fen: int | None = Field(default=None, ge=0, le=10**15, description="default: the collections")
    adjustment: bool = False


class DistributionRunOut(BaseModel):
    status: str
    run_id: int | None
    summary_id: str
    messages: list[str]
    summary: dict[str, Any]


class ReportOut(BaseModel):
    """A month's published transparency report (its `transparency_report` entry)."""

    month: str
    id: str
    version: int
    at: str
    leaf_hash: str
    body: dict[str, Any]


# --- usage and claims ----------------------------------------------------------------------------
class UnidentifiedOut(BaseModel):
    id: int
    period: str
    source: str
    report: str
    isrc: str | None
    title: str | None
    artist: str | None
    duration_seconds: int | None
    lines: int
    weight: int
    revenue_minor: int | None
    claim_deadline: str
    open: bool
    status: str


class ClaimIn(BaseModel):
    unidentified_id: int = Field(ge=1, le=2**62)
    recording: str | None = Field(default=None, max_length=40, pattern=r"^[^\x00]*$", description="R-12")
    work: str | None = Field(default=None, max_length=40, pattern=r"^[^\x00]*$", description="W-12")
    note: str | None = Field(default=None, max_length=500, pattern=r"^[^\x00]*$")


class ClaimOut(BaseModel):
    id: int
    unidentified_id: int
    period: str
    source: str
    title: str | None
    artist: str | None
    weight: int
    recording_id: int | None
    work_id: int | None
    status: str
    note: str | None
    submitted_at: str
    decided_at: str | None
    reason: str | None
    payable_period: str | None


class UsageImportOut(BaseModel):
    report: dict[str, Any]
