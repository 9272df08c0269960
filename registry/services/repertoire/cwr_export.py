"""The society's works as a CWR registration file (registry.cwr.works_file), for a publisher or a
sister society: every current work, or those in which one member holds shares. Each work states
the shares that count (registry.shares.effective_shares: a resolved conflict's decision, else the
largest claim per party); our members are the controlled parties. Read in batches of works, so a
catalogue of any size is written without loading it whole."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from registry.cwr.works_file import Holder, Sender, Track, WorkToSend, works_file
from registry.models import Party, Work, WorkShare
from registry.services.repertoire.cwr_acknowledgements import Society
from registry.shares import ROLE_CODES, claims_of, effective_shares, is_writer

BATCH = 500
CODE_OF_ROLE = {role: code for code, role in ROLE_CODES.items()}
RIGHT_FIELDS = {"performing": "pr", "mechanical": "mr", "synchronisation": "sr"}


@dataclass(frozen=True, slots=True)
class WorksExport:
    name: str  # a file name for it (CW<yy><seq><sender>_<receiver>.V2x, as CWR names files)
    data: bytes
    works: int


def export_works(
    session: Session,
    society: Society,
    created: datetime,
    *,
    member: Party | None = None,
    version: str = "2.2",
) -> WorksExport:
    works = [_to_send(w, society) for w in _works(session, member)]
    sender = Sender(society_code=society.code, society_name=society.name, created=created, version=version)
    suffix = "V22" if version == "2.2" else "V21"
    name = f"CW{created:%y}0001{society.code:03d}_{'000' if member is None else member.ledger_id}.{suffix}"
    return WorksExport(name=name, data=works_file(sender, works), works=len(works))


def _works(session: Session, member: Party | None) -> Iterator[Work]:
    query = select(Work).where(Work.merged_into_id.is_(None)).order_by(Work.id)
    if member is not None:
        query = query.where(Work.id.in_(select(WorkShare.work_id).where(WorkShare.party_id == member.id)))
    last = 0
    while True:
        batch = session.scalars(
            query.where(Work.id > last)
            .limit(BATCH)
            .options(selectinload(Work.shares), selectinload(Work.titles), selectinload(Work.recordings))
        ).all()
        if not batch:
            return
        yield from batch
        last = batch[-1].id


def _to_send(work: Work, society: Society) -> WorkToSend:
    counted = effective_shares(claims_of(work))
    parties = {s.party_id: s.party for s in work.shares}
    roles: dict[int, Counter[str]] = {}
    for s in work.shares:
        roles.setdefault(s.party_id, Counter())[s.role] += 1
    holders = []
    for party_id in sorted(parties, key=lambda p: (not is_writer(roles[p].most_common(1)[0][0]), p)):
        party, role = parties[party_id], roles[party_id].most_common(1)[0][0]
        shares = {RIGHT_FIELDS[right]: by_party.get(party_id, 0) for right, by_party in counted.items()}
        ours = party.is_member and party.status != "terminated"
        holders.append(
            Holder(
                ip_id=f"{'M' if ours else 'P'}{party_id:08d}"[:9],
                name=party.name,
                first_name=party.first_name or "",
                role=CODE_OF_ROLE[role],
                writer=is_writer(role),
                controlled=ours,
                ipi_name=party.ipi_name or "",
                ipi_base=party.ipi_base or "",
                society=f"{society.code:03d}" if ours else (party.society or ""),
                **shares,
            )
        )
    return WorkToSend(
        work_id=work.ledger_id,
        title=work.title,
        iswc=work.iswc or "",
        language=work.language or "",
        duration_seconds=work.duration_seconds,
        holders=holders,
        other_titles=[(t.title, t.title_type) for t in work.titles if t.title != work.title],
        tracks=[
            Track(
                isrc=r.isrc or "",
                title=r.title,
                artist=r.artist or "",
                label=r.label or "",
                release_title=r.release_title or "",
                release_date=r.release_date,
                duration_seconds=r.duration_seconds,
            )
            for r in work.recordings
            if r.merged_into_id is None
        ],
    )
