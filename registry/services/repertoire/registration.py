"""Works and sound recordings: registering them from any submitter (a CWR file, a staff form).

A registration is matched to what we already hold: a work by its ISWC, else by the submitter's
own work id; a recording by its ISRC. Each change records the next public `work` or `recording`
entry; registering the same facts again records nothing, so re-importing a file changes
nothing. Public entries carry names and IPI numbers only, never a member's contact data.

The submitter who first registered a work owns its title, language and duration; another
submitter's title for it becomes an alternate title, and each submitter's claims are kept apart
(registry.shares). A registration brings the work's conflict cases
(registry.services.repertoire.conflicts) and duplicate candidates (registry.services.repertoire.
duplicates) up to date; the entries' bodies are registry.services.repertoire.entries'.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ledger.entry import Entry
from registry.identifiers import normalise_isrc, normalise_iswc
from registry.models import (
    RECORDING_ROLES,
    Recording,
    RecordingShare,
    Work,
    WorkRegistration,
    WorkShare,
)
from registry.normalise import name_key, normalise_title
from registry.services.parties.parties import PartyCache, PartyRef, ensure_party
from registry.services.repertoire.conflicts import sync_conflicts
from registry.services.repertoire.duplicates import find_duplicate_candidates, propose
from registry.services.repertoire.entries import (
    AltTitle,
    RepertoireError,
    _duration,
    _required,
    _title,
    _title_type,
    add_alternate_title,
    record_recording,
    record_work,
    recording_status,
    surviving,
    work_status,
)
from registry.shares import (
    check_share,
    right_type,
    share_role,
)

# The capacities a party is seen in, from the role they hold in a work or recording.
_PARTY_ROLES: dict[str, tuple[str, ...]] = {
    "composer_lyricist": ("composer", "lyricist"),
    "composer": ("composer",),
    "lyricist": ("lyricist",),
    "arranger": ("arranger",),
    "adapter": ("lyricist",),
    "translator": ("lyricist",),
    "sub_arranger": ("arranger",),
    "sub_author": ("lyricist",),
    "performer": ("performer",),
    "producer": ("producer",),
}


def party_roles_of(share_role: str) -> tuple[str, ...]:
    """The capacities holding a share in `share_role` shows a party in (publishers' roles: publisher)."""
    return _PARTY_ROLES.get(share_role, ("publisher",))


class Outcome(StrEnum):
    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"


@dataclass(frozen=True, kw_only=True)
class ShareInput:
    """A share claimed in a work: the party, their role, the right type and the share."""

    party: PartyRef
    role: str  # a word of WRITER_ROLES / PUBLISHER_ROLES, or the CWR code (CA, C, A, E, AM, SE...)
    right_type: str  # performing | mechanical | synchronisation, or PR | MR | SR
    share: int  # hundredths of a percent: 10000 = 100.00%
    controlled: bool = False  # administered by the submitter (CWR SWR/SPU rather than OWR/OPU)


@dataclass(frozen=True, kw_only=True)
class RecordingShareInput:
    """A performer's or producer's share in a recording (hundredths of a percent)."""

    party: PartyRef
    role: str  # performer | producer
    share: int


@dataclass(frozen=True, kw_only=True)
class RecordingInput:
    title: str
    isrc: str | None = None
    artist: str | None = None
    duration_seconds: int | None = None
    release_title: str | None = None
    release_date: date | None = None
    label: str | None = None
    shares: Sequence[RecordingShareInput] = ()
    source: str | None = None


@dataclass(frozen=True, kw_only=True)
class WorkInput:
    submitter: str  # CWR sender id; "CMO" for staff entry
    submitter_work_id: str
    title: str
    iswc: str | None = None
    language: str | None = None
    alt_titles: Sequence[AltTitle | tuple[Any, ...]] = ()  # (title, type, language)
    duration_seconds: int | None = None
    shares: Sequence[ShareInput] = ()
    recordings: Sequence[RecordingInput] = ()
    source: str | None = None  # where the facts come from, e.g. "cwr:<sha256 of the file>"


# --- works -------------------------------------------------------------------------------------


def register_work(
    session: Session, data: WorkInput, *, parties: PartyCache | None = None
) -> tuple[Work, Outcome]:
    """Create or update the work `data` describes; record its entry if anything changed.
    `parties`: the party look-ups of the import this registration belongs to (PartyCache)."""
    # Everything that can be refused is checked before anything is written.
    submitter = _required(data.submitter, "submitter")
    submitter_work_id = _required(data.submitter_work_id, "submitter_work_id")
    iswc = normalise_iswc(data.iswc) if data.iswc else None
    _check(data)
    claims = _claims(session, data.shares, parties)
    work, suspects = _match(session, iswc, submitter, submitter_work_id)
    created = work is None
    if work is None:
        work = Work(status="incomplete", primary_submitter=submitter)
        session.add(work)
    _describe(work, data, iswc, created)
    registration = _registration(work, submitter, submitter_work_id)
    _set_claims(work, submitter, claims)
    session.flush()
    sync_conflicts(session, work)
    work.status = work_status(work)
    entry = record_work(session, work, source=data.source)
    outcome = Outcome.CREATED if created else Outcome.UPDATED if entry else Outcome.UNCHANGED
    if entry is not None:
        registration.source = data.source
        for other in suspects:  # the strongest reason first: a pair is queued once
            detail = f"{submitter} work id {submitter_work_id} names both"
            propose(session, work, other, "identifier", detail)
        find_duplicate_candidates(session, work)
    for recording_input in data.recordings:
        register_recording(
            session,
            replace(recording_input, source=recording_input.source or data.source),
            work=work,
            parties=parties,
        )
    return work, outcome


def find_work_by_iswc(session: Session, iswc: str) -> Work | None:
    """The work with this ISWC (any usual spelling); a merged work leads to its survivor."""
    work = session.scalars(select(Work).where(Work.iswc == normalise_iswc(iswc))).one_or_none()
    return None if work is None else surviving(session, work)


def _claims(
    session: Session, shares: Sequence[ShareInput], parties: PartyCache | None = None
) -> dict[tuple[int, str, str], tuple[int, bool]]:
    """(party id, role, right type) -> (share, controlled); one party's lines in one role add up."""
    out: dict[tuple[int, str, str], tuple[int, bool]] = {}
    for line in shares:
        role, right = share_role(line.role), right_type(line.right_type)
        share = check_share(line.share)
        party = ensure_party(session, line.party, _PARTY_ROLES.get(role, ("publisher",)), parties)
        if party.id is None:
            session.flush()
        key = (party.id, role, right)
        held, controlled = out.get(key, (0, False))
        out[key] = (check_share(held + share, f"{party.name}'s {right} share"), controlled or line.controlled)
    return out


def _match(
    session: Session, iswc: str | None, submitter: str, work_id: str
) -> tuple[Work | None, list[Work]]:
    """The work a registration is about (or None: a new one), and other works the submitter's
    id also names (possible duplicates to review)."""
    named = _works_named_by(session, submitter, work_id)
    if iswc is not None:
        work = find_work_by_iswc(session, iswc)
        if work is not None:
            return work, [w for w in named if w.id != work.id]
    for work in named:
        if iswc is None or work.iswc is None:
            return work, [w for w in named if w.id != work.id]
    # Every work this id names carries another ISWC: a new work, and a pair to review.
    return None, named


def _works_named_by(session: Session, submitter: str, work_id: str) -> list[Work]:
    works = session.scalars(
        select(Work)
        .join(WorkRegistration, WorkRegistration.work_id == Work.id)
        .where(WorkRegistration.submitter == submitter, WorkRegistration.submitter_work_id == work_id)
        .order_by(Work.id)
    ).all()
    out: dict[int, Work] = {}
    for work in works:
        survivor = surviving(session, work)
        out.setdefault(survivor.id, survivor)
    return list(out.values())


def _describe(work: Work, data: WorkInput, iswc: str | None, created: bool) -> None:
    title = _title(data.title)
    language = data.language.strip().upper() if data.language else None
    if created or work.primary_submitter == data.submitter:
        if work.title != title:
            work.title, work.title_key = title, normalise_title(title)
        work.language = language or work.language
        if data.duration_seconds is not None:
            work.duration_seconds = _duration(data.duration_seconds)
    else:
        add_alternate_title(work, AltTitle(title, "AT", language))
        work.language = work.language or language
        if work.duration_seconds is None and data.duration_seconds is not None:
            work.duration_seconds = _duration(data.duration_seconds)
    if iswc is not None and work.iswc is None:
        work.iswc = iswc
    for alt in data.alt_titles:
        add_alternate_title(work, AltTitle(*alt))


def _check(data: WorkInput) -> None:
    _title(data.title)
    for alt in data.alt_titles:
        _title(AltTitle(*alt).title)
        _title_type(AltTitle(*alt).type)
    if data.duration_seconds is not None:
        _duration(data.duration_seconds)
    for recording in data.recordings:
        _title(recording.title)
        if recording.isrc:
            normalise_isrc(recording.isrc)


def _registration(work: Work, submitter: str, work_id: str) -> WorkRegistration:
    for held in work.registrations:
        if (held.submitter, held.submitter_work_id) == (submitter, work_id):
            return held
    registration = WorkRegistration(submitter=submitter, submitter_work_id=work_id)
    work.registrations.append(registration)
    return registration


def _set_claims(work: Work, submitter: str, claims: dict[tuple[int, str, str], tuple[int, bool]]) -> None:
    """Make the submitter's claims what they now say, touching only rows that differ."""
    wanted = dict(claims)
    for row in [s for s in work.shares if s.submitter == submitter]:
        key = (row.party_id, row.role, row.right_type)
        if key not in wanted:
            work.shares.remove(row)
            continue
        share, controlled = wanted.pop(key)
        if row.share != share:
            row.share = share
        if row.controlled != controlled:
            row.controlled = controlled
    for (party_id, role, right), (share, controlled) in sorted(wanted.items()):
        work.shares.append(
            WorkShare(
                party_id=party_id,
                submitter=submitter,
                role=role,
                right_type=right,
                share=share,
                controlled=controlled,
            )
        )


# --- recordings --------------------------------------------------------------------------------


def register_recording(
    session: Session, data: RecordingInput, *, work: Work | None = None, parties: PartyCache | None = None
) -> tuple[Recording, Outcome]:
    """Create or update the recording `data` describes (embodying `work`, if given: one version
    says both); record its entry if anything changed.

    Matched by ISRC; without one, only an identical recording without ISRC (same title, artist
    and duration) is the same, and near matches go to the duplicate review instead."""
    isrc = normalise_isrc(data.isrc) if data.isrc else None
    title = _title(data.title)
    artist = (data.artist or "").strip() or None
    artist_key = name_key(artist) if artist else ""
    duration = _duration(data.duration_seconds) if data.duration_seconds is not None else None
    if isrc is not None:
        recording = find_recording_by_isrc(session, isrc)
    else:
        recording = session.scalars(
            select(Recording)
            .where(Recording.isrc.is_(None), Recording.merged_into_id.is_(None))
            .where(Recording.title_key == normalise_title(title), Recording.artist_key == artist_key)
            .where(
                Recording.duration_seconds.is_(None)
                if duration is None
                else Recording.duration_seconds == duration
            )
            .order_by(Recording.id)
        ).first()
    created = recording is None
    if recording is None:
        recording = Recording(isrc=isrc, status="incomplete")
        session.add(recording)
    if recording.title != title:
        recording.title, recording.title_key = title, normalise_title(title)
    if created or artist is not None:
        recording.artist, recording.artist_key = artist, artist_key
    # A registration that omits a detail leaves what we hold.
    for name, value in (
        ("duration_seconds", duration),
        ("release_title", (data.release_title or "").strip() or None),
        ("release_date", data.release_date),
        ("label", (data.label or "").strip() or None),
    ):
        if value is not None and getattr(recording, name) != value:
            setattr(recording, name, value)
    if data.shares:
        _set_recording_shares(session, recording, data.shares, parties)
    if work is not None:
        work = surviving(session, work)
        if all(w.id != work.id for w in recording.works):
            recording.works.append(work)
    session.flush()
    recording.status = recording_status(recording)
    entry = record_recording(session, recording, source=data.source)
    if entry is not None:
        find_duplicate_candidates(session, recording)
    return recording, Outcome.CREATED if created else Outcome.UPDATED if entry else Outcome.UNCHANGED


def link_recording(session: Session, recording: Recording, work: Work) -> Entry | None:
    """Record that the recording embodies the work (a recording may embody several: a medley)."""
    recording, work = surviving(session, recording), surviving(session, work)
    if any(w.id == work.id for w in recording.works):
        return None
    recording.works.append(work)
    session.flush()
    return record_recording(session, recording)


def find_recording_by_isrc(session: Session, isrc: str) -> Recording | None:
    """The recording with this ISRC (any usual spelling); a merged one leads to its survivor."""
    found = session.scalars(select(Recording).where(Recording.isrc == normalise_isrc(isrc))).one_or_none()
    return None if found is None else surviving(session, found)


def _set_recording_shares(
    session: Session,
    recording: Recording,
    shares: Sequence[RecordingShareInput],
    parties: PartyCache | None = None,
) -> None:
    wanted: dict[tuple[int, str], int] = {}
    for line in shares:
        role = line.role.strip().lower()
        if role not in RECORDING_ROLES:
            raise RepertoireError(f"unknown recording role {line.role!r}; expected performer or producer")
        party = ensure_party(session, line.party, _PARTY_ROLES[role], parties)
        if party.id is None:
            session.flush()
        key = (party.id, role)
        wanted[key] = check_share(wanted.get(key, 0) + check_share(line.share), f"{party.name}'s share")
    for row in list(recording.shares):
        key = (row.party_id, row.role)
        if key not in wanted:
            recording.shares.remove(row)
        elif row.share != (share := wanted.pop(key)):
            row.share = share
    recording.shares.extend(
        RecordingShare(party_id=party_id, role=role, share=share)
        for (party_id, role), share in sorted(wanted.items())
    )
