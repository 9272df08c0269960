"""Claims of unidentified usage for the demo: the demo member claims three groups of the month's
unidentified usage as one of their recordings (or works); staff accept one, reject one with a reason and leave
one pending review. Each step is the member's private `usage_claim` entry."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from registry.models import RecordingShare, WorkShare
from registry.services.usage.claims import accept_claim, list_unidentified, reject_claim, submit_claim

STAFF = "admin"


def seed_claims(session: Session, party_id: int) -> dict[str, str]:
    """status -> the claim's ledger id (fewer when the month left fewer unidentified groups)."""
    recording_id = session.scalars(
        select(RecordingShare.recording_id)
        .where(RecordingShare.party_id == party_id)
        .order_by(RecordingShare.recording_id)
    ).first()
    work_id = session.scalars(
        select(WorkShare.work_id).where(WorkShare.party_id == party_id).order_by(WorkShare.work_id)
    ).first()
    if recording_id is None and work_id is None:
        return {}
    if recording_id is not None:
        work_id = None  # a claim names one recording or one work
    groups = list_unidentified(session, open_only=True)[:3]
    out: dict[str, str] = {}
    for group, status in zip(groups, ("accepted", "rejected", "submitted"), strict=False):
        claim = submit_claim(
            session,
            group.id,
            party_id,
            recording_id=recording_id,
            work_id=work_id,
            note="以另一标题播放的本会员作品",
        )
        if status == "accepted":
            accept_claim(session, claim.id, decided_by=STAFF)
        elif status == "rejected":
            reject_claim(session, claim.id, decided_by=STAFF, reason="该录音属于另一唱片公司")
        out[status] = claim.ledger_id
    return out
