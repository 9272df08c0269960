"""Works, recordings and conflict cases as the ledger states them: their public `work`,
`recording` and `conflict` entries' bodies (also from plain values, for bulk writes), their
statuses, and the recording of their next version when their facts changed; also the edits that
registration and merging share (alternate titles, a merged record's survivor).

Registration (registry.services.repertoire.registration), conflicts and duplicates build on this
module; it imports none of them, so each sees the same bodies without an import cycle.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any, NamedTuple, Protocol, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from ledger.entry import Entry
from registry.errors import RegistryError
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
from registry.services.repertoire.shares import claims_of, right_state, shares_complete, totals
from registry.services.repertoire.work_keys import sync_match_keys

OPEN, RESOLVED = "open", "resolved"  # a conflict case's status
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


def work_body(session: Session, work: Work) -> dict[str, Any]:
    """The public facts of a work version: identifiers, titles, claims per right type, status."""
    body = work_facts(
        iswc=work.iswc,
        title=work.title,
        titles=[(t.title, t.title_type, t.language) for t in work.titles],
        language=work.language,
        duration_seconds=work.duration_seconds,
        status=work.status,
        registrations=[(r.submitter, r.submitter_work_id) for r in work.registrations],
        shares=[_share_fact(s) for s in work.shares],
        per_right=totals(claims_of(work)),
        open_conflicts=[c.ledger_id for c in work.conflicts if c.status == "open"],
    )
    if work.merged_into_id is not None:
        body["merged_into"] = f"W-{work.merged_into_id}"
    absorbed = session.scalars(select(Work.id).where(Work.merged_into_id == work.id).order_by(Work.id)).all()
    if absorbed:
        body["merged_from"] = [f"W-{n}" for n in absorbed]
    return body


def work_facts(
    *,
    iswc: str | None,
    title: str,
    titles: Iterable[tuple[str, str, str | None]],
    language: str | None,
    duration_seconds: int | None,
    status: str,
    registrations: Iterable[tuple[str, str]],
    shares: Iterable[dict[str, Any]],
    per_right: Mapping[str, int],
    open_conflicts: list[str],
) -> dict[str, Any]:
    """work_body from plain values (also for works written in bulk, never loaded as objects);
    `per_right`: the totals that count per right type (registry.services.repertoire.shares.totals)."""
    return {
        "iswc": iswc,
        "title": title,
        "alternate_titles": sorted(
            ({"title": t, "type": kind, "language": lang} for t, kind, lang in titles),
            key=lambda t: (t["type"], t["title"]),
        ),
        "language": language,
        "duration_seconds": duration_seconds,
        "status": status,
        "registrations": sorted(
            ({"submitter": submitter, "work_id": work_id} for submitter, work_id in registrations),
            key=lambda r: (r["submitter"], r["work_id"]),
        ),
        "shares": sorted(shares, key=_share_order),
        "totals": {right: per_right[right] for right in sorted(per_right)},
        "open_conflicts": open_conflicts,
    }


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


def _share_fact(share: WorkShare) -> dict[str, Any]:
    return share_fact(
        share.submitter, share.party, share.role, share.right_type, share.share, share.controlled
    )


class Named(Protocol):
    """What a work entry states of a party: a Party, or its facts copied out."""

    @property
    def name(self) -> str: ...
    @property
    def first_name(self) -> str | None: ...
    @property
    def ipi_name(self) -> str | None: ...


def share_fact(
    submitter: str, party: Named, role: str, right: str, share: int, controlled: bool
) -> dict[str, Any]:
    """One claim as a work entry states it: the party by name and IPI name number only."""
    return {
        "submitter": submitter,
        "name": party.name,
        "first_name": party.first_name,
        "ipi_name": party.ipi_name,
        "role": role,
        "right_type": right,
        "share": share,
        "controlled": controlled,
    }


def _share_order(fact: dict[str, Any]) -> tuple[str, ...]:
    return (
        fact["right_type"],
        fact["submitter"],
        fact["ipi_name"] or "",
        fact["name"],
        fact["first_name"] or "",
        fact["role"],
    )


def recording_status(recording: Recording) -> str:
    """merged, or complete when the performers' and producers' shares make the whole."""
    if recording.merged_into_id is not None:
        return "merged"
    return "complete" if right_state(sum(s.share for s in recording.shares)) == "complete" else "incomplete"


def recording_body(session: Session, recording: Recording) -> dict[str, Any]:
    body = recording_facts(
        isrc=recording.isrc,
        title=recording.title,
        artist=recording.artist,
        duration_seconds=recording.duration_seconds,
        release_title=recording.release_title,
        release_date=recording.release_date,
        label=recording.label,
        shares=[
            {
                "name": s.party.name,
                "first_name": s.party.first_name,
                "ipi_name": s.party.ipi_name,
                "role": s.role,
                "share": s.share,
            }
            for s in recording.shares
        ],
        works=[w.ledger_id for w in recording.works],
        status=recording.status,
    )
    if recording.merged_into_id is not None:
        body["merged_into"] = f"R-{recording.merged_into_id}"
    absorbed = session.scalars(
        select(Recording.id).where(Recording.merged_into_id == recording.id).order_by(Recording.id)
    ).all()
    if absorbed:
        body["merged_from"] = [f"R-{n}" for n in absorbed]
    return body


def recording_facts(
    *,
    isrc: str | None,
    title: str,
    artist: str | None,
    duration_seconds: int | None,
    release_title: str | None,
    release_date: date | None,
    label: str | None,
    shares: list[dict[str, Any]],
    works: list[str],
    status: str,
) -> dict[str, Any]:
    """recording_body from plain values (also for recordings written in bulk)."""
    return {
        "isrc": isrc,
        "title": title,
        "artist": artist,
        "duration_seconds": duration_seconds,
        "release": {
            "title": release_title,
            "date": release_date.isoformat() if release_date else None,
            "label": label,
        },
        "shares": sorted(
            shares, key=lambda s: (s["role"], s["ipi_name"] or "", s["name"], s["first_name"] or "")
        ),
        "works": sorted(works, key=lambda i: int(i[2:])),
        "status": status,
    }


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


def conflict_body(case: ShareConflict) -> dict[str, Any]:
    """The public facts of a case: the work, the right type, the claims, and the resolution."""
    work = case.work
    body: dict[str, Any] = {
        "work": work.ledger_id,
        "iswc": work.iswc,
        "title": work.title,
        "right_type": case.right_type,
        "status": case.status,
        "claimed_total": case.claimed_total,
        "claims": _case_facts(case, "claimed"),
        "resolution": None,
    }
    if case.status == RESOLVED:
        body["resolution"] = {
            "shares": _case_facts(case, "resolved"),
            "note": case.note,
            "decided_by": case.decided_by,
        }
    return body


def record_case(session: Session, case: ShareConflict) -> Entry | None:
    """Record the case's next version if its facts differ from the last one recorded: the work's
    title or ISWC, or a party's name, changed since (record_work and restate_party restate)."""
    session.flush()
    body = conflict_body(case)
    latest = latest_entry(session, "conflict", case.ledger_id)
    if latest is not None and dict(latest.body) == body:
        return None
    return record(session, "conflict", case.ledger_id, body)


def _case_facts(case: ShareConflict, stage: str) -> list[dict[str, Any]]:
    facts = [
        {
            "submitter": s.submitter,
            "name": s.party.name,
            "first_name": s.party.first_name,
            "ipi_name": s.party.ipi_name,
            "role": s.role,
            "share": s.share,
        }
        for s in case.shares
        if s.stage == stage
    ]
    return sorted(
        facts, key=lambda f: (f["submitter"], f["ipi_name"] or "", f["name"], f["role"], f["share"])
    )
