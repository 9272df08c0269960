"""Works, recordings and conflict cases as the ledger states them: their public `work`,
`recording` and `conflict` entries' bodies (also from plain values, for bulk writes), their
statuses, and the recording of their next version when their facts changed; also the edits that
registration and merging share (alternate titles, a merged record's survivor).

Registration (registry.services.repertoire.registration), conflicts and duplicates build on this
module; it imports none of them, so each sees the same bodies without an import cycle.
"""

from __future__ import annotations

from typing import Any, NamedTuple, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from ledger.entry import Entry
from registry.errors import RegistryError
from registry.kinds.conflict import conflict_body
from registry.kinds.recording import recording_body
from registry.kinds.work import work_body
from registry.ledger_writer import latest_entry, record
from registry.models import (
    ConflictShare,
    Recording,
    RecordingShare,
    ShareConflict,
    Work,
    WorkShare,
    WorkTitle,
)
from registry.normalise import normalise_title
from registry.services.repertoire.work_keys import sync_match_keys
from registry.shares import claims_of, right_state, shares_complete, totals

_TITLE_MAX = 300


class _Unknown:
    """Not looked up yet (None means: looked up, never recorded)."""


_UNKNOWN = _Unknown()


_Item = TypeVar("_Item", Work, Recording)


class RepertoireError(RegistryError):
    """A registration that cannot be taken as given; the message says why."""


class AltTitle(NamedTuple):
    """An alternate title; CWR title types: AT alternative, OT original, TE first line..."""

    title: str
    type: str = "AT"
    language: str | None = None


def work_status(work: Work) -> str:
    if work.merged_into_id is not None:
        return "merged"
    if any(c.status == "open" for c in work.conflicts):
        return "in_conflict"
    return "complete" if shares_complete(totals(claims_of(work))) else "incomplete"


def record_work(session: Session, work: Work, source: str | None = None) -> Entry | None:
    """Record the work's next version if its facts differ from the last one recorded."""
    session.flush()  # ids, and the parties of new share rows, come from the database
    body = work_body(session, work)
    latest = latest_entry(session, "work", work.ledger_id)
    entry = _record_if_changed(session, "work", work.ledger_id, body, source, latest=latest)
    if entry is not None:  # every change of titles, writers or merge state records a version
        sync_match_keys(session, work)
        if latest is not None and (latest.body.get("title"), latest.body.get("iswc")) != (
            body["title"],
            body["iswc"],
        ):
            _restate_cases(session, work)
    return entry


def _restate_cases(session: Session, work: Work) -> None:
    """A conflict case states its work's title and ISWC: a case of a retitled work is restated."""
    for case in work.conflicts:
        record_case(session, case)


def restate_party(session: Session, party_id: int) -> int:
    """Works, recordings and conflict cases name their parties (name, IPI name number): after a
    party's name or IPI changed, each that names it records its next version. Returns how many."""
    changed = 0
    work_ids = session.scalars(select(WorkShare.work_id).where(WorkShare.party_id == party_id).distinct())
    for work in session.scalars(select(Work).where(Work.id.in_(list(work_ids))).order_by(Work.id)):
        changed += record_work(session, work) is not None
    recording_ids = session.scalars(
        select(RecordingShare.recording_id).where(RecordingShare.party_id == party_id).distinct()
    )
    for recording in session.scalars(
        select(Recording).where(Recording.id.in_(list(recording_ids))).order_by(Recording.id)
    ):
        changed += record_recording(session, recording) is not None
    case_ids = session.scalars(
        select(ConflictShare.conflict_id).where(ConflictShare.party_id == party_id).distinct()
    )
    for case in session.scalars(
        select(ShareConflict).where(ShareConflict.id.in_(list(case_ids))).order_by(ShareConflict.id)
    ):
        changed += record_case(session, case) is not None
    return changed


def _title_type(text: str | None) -> str:
    title_type = (text or "AT").strip().upper()
    if len(title_type) > 2:
        raise RepertoireError(f"title type {text!r} is not a CWR title type code")
    return title_type


def add_alternate_title(work: Work, alt: AltTitle) -> None:
    """Add the title unless the work already has it (by title key, so "Moon" and "ＭＯＯＮ" are one)."""
    title = _title(alt.title)
    key = normalise_title(title)
    if not key or key == work.title_key or any(t.title_key == key for t in work.titles):
        return
    title_type = _title_type(alt.type)
    language = alt.language.strip().upper() if alt.language else None
    work.titles.append(WorkTitle(title=title, title_type=title_type, language=language, title_key=key))


def recording_status(recording: Recording) -> str:
    """merged, or complete when the performers' and producers' shares make the whole."""
    if recording.merged_into_id is not None:
        return "merged"
    return "complete" if right_state(sum(s.share for s in recording.shares)) == "complete" else "incomplete"


def record_recording(session: Session, recording: Recording, source: str | None = None) -> Entry | None:
    """Record the recording's next version if its facts differ from the last one recorded."""
    session.flush()
    return _record_if_changed(
        session, "recording", recording.ledger_id, recording_body(session, recording), source
    )


def surviving(session: Session, item: _Item) -> _Item:
    """The work or recording itself, or the one it was merged into (following every merge)."""
    seen = {item.id}
    while item.merged_into_id is not None:
        nxt = session.get(type(item), item.merged_into_id)
        if nxt is None or nxt.id in seen:
            raise RepertoireError(f"{item.ledger_id} is merged into a missing or circular record")
        seen.add(nxt.id)
        item = nxt
    return item


def _record_if_changed(
    session: Session,
    kind: str,
    entity_id: str,
    body: dict[str, Any],
    source: str | None,
    *,
    latest: Entry | _Unknown | None = _UNKNOWN,
) -> Entry | None:
    if isinstance(latest, _Unknown):
        latest = latest_entry(session, kind, entity_id)
    if latest is not None and {k: v for k, v in latest.body.items() if k != "source"} == body:
        return None
    return record(session, kind, entity_id, {**body, "source": source} if source else body)


def _title(text: str) -> str:
    title = _required(text, "title")
    if len(title) > _TITLE_MAX:
        raise RepertoireError(f"title {title[:40]!r}... is longer than {_TITLE_MAX} characters")
    return title


def _required(text: str | None, what: str) -> str:
    value = (text or "").strip()
    if not value:
        raise RepertoireError(f"a registration needs a {what}")
    return value


def _duration(seconds: int) -> int:
    if not isinstance(seconds, int) or isinstance(seconds, bool) or seconds < 0:
        raise RepertoireError(f"duration must be a whole number of seconds, got {seconds!r}")
    return seconds


def record_case(session: Session, case: ShareConflict) -> Entry | None:
    """Record the case's next version if its facts differ from the last one recorded: the work's
    title or ISWC, or a party's name, changed since (record_work and restate_party restate)."""
    session.flush()
    body = conflict_body(case)
    latest = latest_entry(session, "conflict", case.ledger_id)
    if latest is not None and dict(latest.body) == body:
        return None
    return record(session, "conflict", case.ledger_id, body)
