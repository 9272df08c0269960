"""What a CWR file says, as frozen dataclasses: the parser's output, free of any database.

Shares are integers in hundredths of a percent, exactly as CWR writes them (a 5-digit field with
3 integer and 2 implied decimal digits, "999v99"): "05000" is 50.00 % and becomes 5000. Blank
share fields read as 0, as the spec says numeric fields default to zeros.

Sequences are tuples, so that a parsed file cannot be changed after the fact. `Transaction.accepted`
is derived from its issues: a transaction with any error-severity issue is rejected, alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal, NamedTuple

Severity = Literal["error", "warning"]
FileType = Literal["registration", "acknowledgement"]
WorkKind = Literal["NWR", "REV", "ISW", "EXC"]


@dataclass(frozen=True, slots=True)
class Issue:
    """A problem found at one record. `error` rejects the transaction it belongs to (CWR's
    TR level); `warning` keeps the transaction, with the field dropped or defaulted (CWR's FR/RR)."""

    line: int
    record_type: str
    field: str | None
    message: str
    severity: Severity


class AltTitle(NamedTuple):
    """ALT: an alternative title (a plain tuple: title, title type, language)."""

    title: str
    title_type: str
    language: str | None


@dataclass(frozen=True, slots=True)
class Territory:
    """SPT or SWT: collection shares in one territory (TIS numeric code), included or excluded."""

    tis_code: int
    included: bool
    pr_share: int
    mr_share: int
    sr_share: int
    shares_change: bool
    sequence: int | None
    line: int


@dataclass(frozen=True, slots=True)
class PublisherLink:
    """PWR: the original publisher (chain) that represents the writer it follows."""

    publisher_ip_id: str | None
    publisher_name: str | None
    chain: int | None  # CWR 2.2 publisher sequence number; None in 2.1
    submitter_agreement: str | None
    society_agreement: str | None
    line: int


@dataclass(frozen=True, slots=True)
class ParsedPublisher:
    """SPU (controlled by the submitter) or OPU (other publisher)."""

    ip_id: str | None
    name: str | None
    ipi_name: str | None
    ipi_base: str | None
    role: str | None  # publisher type: E, AM, SE, PA, ES, AQ
    controlled: bool
    chain: int  # publisher sequence number: the chain of title this record belongs to
    pr_society: str | None
    pr_share: int
    mr_society: str | None
    mr_share: int
    sr_society: str | None
    sr_share: int
    unknown: bool  # OPU "publisher unknown" indicator
    submitter_agreement: str | None
    society_agreement: str | None
    agreement_type: str | None
    territories: tuple[Territory, ...]
    line: int


@dataclass(frozen=True, slots=True)
class ParsedWriter:
    """SWR (controlled by the submitter) or OWR (other writer)."""

    ip_id: str | None
    last_name: str | None
    first_name: str | None
    ipi_name: str | None
    ipi_base: str | None
    designation: str | None  # CA, A, C, AR, AD, SR, SA, TR, PA
    controlled: bool
    pr_society: str | None
    pr_share: int
    mr_society: str | None
    mr_share: int
    sr_society: str | None
    sr_share: int
    unknown: bool  # OWR "writer unknown" indicator
    territories: tuple[Territory, ...]
    publisher_links: tuple[PublisherLink, ...]
    line: int


@dataclass(frozen=True, slots=True)
class ParsedRecording:
    """REC: a release of the work; the recording title fields exist from CWR 2.2 on."""

    isrc: str | None
    release_date: date | None
    duration_seconds: int | None
    album_title: str | None
    album_label: str | None
    catalogue_number: str | None
    ean: str | None
    recording_format: str | None
    recording_technique: str | None
    media_type: str | None
    recording_title: str | None
    version_title: str | None
    display_artist: str | None
    record_label: str | None
    isrc_validity: str | None
    submitter_recording_id: str | None
    line: int


class OtherWriter(NamedTuple):
    """A writer named on VER (the original work's writers)."""

    last_name: str
    first_name: str | None
    ipi_name: str | None
    ipi_base: str | None


@dataclass(frozen=True, slots=True)
class OriginalWork:
    """VER: the work this one is a version of."""

    title: str
    iswc: str | None
    language: str | None
    writers: tuple[OtherWriter, ...]
    source: str | None
    submitter_work_id: str | None
    line: int


@dataclass(frozen=True, slots=True)
class WorkOrigin:
    """ORN: the library or audio-visual production the work comes from."""

    intended_purpose: str
    production_title: str | None
    cd_identifier: str | None
    cut_number: int | None
    library: str | None
    bltvr: str | None
    production_number: str | None
    episode_title: str | None
    episode_number: str | None
    year_of_production: int | None
    avi_society: str | None
    avi_number: str | None
    line: int


@dataclass(frozen=True, slots=True)
class CrossRef:
    """XRF (CWR 2.2): another organisation's identifier for this work, a recording or a product."""

    organisation: str
    identifier: str
    identifier_type: str  # W work, R recording, P product, V video
    validity: str  # Y valid, U link invalid, N identifier invalid
    line: int


@dataclass(frozen=True, slots=True)
class ParsedWork:
    """A work as one NWR/REV/ISW/EXC transaction describes it."""

    submitter_work_id: str | None
    title: str | None
    iswc: str | None  # normalised T1234567890, or None (absent or failing its check digit)
    language: str | None
    duration_seconds: int | None
    version_type: str | None  # ORI or MOD
    distribution_category: str | None  # JAZ, POP, SER, UNC
    recorded: str | None  # Y, N, U
    text_music_relationship: str | None
    excerpt_type: str | None
    composite_type: str | None
    cwr_work_type: str | None
    copyright_date: date | None
    opus_number: str | None
    catalogue_number: str | None
    priority: bool
    alt_titles: tuple[AltTitle, ...] = ()
    writers: tuple[ParsedWriter, ...] = ()
    publishers: tuple[ParsedPublisher, ...] = ()
    performers: tuple[str, ...] = ()
    recordings: tuple[ParsedRecording, ...] = ()
    original_work: OriginalWork | None = None
    origins: tuple[WorkOrigin, ...] = ()
    cross_refs: tuple[CrossRef, ...] = ()


@dataclass(frozen=True, slots=True)
class AckMessage:
    """MSG: one validation message of the society about the acknowledged transaction."""

    message_type: str  # F field, R record, T transaction, G group, E entire file rejected
    original_record_sequence: int | None
    record_type: str
    level: str  # E, G, T, R, F (some societies send others)
    validation_number: str
    text: str
    line: int


@dataclass(frozen=True, slots=True)
class Ack:
    """ACK: a society's answer about one transaction of a file we (or a publisher) sent."""

    original_created: datetime | None  # creation date and time of the original file
    original_group_id: int | None
    original_transaction_sequence: int | None
    original_transaction_type: str
    creation_title: str | None
    submitter_work_id: str | None  # the submitter's creation number
    society_work_id: str | None  # the recipient's (society's) creation number
    processing_date: date | None
    status: str  # AS, AC, CO, DU, RA, RC, RJ, NP
    messages: tuple[AckMessage, ...]
    line: int


@dataclass(frozen=True, slots=True)
class Transaction:
    """One work transaction. In an acknowledgement file, the ACK and the NWR/REV it wraps form one
    transaction: `kind` is the wrapped work's type and `ack` holds the society's answer."""

    kind: WorkKind
    line: int  # 1-based line of the transaction's first header (the ACK in acknowledgements)
    sequence: int  # transaction sequence number of that header
    group_id: int
    work: ParsedWork
    ack: Ack | None
    conflict: ParsedWork | None  # EXC following the work inside an ACK: the work in conflict
    issues: tuple[Issue, ...]
    record_count: int

    @property
    def accepted(self) -> bool:
        return not any(issue.severity == "error" for issue in self.issues)


@dataclass(frozen=True, slots=True)
class Group:
    """GRH..GRT: what the trailer states and what the parser counted."""

    group_id: int
    transaction_type: str
    version: str  # GRH "version number for this transaction type", e.g. 02.10
    line: int
    stated_transactions: int
    stated_records: int
    counted_transactions: int
    counted_records: int


@dataclass(frozen=True, slots=True)
class CwrFile:
    """A parsed CWR file: its header, its work transactions (each accepted or rejected on its own)
    and the file-level issues (blank lines, header remarks, lenient control-count errors)."""

    name: str
    version: str  # "2.1" or "2.2"
    revision: int | None
    sender_type: str  # PB, SO, AA, WR; or the 2 leading digits of an 11-digit IPI name number
    sender_id: str  # as given; the whole 11-digit IPI name number when sender_type is numeric
    sender_name: str
    created: datetime
    transmitted: date
    character_set: str | None
    software: str | None
    file_type: FileType
    transactions: tuple[Transaction, ...]
    issues: tuple[Issue, ...]
    groups: tuple[Group, ...]
    record_count: int
    sha256: str
    skipped_transactions: int = 0  # agreements (AGR) and ACKs of non-work transactions: not imported

    @property
    def accepted(self) -> tuple[Transaction, ...]:
        return tuple(t for t in self.transactions if t.accepted)

    @property
    def rejected(self) -> tuple[Transaction, ...]:
        return tuple(t for t in self.transactions if not t.accepted)
