"""Claims of unidentified usage: a member says an unmatched group of usage lines is of their
recording or work; staff accept or reject.

A claim is submitted within the claims window (until the group's `claim_deadline`, set at
ingest from the configured number of days). An accepted claim links the group's lines to the
recording or work and makes them payable as adjustment lines in a later period
(`payable_period`: by default the month after the usage, or the month of the decision if
later); registry.usage.matched returns them in that period. Other open claims on the same
group are rejected with it. Acceptance records the next version of the report's public
`usage_report` entry, listing the re-attributed groups (not who claimed them), in the same
transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from registry.entity_ids import RECORDING, WORK
from registry.kinds.usage_claim import claim_body
from registry.ledger_writer import latest_entry, record
from registry.models import Party, Recording, UnidentifiedUsage, UsageClaim, UsageReport, Work
from registry.paging import Page, escape_like
from registry.usage.errors import UsageError
from registry.usage.schema import next_period, parse_period, parse_source


class ClaimError(UsageError):
    """A claim that cannot be submitted or decided as asked; the message says why."""


class ClaimWindowClosed(ClaimError):
    """The claims window of this unidentified usage has closed."""


@dataclass(frozen=True)
class UnidentifiedItem:
    """An unidentified usage group as members see it."""

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
    claim_deadline: datetime
    open: bool
    status: str  # open | claimed (an accepted claim) | closed (window over, unclaimed)

    def to_dict(self) -> dict[str, Any]:
        return {**self.__dict__, "claim_deadline": _iso(self.claim_deadline)}


def unidentified_page(
    session: Session,
    *,
    period: str | None = None,
    source: str | None = None,
    open_only: bool = False,
    text: str | None = None,
    now: datetime | None = None,
    limit: int = 500,
    offset: int = 0,
) -> Page[UnidentifiedItem]:
    """A page of unidentified usage, heaviest first, and how many there are in all;
    `open_only` keeps what may still be claimed (window open, no accepted claim); `text` is found
    in the title, the artist or the ISRC as reported (case-insensitive)."""
    now = _now(now)
    claimed = (
        select(UsageClaim.id)
        .where(UsageClaim.unidentified_id == UnidentifiedUsage.id, UsageClaim.status == "accepted")
        .exists()
    )
    query = select(UnidentifiedUsage, claimed.label("claimed"))
    if period is not None:
        query = query.where(UnidentifiedUsage.period == parse_period(period))
    if source is not None:
        query = query.where(UnidentifiedUsage.source == parse_source(source))
    if open_only:
        query = query.where(UnidentifiedUsage.claim_deadline >= now, ~claimed)
    if text and text.strip():
        words = f"%{escape_like(text.strip().lower())}%"
        code = f"%{escape_like(text.strip().replace('-', '').upper())}%"  # ISRCs are kept compact
        query = query.where(
            or_(
                func.lower(UnidentifiedUsage.title).like(words, escape="\\"),
                func.lower(UnidentifiedUsage.artist).like(words, escape="\\"),
                UnidentifiedUsage.isrc.like(code, escape="\\"),
            )
        )
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    ordered = query.order_by(UnidentifiedUsage.weight.desc(), UnidentifiedUsage.id)
    rows = session.execute(ordered.limit(limit).offset(offset)).all()
    return Page([_unidentified_item(group, bool(was_claimed), now) for group, was_claimed in rows], total)


def list_unidentified(session: Session, **criteria: Any) -> list[UnidentifiedItem]:
    """Unidentified usage, heaviest first (the first page: `limit`, default 500)."""
    return unidentified_page(session, **criteria).items


def _unidentified_item(group: UnidentifiedUsage, claimed: bool, now: datetime) -> UnidentifiedItem:
    deadline = _aware(group.claim_deadline)
    status = "claimed" if claimed else "open" if deadline >= now else "closed"
    return UnidentifiedItem(
        group.id,
        group.period,
        group.source,
        group.report.name,
        group.isrc,
        group.title,
        group.artist,
        group.duration_seconds,
        group.lines,
        group.weight,
        group.revenue_minor,
        deadline,
        status == "open",
        status,
    )


def submit_claim(
    session: Session,
    unidentified_id: int,
    party_id: int,
    *,
    recording_id: int | None = None,
    work_id: int | None = None,
    note: str | None = None,
    now: datetime | None = None,
) -> UsageClaim:
    """A member's claim that the group is of their recording (or work)."""
    now = _now(now)
    group = session.get(UnidentifiedUsage, unidentified_id)
    if group is None:
        raise ClaimError(f"no unidentified usage {unidentified_id}")
    deadline = _aware(group.claim_deadline)
    if now > deadline:
        raise ClaimWindowClosed(
            f"the claims window of unidentified usage {unidentified_id} closed on {_iso(deadline)}"
        )
    if (recording_id is None) == (work_id is None):
        raise ClaimError("a claim names either a recording or a work")
    party = session.get(Party, party_id)
    if party is None or party.status != "member":
        raise ClaimError(f"party {party_id} is not a member in good standing: only members claim usage")
    if recording_id is not None and session.get(Recording, recording_id) is None:
        raise ClaimError(f"no recording {recording_id}")
    if work_id is not None and session.get(Work, work_id) is None:
        raise ClaimError(f"no work {work_id}")
    if session.scalar(
        select(UsageClaim.id).where(UsageClaim.unidentified_id == group.id, UsageClaim.status == "accepted")
    ):
        raise ClaimError(f"unidentified usage {unidentified_id} was already claimed and the claim accepted")
    claim = UsageClaim(
        unidentified_id=group.id,
        party_id=party.id,
        recording_id=recording_id,
        work_id=work_id,
        status="submitted",
        note=note,
        submitted_at=now,
    )
    session.add(claim)
    session.flush()
    _record_claim(session, claim)
    return claim


def accept_claim(
    session: Session,
    claim_id: int,
    *,
    decided_by: str,
    payable_period: str | None = None,
    now: datetime | None = None,
) -> UsageClaim:
    """Accept a submitted claim: its usage becomes payable in `payable_period` (see module doc)."""
    now = _now(now)
    claim = _submitted(session, claim_id)
    group = claim.unidentified
    earliest = max(next_period(group.period), f"{now:%Y-%m}")
    period = parse_period(payable_period) if payable_period else earliest
    if period <= group.period:
        raise ClaimError(
            f"the usage is of {group.period}: an adjustment is paid in a later period, not {period}"
        )
    claim.status, claim.decided_at, claim.decided_by, claim.payable_period = (
        "accepted",
        now,
        decided_by,
        period,
    )
    for other in session.scalars(
        select(UsageClaim).where(
            UsageClaim.unidentified_id == group.id,
            UsageClaim.status == "submitted",
            UsageClaim.id != claim.id,
        )
    ):
        other.status, other.decided_at, other.decided_by = "rejected", now, decided_by
        other.reason = f"claim {claim.id} of the same usage was accepted"
        _record_claim(session, other)
    session.flush()
    _record_claim(session, claim)
    _record_adjustment(session, group, claim)
    return claim


def reject_claim(
    session: Session, claim_id: int, *, decided_by: str, reason: str, now: datetime | None = None
) -> UsageClaim:
    if not reason.strip():
        raise ClaimError("a rejection says why")
    claim = _submitted(session, claim_id)
    claim.status, claim.decided_at, claim.decided_by, claim.reason = "rejected", _now(now), decided_by, reason
    session.flush()
    _record_claim(session, claim)
    return claim


def claims_page(
    session: Session,
    *,
    status: str | None = None,
    party_id: int | None = None,
    limit: int = 500,
    offset: int = 0,
) -> Page[UsageClaim]:
    """A page of claims, oldest first, and how many there are in all."""
    query = select(UsageClaim)
    if status is not None:
        query = query.where(UsageClaim.status == status)
    if party_id is not None:
        query = query.where(UsageClaim.party_id == party_id)
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    return Page(list(session.scalars(query.order_by(UsageClaim.id).limit(limit).offset(offset))), total)


def list_claims(session: Session, **criteria: Any) -> list[UsageClaim]:
    """Claims, oldest first (the first page: `limit`, default 500)."""
    return claims_page(session, **criteria).items


def claim_dict(claim: UsageClaim) -> dict[str, Any]:
    group = claim.unidentified
    return {
        "id": claim.id,
        "unidentified_id": claim.unidentified_id,
        "period": group.period,
        "source": group.source,
        "title": group.title,
        "artist": group.artist,
        "weight": group.weight,
        "party_id": claim.party_id,
        "recording_id": claim.recording_id,
        "work_id": claim.work_id,
        "status": claim.status,
        "note": claim.note,
        "submitted_at": _iso(claim.submitted_at),
        "decided_at": _iso(claim.decided_at) if claim.decided_at else None,
        "decided_by": claim.decided_by,
        "reason": claim.reason,
        "payable_period": claim.payable_period,
    }


def _submitted(session: Session, claim_id: int) -> UsageClaim:
    claim = session.get(UsageClaim, claim_id)
    if claim is None:
        raise ClaimError(f"no claim {claim_id}")
    if claim.status != "submitted":
        raise ClaimError(f"claim {claim_id} was already {claim.status}")
    return claim


def _record_claim(session: Session, claim: UsageClaim) -> None:
    # The claim's next version, in the same transaction as the row it describes.
    record(session, "usage_claim", claim.ledger_id, claim_body(claim))


def _record_adjustment(session: Session, group: UnidentifiedUsage, claim: UsageClaim) -> None:
    report = session.get(UsageReport, group.report_id)
    assert report is not None  # a foreign key
    previous = latest_entry(session, "usage_report", report.ledger_id)
    body: dict[str, Any] = (
        dict(previous.body) if previous is not None else {"sha256": report.sha256, "name": report.name}
    )
    adjustments = list(body.get("claims_accepted", []))
    adjustments.append(
        {
            "claim": claim.ledger_id,
            "group": group.group_no,
            "lines": group.lines,
            "weight": group.weight,
            "recording": RECORDING.make(claim.recording_id) if claim.recording_id is not None else None,
            "work": WORK.make(claim.work_id) if claim.work_id is not None else None,
            "payable_period": claim.payable_period,
        }
    )
    body["claims_accepted"] = adjustments
    record(session, "usage_report", report.ledger_id, body)


def _now(now: datetime | None) -> datetime:
    return _aware(now) if now is not None else datetime.now(UTC)


def _aware(moment: datetime) -> datetime:
    # SQLite returns naive datetimes; every time here is UTC.
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def _iso(moment: datetime) -> str:
    return _aware(moment).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
