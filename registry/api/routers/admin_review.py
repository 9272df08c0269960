"""Staff review queues over HTTP: share conflicts (list with both claims, resolve) and duplicate
candidates (list with both records, merge, keep apart). Each decision records its ledger entry in
the request's transaction; the decider's username is kept with it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Literal, TypeVar

from fastapi import APIRouter, Depends, Path, Query

from payloads.paging import Page
from payloads.review import ConflictOut, DuplicateOut, MergeIn, ResolveIn
from registry import entity_ids
from registry.api.deps import Db, Pages, require
from registry.api.problems import ApiProblem, not_found, problem_responses
from registry.api.unit_of_work import unit_of_work
from registry.errors import RegistryError
from registry.models import DuplicateCandidate
from registry.services.access.users import Principal
from registry.services.repertoire import duplicates, review_queues
from registry.services.repertoire.conflicts import resolve_conflict

router = APIRouter(prefix="/v1/admin", tags=["review"], responses=problem_responses(401, 403, 422))
Staff = Annotated[Principal, Depends(require("admin", "clerk"))]  # a registry clerk's work
T = TypeVar("T")
CASE = r"^C-[0-9]{1,18}$"
CANDIDATE = r"^DUP-[0-9]{1,18}$"


@router.get("/conflicts", response_model=Page[ConflictOut])
def conflicts(
    _: Staff,
    db: Db,
    pages: Pages,
    status: Annotated[Literal["open", "resolved", "all"], Query(description="open: the queue")] = "open",
) -> Page[ConflictOut]:
    """Share conflicts, oldest first: each claim of the right type side by side (who claimed
    what), and for resolved ones the decided shares and why."""
    page = review_queues.conflicts_page(db, None if status == "all" else status, pages.limit, pages.offset)
    items = [ConflictOut(**c) for c in page.items]
    return Page(items=items, total=page.total, limit=pages.limit, offset=pages.offset)


@router.post("/conflicts/{case}/resolve", response_model=ConflictOut, responses=problem_responses(404, 409))
@unit_of_work
def resolve(
    caller: Staff, db: Db, case: Annotated[str, Path(pattern=CASE)], decision: ResolveIn
) -> ConflictOut:
    """Decide the shares of the case's right type (they must make 100%): they replace every
    submitted claim of that right; the case and the work's new version are recorded."""
    found = _known(lambda: review_queues.conflict(db, case))
    if found.status != "open":
        raise ApiProblem(409, f"{case} is already {found.status}")
    try:
        shares = review_queues.decided_shares([s.model_dump() for s in decision.shares])
        resolved = resolve_conflict(db, found.id, shares, decision.note, decided_by=caller.username)
    except RegistryError as exc:
        raise ApiProblem(422, str(exc)) from None
    db.commit()
    return ConflictOut(**review_queues.conflict_dict(resolved))


@router.get("/duplicates", response_model=Page[DuplicateOut])
def duplicate_candidates(
    _: Staff,
    db: Db,
    pages: Pages,
    status: Annotated[
        Literal["pending", "merged", "kept_apart", "all"], Query(description="pending: the queue")
    ] = "pending",
) -> Page[DuplicateOut]:
    """Duplicate candidates, oldest first: both records and the evidence of the match."""
    page = review_queues.candidates_page(db, None if status == "all" else status, pages.limit, pages.offset)
    items = [DuplicateOut(**c) for c in page.items]
    return Page(items=items, total=page.total, limit=pages.limit, offset=pages.offset)


@router.post(
    "/duplicates/{candidate}/merge", response_model=DuplicateOut, responses=problem_responses(404, 409)
)
@unit_of_work
def merge(
    caller: Staff, db: Db, candidate: Annotated[str, Path(pattern=CANDIDATE)], decision: MergeIn
) -> DuplicateOut:
    """The survivor absorbs the other record (keeping both histories: the absorbed one's next
    version says where it went)."""
    found = _pending(db, candidate)
    prefix = entity_ids.WORK if found.subject == "work" else entity_ids.RECORDING
    survivor = prefix.parse(decision.survivor)
    if survivor not in found.pair:
        first, second = (prefix.make(i) for i in found.pair)
        raise ApiProblem(422, f"{decision.survivor} is not one of {candidate}'s pair ({first}, {second})")
    try:
        duplicates.merge(db, found.id, survivor, decided_by=caller.username)
    except RegistryError as exc:
        raise ApiProblem(422, str(exc)) from None
    db.commit()
    return DuplicateOut(**review_queues.candidate_dict(db, found))


@router.post(
    "/duplicates/{candidate}/keep-apart", response_model=DuplicateOut, responses=problem_responses(404, 409)
)
@unit_of_work
def keep_apart(caller: Staff, db: Db, candidate: Annotated[str, Path(pattern=CANDIDATE)]) -> DuplicateOut:
    """The pair are different records: never proposed again; neither record changes."""
    found = _pending(db, candidate)
    duplicates.keep_apart(db, found.id, decided_by=caller.username)
    db.commit()
    return DuplicateOut(**review_queues.candidate_dict(db, found))


def _pending(db: Db, candidate: str) -> DuplicateCandidate:
    found = _known(lambda: review_queues.candidate(db, candidate))
    if found.status != "pending":
        raise ApiProblem(409, f"{candidate} is already decided ({found.status})")
    return found


def _known(lookup: Callable[[], T]) -> T:
    try:
        return lookup()
    except review_queues.UnknownCase as exc:
        raise not_found(str(exc)) from None
