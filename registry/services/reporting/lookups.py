"""Read-side queries of the registry for the API and the portal: the log feed, checkpoints,
works and recordings search with their ledger history, a member's own works, anchoring status.

Every list is a page (`limit`, `offset`) with its total, so no caller can ask for everything at
once. Merged works and recordings are left out of searches; their own pages still answer.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from registry.identifiers import normalise_isrc, normalise_iswc
from registry.models import (
    AnchorAttempt,
    AnchorContractRow,
    AnchorRecord,
    Checkpoint,
    Party,
    Recording,
    RecordingShare,
    Work,
    WorkRegistration,
    WorkShare,
    WorkTitle,
    entry_table,
    leaf_table,
    recording_work,
)
from registry.normalise import name_key, normalise_title
from registry.paging import Page, escape_like, page_of

MAX_RANGE = 500  # leaves or entries per call of the log feed


@dataclass(frozen=True)
class Version:
    """One recorded version of a thing and where it stands in the log and on chain."""

    version: int
    leaf_hash: str
    at: str
    body: dict[str, Any]
    leaf_index: int | None
    anchored: bool
    checkpoint_index: int | None


def ledger_number(ledger_id: str, prefix: str) -> int | None:
    """12 for "W-12" (prefix "W") or "12"; None if it names nothing of that kind."""
    match = re.fullmatch(rf"(?:{prefix}-)?([1-9][0-9]{{0,17}})", ledger_id.strip())
    return int(match.group(1)) if match else None


# --- the log -----------------------------------------------------------------------------------
def log_size(session: Session) -> int:
    last = session.scalar(select(func.max(leaf_table.c.leaf_index)))
    return 0 if last is None else int(last) + 1


def anchor_contract(session: Session, chain_id: int | None = None) -> AnchorContractRow | None:
    """The contract the log is anchored on (on `chain_id`, else the one recorded last)."""
    query = select(AnchorContractRow)
    if chain_id is not None:
        query = query.where(AnchorContractRow.chain_id == chain_id)
    return session.scalars(query.order_by(AnchorContractRow.id.desc()).limit(1)).first()


def checkpoints(session: Session, limit: int, offset: int) -> Page[tuple[Checkpoint, AnchorRecord | None]]:
    """Signed checkpoints, oldest first, each with where it was anchored (None: not yet)."""
    total = session.scalar(select(func.count()).select_from(Checkpoint)) or 0
    rows = session.execute(
        select(Checkpoint, AnchorRecord)
        .outerjoin(AnchorRecord, AnchorRecord.tree_size == Checkpoint.tree_size)
        .order_by(Checkpoint.tree_size, AnchorRecord.id)
        .limit(limit)
        .offset(offset)
    ).all()
    return Page([(cp, anchored) for cp, anchored in rows], total)


def all_checkpoints(session: Session) -> list[tuple[Checkpoint, AnchorRecord | None]]:
    """Every signed checkpoint, oldest first, each with where it was anchored (None: not yet)."""
    rows = session.execute(
        select(Checkpoint, AnchorRecord)
        .outerjoin(AnchorRecord, AnchorRecord.tree_size == Checkpoint.tree_size)
        .order_by(Checkpoint.tree_size)
    ).all()
    return [(cp, anchored) for cp, anchored in rows]


def leaves(session: Session, start: int, end: int) -> list[tuple[int, bytes]]:
    """(index, leaf hash) for leaves start <= index < end that are in the log."""
    rows = session.execute(
        select(leaf_table.c.leaf_index, leaf_table.c.leaf_hash)
        .where(leaf_table.c.leaf_index >= start, leaf_table.c.leaf_index < end)
        .order_by(leaf_table.c.leaf_index)
    ).all()
    return [(int(i), bytes(h)) for i, h in rows]


@dataclass(frozen=True)
class LoggedEntry:
    index: int
    leaf_hash: bytes
    kind: str
    entry_id: str
    version: int
    private: bool
    recorded_at: datetime
    canonical: bytes

    def entry(self) -> dict[str, Any]:
        return dict(json.loads(self.canonical))


_JOINED = entry_table.join(leaf_table, leaf_table.c.entry_seq == entry_table.c.seq)


def logged_entries(session: Session, start: int, end: int) -> list[LoggedEntry]:
    """The entries at log positions start <= index < end, in log order."""
    return _entries(session, leaf_table.c.leaf_index >= start, leaf_table.c.leaf_index < end)


def _logged(session: Session, *where: Any, limit: int, offset: int) -> Page[LoggedEntry]:
    """Entries in the log matching `where`, in log order, a page of them with their total."""
    total = session.scalar(select(func.count()).select_from(_JOINED).where(*where)) or 0
    return Page(_entries(session, *where, limit=limit, offset=offset), total)


def _entries(session: Session, *where: Any, limit: int | None = None, offset: int = 0) -> list[LoggedEntry]:
    """The logged entries matching `where`, in log order."""
    rows = session.execute(
        select(
            leaf_table.c.leaf_index,
            leaf_table.c.leaf_hash,
            entry_table.c.kind,
            entry_table.c.entry_id,
            entry_table.c.version,
            entry_table.c.private,
            entry_table.c.recorded_at,
            entry_table.c.canonical,
        )
        .select_from(_JOINED)
        .where(*where)
        .order_by(leaf_table.c.leaf_index)
        .limit(limit)
        .offset(offset)
    ).all()
    return [
        LoggedEntry(int(r[0]), bytes(r[1]), r[2], r[3], int(r[4]), bool(r[5]), r[6], bytes(r[7]))
        for r in rows
    ]


def logged_by_leaf_hash(session: Session, leaf_hash: bytes) -> Page[LoggedEntry]:
    """The logged entry whose leaf hash is `leaf_hash` (a unique index), public or private."""
    return _logged(session, entry_table.c.leaf_hash == leaf_hash, limit=1, offset=0)


def logged_at(session: Session, index: int) -> Page[LoggedEntry]:
    """The entry at log position `index`; none beyond the log's end."""
    return _logged(session, leaf_table.c.leaf_index == index, limit=1, offset=0)


def public_entries_by_id(
    session: Session, entry_id: str, kinds: Iterable[str], limit: int, offset: int
) -> Page[LoggedEntry]:
    """Every logged version of the public entries with id `entry_id` among `kinds` (a private
    entry's id is not public: it is found only by its leaf hash or position). The kinds lead the
    (kind, entry_id, version) index, so the look-up stays an index scan at any size."""
    return _logged(
        session,
        entry_table.c.kind.in_(sorted(kinds)),
        entry_table.c.entry_id.in_({entry_id.strip(), entry_id.strip().upper()}),
        entry_table.c.private.is_(False),
        limit=limit,
        offset=offset,
    )


def pending_entries(session: Session) -> int:
    """Entries recorded but not yet appended to the log."""
    return (
        session.scalar(
            select(func.count())
            .select_from(entry_table)
            .outerjoin(leaf_table, leaf_table.c.entry_seq == entry_table.c.seq)
            .where(leaf_table.c.entry_seq.is_(None))
        )
        or 0
    )


def entries_beyond(session: Session, anchored_size: int) -> int:
    """Entries not yet leaves of the log, or leaves beyond an anchored tree of `anchored_size`."""
    entries = session.scalar(select(func.count()).select_from(entry_table)) or 0
    covered = session.scalar(
        select(func.count()).select_from(leaf_table).where(leaf_table.c.leaf_index < anchored_size)
    )
    return int(entries) - int(covered or 0)


def entry_counts(session: Session) -> dict[str, int]:
    """Recorded entries per kind."""
    rows = session.execute(
        select(entry_table.c.kind, func.count()).group_by(entry_table.c.kind).order_by(entry_table.c.kind)
    )
    return {kind: int(count) for kind, count in rows}


def versions(session: Session, kind: str, entity_id: str, limit: int, offset: int) -> Page[Version]:
    """The recorded versions of a thing, oldest first, with their log position and anchoring."""
    where = (entry_table.c.kind == kind, entry_table.c.entry_id == entity_id)
    total = session.scalar(select(func.count()).select_from(entry_table).where(*where)) or 0
    rows = session.execute(
        select(entry_table.c.canonical, entry_table.c.leaf_hash, leaf_table.c.leaf_index)
        .outerjoin(leaf_table, leaf_table.c.entry_seq == entry_table.c.seq)
        .where(*where)
        .order_by(entry_table.c.version)
        .limit(limit)
        .offset(offset)
    ).all()
    anchors = session.execute(
        select(AnchorRecord.tree_size, AnchorRecord.checkpoint_index).order_by(AnchorRecord.tree_size)
    ).all()
    items = []
    for canonical, leaf_hash, leaf_index in rows:
        entry = json.loads(bytes(canonical))
        covering = (
            next((int(index) for size, index in anchors if size > leaf_index), None)
            if leaf_index is not None
            else None
        )
        items.append(
            Version(
                version=int(entry["version"]),
                leaf_hash=bytes(leaf_hash).hex(),
                at=entry["at"],
                body=entry["body"],
                leaf_index=None if leaf_index is None else int(leaf_index),
                anchored=covering is not None,
                checkpoint_index=covering,
            )
        )
    return Page(items, total)


def latest_version(session: Session, kind: str, entity_id: str) -> tuple[int, dict[str, Any]] | None:
    canonical = session.scalar(
        select(entry_table.c.canonical)
        .where(entry_table.c.kind == kind, entry_table.c.entry_id == entity_id)
        .order_by(entry_table.c.version.desc())
        .limit(1)
    )
    if canonical is None:
        return None
    entry = json.loads(bytes(canonical))
    return int(entry["version"]), entry["body"]


@dataclass(frozen=True)
class Stated:
    """The latest recorded version of an entry: the one whose proof backs its current facts."""

    version: int
    leaf_hash: str  # hex


def latest_stated(session: Session, kind: str, entity_ids: Iterable[str]) -> dict[str, Stated]:
    """entry id -> its latest version and leaf hash, for many entries of one kind in one query."""
    ids = sorted(set(entity_ids))
    if not ids:
        return {}
    newest = (
        select(entry_table.c.entry_id, func.max(entry_table.c.version).label("version"))
        .where(entry_table.c.kind == kind, entry_table.c.entry_id.in_(ids))
        .group_by(entry_table.c.entry_id)
        .subquery()
    )
    rows = session.execute(
        select(entry_table.c.entry_id, entry_table.c.version, entry_table.c.leaf_hash)
        .join(
            newest,
            and_(entry_table.c.entry_id == newest.c.entry_id, entry_table.c.version == newest.c.version),
        )
        .where(entry_table.c.kind == kind)
    ).all()
    return {str(entry_id): Stated(int(version), bytes(leaf).hex()) for entry_id, version, leaf in rows}


# --- works and recordings ------------------------------------------------------------------------
@dataclass(frozen=True)
class WorkQuery:
    q: str | None = None  # any title (normalised, contains)
    title: str | None = None  # a title (normalised, starts with)
    iswc: str | None = None
    isrc: str | None = None  # works of the recording with this ISRC
    member: int | None = None  # works in which this party holds a share


def search_works(session: Session, query: WorkQuery, limit: int, offset: int) -> Page[Work]:
    stmt = select(Work).where(Work.merged_into_id.is_(None))
    if query.iswc:
        stmt = stmt.where(Work.iswc == normalise_iswc(query.iswc))
    if query.isrc:
        stmt = stmt.where(
            Work.id.in_(
                select(recording_work.c.work_id)
                .join(Recording, Recording.id == recording_work.c.recording_id)
                .where(Recording.isrc == normalise_isrc(query.isrc))
            )
        )
    for text, pattern in ((query.q, "%{}%"), (query.title, "{}%")):
        if text:
            key = pattern.format(escape_like(normalise_title(text)))
            alternate = select(WorkTitle.work_id).where(WorkTitle.title_key.like(key, escape="\\"))
            stmt = stmt.where(or_(Work.title_key.like(key, escape="\\"), Work.id.in_(alternate)))
    if query.member is not None:
        stmt = stmt.where(Work.id.in_(select(WorkShare.work_id).where(WorkShare.party_id == query.member)))
    items, total = page_of(session, stmt.order_by(Work.id), limit, offset)
    return Page(items, total)


@dataclass(frozen=True)
class RecordingQuery:
    q: str | None = None  # title or artist (normalised, contains)
    title: str | None = None
    artist: str | None = None
    isrc: str | None = None
    iswc: str | None = None  # recordings of the work with this ISWC
    member: int | None = None  # recordings in which this party holds a share


def search_recordings(session: Session, query: RecordingQuery, limit: int, offset: int) -> Page[Recording]:
    stmt = select(Recording).where(Recording.merged_into_id.is_(None))
    if query.isrc:
        stmt = stmt.where(Recording.isrc == normalise_isrc(query.isrc))
    if query.iswc:
        stmt = stmt.where(
            Recording.id.in_(
                select(recording_work.c.recording_id)
                .join(Work, Work.id == recording_work.c.work_id)
                .where(Work.iswc == normalise_iswc(query.iswc))
            )
        )
    if query.title:
        stmt = stmt.where(
            Recording.title_key.like(escape_like(normalise_title(query.title)) + "%", escape="\\")
        )
    if query.artist:
        stmt = stmt.where(
            Recording.artist_key.like("%" + escape_like(name_key(query.artist)) + "%", escape="\\")
        )
    if query.q:
        title = "%" + escape_like(normalise_title(query.q)) + "%"
        artist = "%" + escape_like(name_key(query.q)) + "%"
        stmt = stmt.where(
            or_(Recording.title_key.like(title, escape="\\"), Recording.artist_key.like(artist, escape="\\"))
        )
    if query.member is not None:
        stmt = stmt.where(
            Recording.id.in_(
                select(RecordingShare.recording_id).where(RecordingShare.party_id == query.member)
            )
        )
    items, total = page_of(session, stmt.order_by(Recording.id), limit, offset)
    return Page(items, total)


def work(session: Session, ledger_id: str) -> Work | None:
    number = ledger_number(ledger_id, "W")
    return None if number is None else session.get(Work, number)


def recording(session: Session, ledger_id: str) -> Recording | None:
    number = ledger_number(ledger_id, "R")
    return None if number is None else session.get(Recording, number)


def first_work_registered_by(session: Session, submitter: str) -> Work | None:
    """The oldest work with an ISWC that `submitter` registered (e.g. "CMO": staff entry)."""
    return session.scalars(
        select(Work)
        .join(WorkRegistration)
        .where(WorkRegistration.submitter == submitter, Work.iswc.is_not(None))
        .order_by(Work.id)
    ).first()


def first_recording(session: Session) -> Recording | None:
    return session.scalars(select(Recording)).first()


def member(session: Session, party_id: int) -> Party | None:
    party = session.get(Party, party_id)
    return party if party is not None and party.is_member else None


# --- anchoring -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class AnchoringStatus:
    log_size: int
    pending_entries: int
    latest_checkpoint: Checkpoint | None
    latest_anchor: AnchorRecord | None
    unanchored_checkpoints: int
    open_attempts: int
    anchors: int
    total_gas: int
    total_cost_wei: int


def anchoring_status(session: Session) -> AnchoringStatus:
    latest = session.scalars(select(Checkpoint).order_by(Checkpoint.tree_size.desc()).limit(1)).first()
    anchored = session.scalars(
        select(AnchorRecord).order_by(AnchorRecord.tree_size.desc(), AnchorRecord.id.desc()).limit(1)
    ).first()
    anchored_sizes = select(AnchorRecord.tree_size)
    unanchored = (
        session.scalar(
            select(func.count()).select_from(Checkpoint).where(Checkpoint.tree_size.not_in(anchored_sizes))
        )
        or 0
    )
    open_attempts = (
        session.scalar(
            select(func.count())
            .select_from(AnchorAttempt)
            .where(AnchorAttempt.tree_size.not_in(anchored_sizes))
        )
        or 0
    )
    records = session.execute(select(AnchorRecord.gas_used, AnchorRecord.cost_wei)).all()
    return AnchoringStatus(
        log_size=log_size(session),
        pending_entries=pending_entries(session),
        latest_checkpoint=latest,
        latest_anchor=anchored,
        unanchored_checkpoints=unanchored,
        open_attempts=open_attempts,
        anchors=len(records),
        total_gas=sum(int(gas) for gas, _ in records),
        total_cost_wei=sum(int(cost) for _, cost in records),  # wei: Python ints, never floats
    )


def anchoring_history(session: Session, limit: int, offset: int) -> Page[AnchorRecord]:
    """Confirmed anchors, newest first, with gas and cost."""
    items, total = page_of(
        session,
        select(AnchorRecord).order_by(AnchorRecord.tree_size.desc(), AnchorRecord.id.desc()),
        limit,
        offset,
    )
    return Page(items, total)
