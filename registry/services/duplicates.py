"""Duplicate candidates: two works (or recordings) that may be one, queued for staff to merge or
keep apart.

Proposed when a registration creates or changes a record:
- `identifier`: a submitter's own work id names two works (they registered it again under
  another ISWC);
- `title_and_writer`: works sharing a title key (main or alternate title, registry.normalise.
  normalise_title: full-width and half-width, case and punctuation do not matter) and at least
  one writer (the same party, the same IPI base number, or the same name key where the IPI name
  numbers do not tell them apart);
- `title_artist_duration`: recordings with the same title key and artist key whose durations
  differ by at most 2 seconds (both known).

Every lookup goes through an index (title keys, artist keys, work ids), never a scan of the
catalogue, so registering into 100k works stays cheap. A pair is unique in the queue whatever its
status: a pair kept apart (or already merged) is never proposed again.

Merging keeps both histories: the absorbed record gets a last version with status `merged` and
`merged_into`, the survivor a new version listing `merged_from`; identifiers, titles, submitter
ids, claims and recording links carry over to the survivor.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import NamedTuple

from sqlalchemy import and_, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import InstrumentedAttribute, Session

from registry.errors import RegistryError
from registry.models import (
    WRITER_ROLES,
    DuplicateCandidate,
    Party,
    Recording,
    RecordingShare,
    Work,
    WorkShare,
    WorkTitle,
)
from registry.services.conflicts import close_conflict, sync_conflicts
from registry.services.repertoire import (
    AltTitle,
    add_alternate_title,
    record_recording,
    record_work,
    recording_status,
    work_status,
)
from registry.services.shares import RESOLUTION

IDENTIFIER = "identifier"
TITLE_AND_WRITER = "title_and_writer"
TITLE_ARTIST_DURATION = "title_artist_duration"
DURATION_SLACK_SECONDS = 2
_SLACK = DURATION_SLACK_SECONDS
PENDING, MERGED, KEPT_APART = "pending", "merged", "kept_apart"


class DuplicateError(RegistryError):
    """A review decision that cannot be carried out; the message says why."""


class _Writer(NamedTuple):
    work_id: int
    party_id: int
    ipi_name: str | None
    ipi_base: str | None
    name_key: str


def find_duplicate_candidates(session: Session, item: Work | Recording) -> list[DuplicateCandidate]:
    """Propose the pairs `item` forms with records that may be the same; return the new ones."""
    if item.merged_into_id is not None:
        return []
    if isinstance(item, Work):
        return _work_candidates(session, item)
    return _recording_candidates(session, item)


def propose(
    session: Session, a: Work | Recording, b: Work | Recording, reason: str, detail: str | None = None
) -> DuplicateCandidate | None:
    """Queue the pair for review, unless it is the same record or the pair was ever queued."""
    if type(a) is not type(b):
        raise DuplicateError("a work and a recording cannot be duplicates of each other")
    first, second = sorted((a.id, b.id))
    if first == second:
        return None
    subject = "work" if isinstance(a, Work) else "recording"
    lo, hi = _columns(subject)
    if session.scalars(select(DuplicateCandidate.id).where(lo == first, hi == second)).first() is not None:
        return None
    candidate = DuplicateCandidate(subject=subject, reason=reason, detail=(detail or "")[:300] or None)
    candidate.status = PENDING
    setattr(candidate, lo.key, first)
    setattr(candidate, hi.key, second)
    try:
        # A savepoint: a concurrent registration proposing the same pair first is no failure.
        with session.begin_nested():
            session.add(candidate)
    except IntegrityError:
        return None
    return candidate


def merge(
    session: Session, candidate_id: int, survivor: Work | Recording | int, decided_by: str | None = None
) -> Work | Recording:
    """The survivor absorbs the other record of the pair; both get a new ledger version."""
    candidate = _pending(session, candidate_id)
    survivor_id = survivor if isinstance(survivor, int) else survivor.id
    first, second = candidate.pair
    if survivor_id not in (first, second):
        raise DuplicateError(f"{survivor_id} is not one of candidate {candidate_id}'s pair {first}, {second}")
    absorbed_id = second if survivor_id == first else first
    keep = _record(session, candidate.subject, survivor_id)
    gone = _record(session, candidate.subject, absorbed_id)
    for item in (keep, gone):
        if item.merged_into_id is not None:
            raise DuplicateError(f"{item.ledger_id} was already merged into another record")
    if isinstance(keep, Work) and isinstance(gone, Work):
        _merge_works(session, keep, gone, decided_by)
    elif isinstance(keep, Recording) and isinstance(gone, Recording):
        _merge_recordings(session, keep, gone)
    _decide(candidate, MERGED, decided_by)
    _repoint(session, candidate, absorbed_id, survivor_id)
    return keep


def keep_apart(session: Session, candidate_id: int, decided_by: str | None = None) -> DuplicateCandidate:
    """Staff say the pair are different records: it is never proposed again. Only the review
    queue changes, so no ledger entry: neither record's facts changed."""
    candidate = _pending(session, candidate_id)
    _decide(candidate, KEPT_APART, decided_by)
    session.flush()
    return candidate


def list_candidates(session: Session, status: str | None = PENDING) -> list[DuplicateCandidate]:
    query = select(DuplicateCandidate).order_by(DuplicateCandidate.id)
    if status is not None:
        query = query.where(DuplicateCandidate.status == status)
    return list(session.scalars(query))


# --- detection ---------------------------------------------------------------------------------


def _work_candidates(session: Session, work: Work) -> list[DuplicateCandidate]:
    keys = sorted({work.title_key, *(t.title_key for t in work.titles)})
    mine = _writers(session, [work.id])
    if not mine:
        return []
    # Works sharing a title key and a writer marker, found through the title-key indexes and
    # work_share's work_id index; the exact writer rule is checked below on these few.
    same_writer = or_(
        Party.id.in_({w.party_id for w in mine}),
        Party.name_key.in_({w.name_key for w in mine}),
        Party.ipi_base.in_({w.ipi_base for w in mine if w.ipi_base}),
    )
    live = and_(Work.merged_into_id.is_(None), Work.id != work.id)
    by_title = select(Work.id).where(Work.title_key.in_(keys), live)
    by_alternate = select(WorkTitle.work_id).join(Work).where(WorkTitle.title_key.in_(keys), live)
    others = sorted(
        set(
            session.scalars(
                select(WorkShare.work_id)
                .join(Party, Party.id == WorkShare.party_id)
                .where(WorkShare.work_id.in_(by_title.union(by_alternate)))
                .where(WorkShare.role.in_(WRITER_ROLES), same_writer)
                .distinct()
            )
        )
    )
    theirs = _writers(session, others)
    proposed = []
    for other_id in others:
        common = next((a for a in mine for b in theirs if b.work_id == other_id and _same_writer(a, b)), None)
        other = session.get(Work, other_id)
        if common is None or other is None:
            continue
        detail = f"title {work.title!r} / {other.title!r}, writer key {common.name_key!r}"
        candidate = propose(session, work, other, TITLE_AND_WRITER, detail)
        if candidate is not None:
            proposed.append(candidate)
    return proposed


def _writers(session: Session, work_ids: list[int]) -> list[_Writer]:
    if not work_ids:
        return []
    rows = session.execute(
        select(WorkShare.work_id, Party.id, Party.ipi_name, Party.ipi_base, Party.name_key)
        .join(Party, Party.id == WorkShare.party_id)
        .where(WorkShare.work_id.in_(work_ids), WorkShare.role.in_(WRITER_ROLES))
        .distinct()
    ).all()
    return [_Writer(*row) for row in rows]


def _same_writer(a: _Writer, b: _Writer) -> bool:
    if a.party_id == b.party_id or (a.ipi_base is not None and a.ipi_base == b.ipi_base):
        return True
    # A shared name counts unless two different IPI name numbers say they are two people.
    return a.name_key == b.name_key and not (a.ipi_name and b.ipi_name and a.ipi_name != b.ipi_name)


def _recording_candidates(session: Session, recording: Recording) -> list[DuplicateCandidate]:
    duration = recording.duration_seconds
    if duration is None or not recording.artist_key:
        return []
    others = session.scalars(
        select(Recording)
        .where(Recording.title_key == recording.title_key, Recording.artist_key == recording.artist_key)
        .where(Recording.id != recording.id, Recording.merged_into_id.is_(None))
        .where(Recording.duration_seconds.between(duration - _SLACK, duration + _SLACK))
        .order_by(Recording.id)
    ).all()
    proposed = []
    for other in others:
        detail = f"{recording.title!r} by {recording.artist!r}, {duration} s / {other.duration_seconds} s"
        candidate = propose(session, recording, other, TITLE_ARTIST_DURATION, detail)
        if candidate is not None:
            proposed.append(candidate)
    return proposed


# --- decisions ---------------------------------------------------------------------------------


def _merge_works(session: Session, keep: Work, gone: Work, decided_by: str | None) -> None:
    if keep.iswc is None and gone.iswc is not None:
        iswc, gone.iswc = gone.iswc, None
        session.flush()  # the ISWC is unique: free it before the survivor takes it
        keep.iswc = iswc
    add_alternate_title(keep, AltTitle(gone.title, "AT", gone.language))
    for title in gone.titles:
        add_alternate_title(keep, AltTitle(title.title, title.title_type, title.language))
    held = {(r.submitter, r.submitter_work_id) for r in keep.registrations}
    for registration in list(gone.registrations):
        if (registration.submitter, registration.submitter_work_id) not in held:
            registration.work = keep  # the submitter's id now leads to the survivor
    # Claims of submitters the survivor has not heard from come along; where both works hold a
    # submitter's claims, the survivor's stand (the same submitter registered the work twice).
    submitters = {s.submitter for s in keep.shares}
    for share in gone.shares:
        if share.submitter not in submitters and share.submitter != RESOLUTION:
            keep.shares.append(
                WorkShare(
                    party_id=share.party_id,
                    submitter=share.submitter,
                    role=share.role,
                    right_type=share.right_type,
                    share=share.share,
                    controlled=share.controlled,
                )
            )
    moved = list(gone.recordings)
    for recording in moved:
        recording.works.remove(gone)
        if all(w.id != keep.id for w in recording.works):
            recording.works.append(keep)
    for case in [c for c in gone.conflicts if c.status == "open"]:
        close_conflict(session, case, f"work merged into {keep.ledger_id}", decided_by)
    gone.merged_into_id = keep.id
    gone.status = "merged"
    session.flush()
    sync_conflicts(session, keep)
    keep.status = work_status(keep)
    record_work(session, gone)
    record_work(session, keep)
    for recording in moved:
        record_recording(session, recording)


def _merge_recordings(session: Session, keep: Recording, gone: Recording) -> None:
    if keep.isrc is None and gone.isrc is not None:
        isrc, gone.isrc = gone.isrc, None
        session.flush()
        keep.isrc = isrc
    for work in list(gone.works):
        gone.works.remove(work)
        if all(w.id != work.id for w in keep.works):
            keep.works.append(work)
    if not keep.shares:
        keep.shares.extend(
            RecordingShare(party_id=s.party_id, role=s.role, share=s.share) for s in gone.shares
        )
    for name in ("artist", "duration_seconds", "release_title", "release_date", "label"):
        if getattr(keep, name) is None and getattr(gone, name) is not None:
            setattr(keep, name, getattr(gone, name))
    if keep.artist_key == "" and gone.artist_key:
        keep.artist_key = gone.artist_key
    gone.merged_into_id = keep.id
    gone.status = "merged"
    session.flush()
    keep.status = recording_status(keep)
    record_recording(session, gone)
    record_recording(session, keep)


def _repoint(session: Session, decided: DuplicateCandidate, gone_id: int, keep_id: int) -> None:
    """Pending pairs with the absorbed record now concern the survivor (or vanish if that makes
    the survivor's pair with itself, or a pair already queued)."""
    lo, hi = _columns(decided.subject)
    pending = session.scalars(
        select(DuplicateCandidate)
        .where(DuplicateCandidate.status == PENDING, DuplicateCandidate.id != decided.id)
        .where(or_(lo == gone_id, hi == gone_id))
        .order_by(DuplicateCandidate.id)
    ).all()
    for candidate in pending:
        first, second = candidate.pair
        other = second if first == gone_id else first
        pair = sorted((keep_id, other))
        known = session.scalars(select(DuplicateCandidate.id).where(lo == pair[0], hi == pair[1])).first()
        if other == keep_id or known is not None:
            session.delete(candidate)
        else:
            setattr(candidate, lo.key, pair[0])
            setattr(candidate, hi.key, pair[1])
        session.flush()


def _record(session: Session, subject: str, record_id: int) -> Work | Recording:
    found = session.get(Work, record_id) if subject == "work" else session.get(Recording, record_id)
    assert found is not None  # the candidate's foreign keys
    return found


def _pending(session: Session, candidate_id: int) -> DuplicateCandidate:
    candidate = session.get(DuplicateCandidate, candidate_id)
    if candidate is None:
        raise DuplicateError(f"no duplicate candidate {candidate_id}")
    if candidate.status != PENDING:
        raise DuplicateError(f"duplicate candidate {candidate_id} was already decided: {candidate.status}")
    return candidate


def _decide(candidate: DuplicateCandidate, status: str, decided_by: str | None) -> None:
    candidate.status = status
    candidate.decided_by = decided_by
    candidate.decided_at = datetime.now(UTC)


def _columns(subject: str) -> tuple[InstrumentedAttribute[int | None], InstrumentedAttribute[int | None]]:
    if subject == "work":
        return DuplicateCandidate.first_work_id, DuplicateCandidate.second_work_id
    return DuplicateCandidate.first_recording_id, DuplicateCandidate.second_recording_id
