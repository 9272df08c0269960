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

Every lookup goes through an index, never a scan of the catalogue, so registering into 100k
works stays cheap: works by their (writer, title key) match keys (registry.services.repertoire.work_keys),
so that a common title costs only the works that also share a writer; recordings by title key
and artist key. Works registered together (a CWR import) are probed together, a few queries for
a whole batch (title_and_writer_matches, title_artist_duration_matches).

A pair is unique in the queue whatever its status: a pair kept apart (or already merged) is
never proposed again.

Merging keeps both histories: the absorbed record gets a last version with status `merged` and
`merged_into`, the survivor a new version listing `merged_from`; identifiers, titles, submitter
ids, claims and recording links carry over to the survivor.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from functools import cache
from typing import Any, NamedTuple

from sqlalchemy import Select, and_, bindparam, or_, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import InstrumentedAttribute, Session

from registry.entity_ids import DUPLICATE
from registry.errors import RegistryError
from registry.kinds.duplicate_candidate import candidate_body, withdrawn_body
from registry.ledger_writer import record
from registry.models import (
    WRITER_ROLES,
    DuplicateCandidate,
    Party,
    Recording,
    RecordingShare,
    Work,
    WorkShare,
)
from registry.services.repertoire.conflicts import close_conflict, sync_conflicts
from registry.services.repertoire.entries import (
    AltTitle,
    add_alternate_title,
    record_recording,
    record_work,
    recording_status,
    work_status,
)
from registry.services.repertoire.work_keys import key_party, match_keys, works_by_key
from registry.shares import RESOLUTION

IDENTIFIER = "identifier"
TITLE_AND_WRITER = "title_and_writer"
TITLE_ARTIST_DURATION = "title_artist_duration"
DURATION_SLACK_SECONDS = 2
_SLACK = DURATION_SLACK_SECONDS
PENDING, MERGED, KEPT_APART = "pending", "merged", "kept_apart"
_CHUNK = 500  # values per IN list: well inside every backend's bound-parameter limit
_OR_CHUNK = 200  # (title key, artist key) pairs per query


class DuplicateError(RegistryError):
    """A review decision that cannot be carried out; the message says why."""


class Writer(NamedTuple):
    """A writer of a work, as duplicate detection compares writers."""

    party_id: int
    ipi_name: str | None
    ipi_base: str | None
    name_key: str


class WorkProbe(NamedTuple):
    """What detection needs of a work: its id, title, title keys (main and alternate) and writers."""

    work_id: int
    title: str
    title_keys: frozenset[str]
    writers: tuple[Writer, ...]


class WorkMatch(NamedTuple):
    """Another live work sharing a title key and a writer with a probed one."""

    other_id: int
    other_title: str
    writer: Writer  # the probed work's writer they share (the lowest party id that does)


class RecordingProbe(NamedTuple):
    recording_id: int
    title_key: str
    artist_key: str
    duration_seconds: int | None


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
    _record_candidate(session, candidate)
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
    _record_candidate(session, candidate)
    _repoint(session, candidate, absorbed_id, survivor_id)
    return keep


def keep_apart(session: Session, candidate_id: int, decided_by: str | None = None) -> DuplicateCandidate:
    """Staff say the pair are different records: it is never proposed again. Neither record's
    facts change; the decision is the candidate's next version."""
    candidate = _pending(session, candidate_id)
    _decide(candidate, KEPT_APART, decided_by)
    session.flush()
    _record_candidate(session, candidate)
    return candidate


def list_candidates(session: Session, status: str | None = PENDING) -> list[DuplicateCandidate]:
    query = select(DuplicateCandidate).order_by(DuplicateCandidate.id)
    if status is not None:
        query = query.where(DuplicateCandidate.status == status)
    return list(session.scalars(query))


# --- detection ---------------------------------------------------------------------------------


def _work_candidates(session: Session, work: Work) -> list[DuplicateCandidate]:
    writers = {
        Writer(share.party_id, share.party.ipi_name, share.party.ipi_base, share.party.name_key)
        for share in work.shares
        if share.role in WRITER_ROLES
    }
    keys = frozenset({work.title_key, *(t.title_key for t in work.titles)})
    probe = WorkProbe(work.id, work.title, keys, tuple(sorted(writers)))
    proposed = []
    for match in title_and_writer_matches(session, [probe])[0]:
        other = session.get(Work, match.other_id)
        if other is None:
            continue
        candidate = propose(session, work, other, TITLE_AND_WRITER, work_detail(probe, match))
        if candidate is not None:
            proposed.append(candidate)
    return proposed


def title_and_writer_matches(
    session: Session, probes: Sequence[WorkProbe], order: Mapping[int, int] | None = None
) -> list[list[WorkMatch]]:
    """For each probed work, the live works sharing a title key and a writer with it, by id.

    `order`: the probed works are registered together, in this order (work id -> position): a
    work pairs with the works registered before it, the later ones pair with it in their turn.
    Found through the work match keys (registry.services.repertoire.work_keys): a writer counts as shared
    when it is the same party, or a party with the same IPI base number or name key (the exact
    rule, `_same_writer`, is then applied to those few)."""
    related = _related_parties(session, {writer for probe in probes for writer in probe.writers})
    by_name: dict[str, set[int]] = {}
    by_base: dict[str, set[int]] = {}
    for party in related.values():
        by_name.setdefault(party.name_key, set()).add(party.party_id)
        if party.ipi_base:
            by_base.setdefault(party.ipi_base, set()).add(party.party_id)
    wanted: list[set[str]] = []
    for probe in probes:
        parties: set[int] = set()
        for writer in probe.writers:
            parties.add(writer.party_id)
            # Namesakes only where _same_writer can hold: not two different IPI name numbers.
            parties.update(
                party_id
                for party_id in by_name.get(writer.name_key, ())
                if not (
                    writer.ipi_name
                    and related[party_id].ipi_name
                    and writer.ipi_name != related[party_id].ipi_name
                )
            )
            if writer.ipi_base:
                parties.update(by_base.get(writer.ipi_base, ()))
        wanted.append(match_keys(probe.title_keys, parties) if probe.writers else set())
    found = works_by_key(session, set().union(*wanted)) if wanted else {}
    # A large import probes many works whose keys are each held by many works: this loop runs
    # once per (key, work holding it), so what does not depend on the work is done outside it.
    later = order.get if order is not None else None
    out: list[list[WorkMatch]] = []
    for probe, keys in zip(probes, wanted, strict=True):
        work_id = probe.work_id
        position = later(work_id) if later is not None else None
        theirs: dict[int, set[int]] = {}
        titles: dict[int, str] = {}
        for key in keys:
            holders = found.get(key)
            if not holders:
                continue
            party_id = key_party(key)
            for other_id, title in holders:
                if other_id == work_id:
                    continue
                if position is not None and later is not None and later(other_id, -1) > position:
                    continue  # registered after this one: that work proposes the pair
                if other_id in theirs:
                    theirs[other_id].add(party_id)
                else:
                    theirs[other_id] = {party_id}
                titles[other_id] = title
        matches = []
        for other_id in sorted(theirs):
            shared = [related[party_id] for party_id in sorted(theirs[other_id]) if party_id in related]
            common = next((a for a in probe.writers for b in shared if _same_writer(a, b)), None)
            if common is not None:
                matches.append(WorkMatch(other_id, titles[other_id], common))
        out.append(matches)
    return out


def work_detail(probe: WorkProbe, match: WorkMatch) -> str:
    return f"title {probe.title!r} / {match.other_title!r}, writer key {match.writer.name_key!r}"


def _related_parties(session: Session, writers: set[Writer]) -> dict[int, Writer]:
    """The writers' parties and every party sharing a name key or IPI base number with one."""
    columns = (Party.id, Party.ipi_name, Party.ipi_base, Party.name_key)
    out: dict[int, Writer] = {}
    for column, values in (
        (Party.id, {w.party_id for w in writers}),
        (Party.name_key, {w.name_key for w in writers}),
        (Party.ipi_base, {w.ipi_base for w in writers if w.ipi_base}),
    ):
        ordered = sorted(values)
        for start in range(0, len(ordered), _CHUNK):
            for row in session.execute(select(*columns).where(column.in_(ordered[start : start + _CHUNK]))):
                out[row[0]] = Writer(*row)
    return out


def _same_writer(a: Writer, b: Writer) -> bool:
    if a.party_id == b.party_id or (a.ipi_base is not None and a.ipi_base == b.ipi_base):
        return True
    # A shared name counts unless two different IPI name numbers say they are two people.
    return a.name_key == b.name_key and not (a.ipi_name and b.ipi_name and a.ipi_name != b.ipi_name)


def _recording_candidates(session: Session, recording: Recording) -> list[DuplicateCandidate]:
    probe = RecordingProbe(
        recording.id, recording.title_key, recording.artist_key, recording.duration_seconds
    )
    proposed = []
    for other_id, other_duration in title_artist_duration_matches(session, [probe])[0]:
        other = session.get(Recording, other_id)
        if other is None:
            continue
        detail = recording_detail(recording.title, recording.artist, probe, other_duration)
        candidate = propose(session, recording, other, TITLE_ARTIST_DURATION, detail)
        if candidate is not None:
            proposed.append(candidate)
    return proposed


def title_artist_duration_matches(
    session: Session, probes: Sequence[RecordingProbe], order: Mapping[int, int] | None = None
) -> list[list[tuple[int, int]]]:
    """For each probed recording, the live recordings with its title key and artist key whose
    durations differ by at most 2 seconds (both known): [(id, duration)] by id. `order` as in
    title_and_writer_matches."""
    pairs = sorted(
        {(p.title_key, p.artist_key) for p in probes if p.duration_seconds is not None and p.artist_key}
    )
    held: dict[tuple[str, str], set[tuple[int, int]]] = {}
    postgres = session.get_bind().dialect.name == "postgresql"
    for start in range(0, len(pairs), _OR_CHUNK):
        chunk = pairs[start : start + _OR_CHUNK]
        if postgres:
            params: dict[str, Any] = {"titles": [t for t, _ in chunk], "artists": [a for _, a in chunk]}
            rows = session.execute(_PAIRS_PG, params)
        else:
            chunk += [chunk[-1]] * (_OR_CHUNK - len(chunk))  # one statement shape: built and compiled once
            params = {f"t{n}": title for n, (title, _) in enumerate(chunk)}
            params.update({f"a{n}": artist for n, (_, artist) in enumerate(chunk)})
            rows = session.execute(_pairs_query(), params)
        for other_id, title_key, artist_key, duration, merged_into in rows:
            if merged_into is None and duration is not None:
                held.setdefault((title_key, artist_key), set()).add((other_id, duration))
    out: list[list[tuple[int, int]]] = []
    for probe in probes:
        duration = probe.duration_seconds
        if duration is None or not probe.artist_key:
            out.append([])
            continue
        position = order.get(probe.recording_id) if order is not None else None
        out.append(
            sorted(
                (other_id, other_duration)
                for other_id, other_duration in held.get((probe.title_key, probe.artist_key), ())
                if other_id != probe.recording_id
                and abs(other_duration - duration) <= _SLACK
                and not (position is not None and order is not None and order.get(other_id, -1) > position)
            )
        )
    return out


# PostgreSQL: the pairs as two arrays joined to the (title key, artist key) index, a probe each
# (see registry.services.repertoire.work_keys._BY_KEY_PG).
_PAIRS_PG = text(
    """
    SELECT r.id, r.title_key, r.artist_key, r.duration_seconds, r.merged_into_id
    FROM unnest(CAST(:titles AS text[]), CAST(:artists AS text[])) AS wanted(title_key, artist_key)
    JOIN recording r ON r.title_key = wanted.title_key AND r.artist_key = wanted.artist_key
    """
)


@cache
def _pairs_query() -> Select[int, str, str, int | None, int | None]:
    """SQLite: recordings by (title key, artist key) pairs, OR-ed: each one a probe of the pair's
    index (SQLite reads a row-value IN list by scanning the table). Merged ones are
    left out by the caller rather than in SQL, which would tempt planners to the merged_into_id
    index."""
    return select(
        Recording.id,
        Recording.title_key,
        Recording.artist_key,
        Recording.duration_seconds,
        Recording.merged_into_id,
    ).where(
        or_(
            *(
                and_(Recording.title_key == bindparam(f"t{n}"), Recording.artist_key == bindparam(f"a{n}"))
                for n in range(_OR_CHUNK)
            )
        )
    )


def recording_detail(title: str, artist: str | None, probe: RecordingProbe, other_duration: int) -> str:
    return f"{title!r} by {artist!r}, {probe.duration_seconds} s / {other_duration} s"


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
            record(session, "duplicate_candidate", DUPLICATE.make(candidate.id), withdrawn_body(candidate.id))
        else:
            setattr(candidate, lo.key, pair[0])
            setattr(candidate, hi.key, pair[1])
            _record_candidate(session, candidate)
        session.flush()


def _record_candidate(session: Session, candidate: DuplicateCandidate) -> None:
    # The queue's state as an entry, in the same transaction as the row.
    record(session, "duplicate_candidate", DUPLICATE.make(candidate.id), candidate_body(candidate))


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
