"""Works and recordings with their shares, registered as the CMO's staff or a publisher would;
a rival claim on a share, which opens a conflict, and its resolution."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy.orm import Session

from registry.models import ShareConflict, Work
from registry.services.parties.parties import PartyRef
from registry.services.repertoire.conflicts import ResolvedShare, list_conflicts, resolve_conflict
from registry.services.repertoire.registration import (
    RecordingInput,
    ShareInput,
    WorkInput,
    register_work,
)


def shares(party: PartyRef, role: str, rights: Sequence[str], share: int, **more: Any) -> list[ShareInput]:
    """The same share of each right type in `rights` (PR, MR...)."""
    return [ShareInput(party=party, role=role, right_type=r, share=share, **more) for r in rights]


def add_work(
    session: Session,
    work_id: str,
    title: str,
    *,
    submitter: str = "CMO",
    shares: Sequence[ShareInput] = (),
    recordings: Sequence[RecordingInput] = (),
    **more: Any,
) -> Work:
    """Register (or update) the work `submitter` calls `work_id`."""
    work, _ = register_work(
        session,
        WorkInput(
            submitter=submitter,
            submitter_work_id=work_id,
            title=title,
            shares=list(shares),
            recordings=list(recordings),
            **more,
        ),
    )
    return work


def sole_work(
    session: Session,
    writer: PartyRef,
    work_id: str,
    title: str,
    *,
    iswc: str,
    recording: RecordingInput,
    **more: Any,
) -> Work:
    """A work wholly the writer's (composer-author, performing right) with one recording."""
    return add_work(
        session,
        work_id,
        title,
        iswc=iswc,
        shares=shares(writer, "CA", ("PR",), 10_000),
        recordings=[recording],
        **more,
    )


def open_conflict(session: Session) -> ShareConflict:
    """The one open conflict (a rival claim registered with `add_work(..., submitter=rival)`)."""
    [case] = list_conflicts(session)
    return case


def resolve(
    session: Session, case: ShareConflict, decided: Sequence[tuple[int, str, int]], reason: str
) -> None:
    """Settle `case` with (party id, role, share) rows, as a registry clerk does."""
    resolve_conflict(
        session,
        case.id,
        [ResolvedShare(party_id=p, role=role, share=share) for p, role, share in decided],
        reason,
        decided_by="staff:li",
    )
