"""Four eyes on distributions over HTTP: finance prepares (a dry run recorded as a proposal),
someone else with the approver role approves (the run recorded, with the same lines) or refuses.
Nobody decides their own proposal (403)."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Path, Query, Request

from ledger.entry import Entry
from payloads.distribution import ProposalOut
from payloads.paging import Page
from registry.api.deps import Db, Pages, require
from registry.api.periods import check_period
from registry.api.problems import ApiProblem, not_found, problem_responses
from registry.api.schemas import DistributionRunIn, RefusalIn
from registry.api.unit_of_work import unit_of_work
from registry.errors import VersionConflict
from registry.services.access.users import Principal
from registry.services.distribution import proposals as p

router = APIRouter(
    prefix="/v1/admin/distributions", tags=["distributions"], responses=problem_responses(401, 403, 422)
)
Preparer = Annotated[Principal, Depends(require("admin", "finance"))]
Approver = Annotated[Principal, Depends(require("admin", "approver"))]
Reader = Annotated[Principal, Depends(require("admin", "finance", "approver", "auditor"))]
ID = r"^DP-[0-9]{4}-[0-9]{2}-[a-z0-9][a-z0-9_-]{0,29}-[0-9]{1,6}$"


def _out(entry: Entry) -> ProposalOut:
    return ProposalOut(id=entry.id, version=entry.version, **entry.body)


@router.post("/proposals", response_model=ProposalOut, status_code=201, responses=problem_responses(409))
@unit_of_work
def prepare(caller: Preparer, db: Db, request: Request, data: DistributionRunIn) -> ProposalOut:
    """Prepare a period's distribution for a source: the dry run (what it would publish, how it
    differs from the previous period) recorded as a proposal awaiting a second person."""
    settings = request.app.state.rl.settings
    check_period(data.period, ("body", "period"), settings)
    try:
        entry = p.prepare(
            db,
            settings.data_dir,
            data.period,
            data.source,
            prepared_by=str(caller.username),
            pool=data.pool_fen,
            adjustment=data.adjustment,
        )
    except VersionConflict:
        raise ApiProblem(
            409, f"another {data.period} {data.source} proposal was prepared at the same moment: try again"
        ) from None
    except p.AlreadyPrepared as exc:
        raise ApiProblem(409, str(exc)) from None
    except p.ProposalError as exc:
        raise ApiProblem(422, str(exc)) from None
    db.commit()
    return _out(entry)


@router.get("/proposals", response_model=Page[ProposalOut])
def proposals(
    _: Reader,
    db: Db,
    pages: Pages,
    status: Annotated[Literal["prepared", "approved", "refused", "all"], Query()] = "prepared",
) -> Page[ProposalOut]:
    """The proposals, newest first (prepared ones by default: those awaiting a decision)."""
    entries, total = p.proposals(db, None if status == "all" else status, pages.limit, pages.offset)
    return Page(items=[_out(e) for e in entries], total=total, limit=pages.limit, offset=pages.offset)


@router.post(
    "/proposals/{proposal}/approve", response_model=ProposalOut, responses=problem_responses(404, 409)
)
@unit_of_work
def approve(
    caller: Approver, db: Db, request: Request, proposal: Annotated[str, Path(pattern=ID)]
) -> ProposalOut:
    """Approve and run: the distribution is recorded (lines, statements, summary) as prepared."""
    try:
        entry, _ = p.approve(
            db, request.app.state.rl.settings.data_dir, proposal, decided_by=str(caller.username)
        )
    except Exception as exc:
        db.rollback()  # a run refused after writing: nothing of it stays
        raise _problem(exc) from None
    db.commit()
    return _out(entry)


@router.post(
    "/proposals/{proposal}/refuse", response_model=ProposalOut, responses=problem_responses(404, 409)
)
@unit_of_work
def refuse(
    caller: Approver, db: Db, proposal: Annotated[str, Path(pattern=ID)], data: RefusalIn
) -> ProposalOut:
    """Refuse with a reason: nothing is distributed; finance may prepare it again."""
    try:
        entry = p.refuse(db, proposal, decided_by=str(caller.username), reason=data.reason)
    except Exception as exc:
        raise _problem(exc) from None
    db.commit()
    return _out(entry)


def _problem(exc: Exception) -> Exception:
    """A decision refused in words; anything else (a database conflict) goes on as it is."""
    if isinstance(exc, p.UnknownProposal):
        return not_found(str(exc))
    if isinstance(exc, p.OwnProposal):
        return ApiProblem(403, str(exc))
    if isinstance(exc, (p.AlreadyDecided, VersionConflict)):
        return ApiProblem(409, str(exc))
    if isinstance(exc, p.ProposalError):
        return ApiProblem(422, str(exc))
    return exc
