"""Admins: anchoring now, its status, and its history with gas and cost."""

from __future__ import annotations

import threading
from typing import Annotated

from fastapi import APIRouter, Depends

from anchor.errors import ChainError
from anchor.job import AnchoringError
from payloads.log import AnchoringEstimateOut, AnchoringRun, AnchoringStatusOut, AnchorOut
from payloads.paging import Page
from registry.api import views
from registry.api.deps import Db, Pages, State, require
from registry.api.problems import ApiProblem, problem_responses
from registry.services.access.users import Principal
from registry.services.reporting import lookups
from registry.services.reporting.anchoring_estimate import anchoring_estimate

router = APIRouter(prefix="/v1/admin/anchoring", tags=["anchoring"], responses=problem_responses(401, 403))
Admin = Annotated[Principal, Depends(require("admin"))]
_one_run = threading.Lock()  # one anchoring run at a time per process; the chain's writer lock does the rest


@router.post("/run", response_model=AnchoringRun, responses=problem_responses(409, 503))
def run_now(_: Admin, app_state: State) -> AnchoringRun:
    """Append recorded entries to the log, sign the checkpoint and anchor it, now."""
    runner = app_state.settings.run_anchoring
    if runner is None:
        raise ApiProblem(
            503, "this server is not set up to anchor; run `rightsledger anchor`", slug="anchoring-off"
        )
    if not _one_run.acquire(blocking=False):
        raise ApiProblem(409, "an anchoring run is already going on", slug="anchoring-busy")
    try:
        return AnchoringRun(**runner())
    except (AnchoringError, ChainError) as exc:
        raise ApiProblem(503, f"anchoring failed: {exc}", slug="anchoring-failed") from exc
    finally:
        _one_run.release()


@router.get("/status", response_model=AnchoringStatusOut)
def status(_: Admin, db: Db) -> AnchoringStatusOut:
    s = lookups.anchoring_status(db)
    return AnchoringStatusOut(
        log_size=s.log_size,
        pending_entries=s.pending_entries,
        latest_checkpoint_size=s.latest_checkpoint.tree_size if s.latest_checkpoint else None,
        latest_anchor=views.anchor(s.latest_anchor) if s.latest_anchor else None,
        unanchored_checkpoints=s.unanchored_checkpoints,
        open_attempts=s.open_attempts,
        anchors=s.anchors,
        total_gas=s.total_gas,
        total_cost_wei=str(s.total_cost_wei),
    )


@router.get("/history", response_model=Page[AnchorOut], responses=problem_responses(422))
def history(_: Admin, db: Db, pages: Pages) -> Page[AnchorOut]:
    """Anchors, newest first: transaction, block, gas used, gas price and cost in wei."""
    page = lookups.anchoring_history(db, pages.limit, pages.offset)
    return Page(
        items=[views.anchor(r) for r in page.items], total=page.total, limit=pages.limit, offset=pages.offset
    )


@router.get("/estimate", response_model=AnchoringEstimateOut)
def estimate(_: Admin, db: Db) -> AnchoringEstimateOut:
    """What running anchoring now would cost: the recent anchors' gas at the latest gas price."""
    e = anchoring_estimate(db)
    return AnchoringEstimateOut(
        pending_entries=e.pending_entries,
        based_on=e.based_on,
        gas=e.gas,
        gas_price_wei=None if e.gas_price_wei is None else str(e.gas_price_wei),
        cost_wei=None if e.cost_wei is None else str(e.cost_wei),
    )
