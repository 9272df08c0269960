"""Works, recordings and share conflicts: the latest version states the rows as they are now.

`source` (the file a version came from) is not a fact of the rows: it is left out of the
comparison, as the services themselves leave it out when deciding whether anything changed."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from registry.audit.declarations import BodyCheck, Checks
from registry.audit.ids import row_id
from registry.models import Recording, ShareConflict, Work
from registry.services.repertoire.entries import conflict_body, recording_body, work_body


def _work_ids(session: Session) -> Iterable[str]:
    return (f"W-{n}" for n in session.scalars(select(Work.id)))


def _recording_ids(session: Session) -> Iterable[str]:
    return (f"R-{n}" for n in session.scalars(select(Recording.id)))


def _conflict_ids(session: Session) -> Iterable[str]:
    return (f"C-{n}" for n in session.scalars(select(ShareConflict.id)))


def _load(
    model: type[Work] | type[Recording] | type[ShareConflict], prefix: str
) -> Callable[[Session, list[str]], object]:
    def prefetch(session: Session, entity_ids: list[str]) -> object:
        # One query (and the models' selectin loads) for the batch: later gets hit the session.
        return session.scalars(
            select(model).where(model.id.in_([row_id(i, prefix) for i in entity_ids]))
        ).all()

    return prefetch


def expected_work(session: Session, entity_id: str) -> Mapping[str, Any] | None:
    work = session.get(Work, row_id(entity_id, "W"))
    return None if work is None else work_body(session, work)


def expected_recording(session: Session, entity_id: str) -> Mapping[str, Any] | None:
    recording = session.get(Recording, row_id(entity_id, "R"))
    return None if recording is None else recording_body(session, recording)


def expected_conflict(session: Session, entity_id: str) -> Mapping[str, Any] | None:
    case = session.get(ShareConflict, row_id(entity_id, "C"))
    return None if case is None else conflict_body(case)


_SOURCE = frozenset({"source"})
CHECKS = Checks(
    body=(
        BodyCheck("work", expected_work, ids=_work_ids, ignore=_SOURCE, prefetch=_load(Work, "W")),
        BodyCheck(
            "recording",
            expected_recording,
            ids=_recording_ids,
            ignore=_SOURCE,
            prefetch=_load(Recording, "R"),
        ),
        BodyCheck("conflict", expected_conflict, ids=_conflict_ids, prefetch=_load(ShareConflict, "C")),
    )
)
