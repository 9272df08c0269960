"""The public log feed, so anyone can monitor the log: its key and contract, checkpoints, leaf
hashes and public entries by range (private entries as their leaf hash only)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, Response

from ledger.descriptor import DESCRIPTOR_FILE
from ledger.kinds import KINDS
from payloads.log import CheckpointOut, ConsistencyOut, LeafOut, LogEntryOut, LogInfo
from payloads.paging import Page
from registry.api import views
from registry.api.deps import NO_NUL, Db, Pages, rate_limited
from registry.api.problems import ApiProblem, not_found, problem_responses
from registry.services.anchoring.proofs import consistency_proof
from registry.services.reporting import lookups

router = APIRouter(prefix="/v1", tags=["log"], dependencies=[Depends(rate_limited)])
LIMITS = problem_responses(422, 429)
MAX_INDEX = 2**62
PUBLIC_KINDS = tuple(sorted(name for name, kind in KINDS.items() if not kind.private))


async def log_range(
    start: Annotated[int, Query(ge=0, le=MAX_INDEX, description="first leaf index")] = 0,
    end: Annotated[
        int | None,
        Query(ge=0, le=MAX_INDEX, description=f"one past the last (at most start + {lookups.MAX_RANGE})"),
    ] = None,
) -> tuple[int, int]:
    if end is None:
        end = start + 50
    if end < start:
        raise ApiProblem(422, "query.end: must not be below start", slug="validation-error")
    if end - start > lookups.MAX_RANGE:
        raise ApiProblem(
            422, f"query.end: at most {lookups.MAX_RANGE} leaves per request", slug="validation-error"
        )
    return start, end


Range = Annotated[tuple[int, int], Depends(log_range)]


@router.get("/log", response_model=LogInfo, responses=LIMITS)
def log_info(request: Request, db: Db) -> LogInfo:
    """The log's name, verifier key, size, and the chain and contract it is anchored on."""
    contract = lookups.anchor_contract(db)
    return LogInfo(
        origin=request.app.state.rl.settings.log_origin,
        verifier_key=request.app.state.verifier_key,
        tree_size=lookups.log_size(db),
        chain_id=contract.chain_id if contract else None,
        contract_address=contract.address if contract else None,
    )


@router.get(
    "/log/descriptor",
    response_class=Response,
    responses={
        200: {"content": {"application/json": {"schema": {"type": "object"}}}},
        **problem_responses(404, 429),
    },
)
def log_descriptor(request: Request) -> Response:
    """The log's identity (origin, verifier keys, chain id, contracts, witness keys) signed with
    the log key, as `rightsledger log descriptor` wrote it: pin it once and verify every proof
    against it. A proof's own contract or chain is never trusted."""
    path = request.app.state.rl.settings.data_dir / DESCRIPTOR_FILE
    if not path.is_file():
        raise ApiProblem(404, "the log descriptor is not published yet: run `rightsledger log descriptor`")
    return Response(path.read_bytes(), media_type="application/json")


@router.get("/checkpoints", response_model=Page[CheckpointOut], responses=LIMITS)
def checkpoints(db: Db, pages: Pages) -> Page[CheckpointOut]:
    """Signed checkpoints, oldest first, with where each was anchored."""
    page = lookups.checkpoints(db, pages.limit, pages.offset)
    return Page(
        items=[views.checkpoint(cp, anchored) for cp, anchored in page.items],
        total=page.total,
        limit=pages.limit,
        offset=pages.offset,
    )


@router.get("/log/leaves", response_model=Page[LeafOut], responses=LIMITS)
def leaves(db: Db, span: Range) -> Page[LeafOut]:
    """Leaf hashes (hex) of positions start <= index < end; `total` is the log's size."""
    start, end = span
    items = [LeafOut(index=i, leaf_hash=h.hex()) for i, h in lookups.leaves(db, start, end)]
    return Page(items=items, total=lookups.log_size(db), limit=end - start, offset=start)


@router.get("/log/entries", response_model=Page[LogEntryOut], responses=LIMITS)
def entries(db: Db, span: Range) -> Page[LogEntryOut]:
    """Entries of positions start <= index < end: public ones whole, private ones as leaf hash."""
    start, end = span
    items = [_feed(e) for e in lookups.logged_entries(db, start, end)]
    return Page(items=items, total=lookups.log_size(db), limit=end - start, offset=start)


@router.get("/log/consistency", response_model=ConsistencyOut, responses=LIMITS)
def consistency(
    db: Db,
    first: Annotated[int, Query(ge=1, le=MAX_INDEX, description="the older tree size")],
    second: Annotated[int, Query(ge=1, le=MAX_INDEX, description="the newer tree size")],
) -> ConsistencyOut:
    """The consistency proof from the log's tree of size `first` to that of size `second`, so an
    auditor can check any two checkpoints against the roots on chain."""
    if second < first:
        raise ApiProblem(422, "query.second: must not be below first", slug="validation-error")
    size = lookups.log_size(db)
    if second > size:
        raise ApiProblem(422, f"query.second: the log holds {size} leaves", slug="validation-error")
    proof = consistency_proof(db, first, second)
    return ConsistencyOut(first=first, second=second, proof=[h.hex() for h in proof])


@router.get("/log/search", response_model=Page[LogEntryOut], responses=problem_responses(404, 422, 429))
def search(
    db: Db,
    pages: Pages,
    leaf_hash: Annotated[
        str | None, Query(pattern="^[0-9a-fA-F]{64}$", description="an entry's leaf hash, 64 hex digits")
    ] = None,
    index: Annotated[int | None, Query(ge=0, le=MAX_INDEX, description="a position in the log")] = None,
    entry: Annotated[
        str | None,
        Query(
            min_length=1,
            max_length=200,
            pattern=NO_NUL,
            description="a public entry's id: W-12, LIC-2026-000001",
        ),
    ] = None,
) -> Page[LogEntryOut]:
    """Find entries in the log as crt.sh and Rekor do: by leaf hash, by log index, or by a public
    entry's id (every version). Exactly one of the three. Public entries come whole, private ones
    as their leaf hash only; their fingerprint proof is at /v1/fingerprints/{leaf_hash}."""
    given = [
        name
        for name, value in (("leaf_hash", leaf_hash), ("index", index), ("entry", entry))
        if value is not None
    ]
    if len(given) != 1:
        raise ApiProblem(422, "query: give exactly one of leaf_hash, index, entry", slug="validation-error")
    if leaf_hash is not None:
        found = lookups.logged_by_leaf_hash(db, bytes.fromhex(leaf_hash))
    elif index is not None:
        found = lookups.logged_at(db, index)
    else:
        found = lookups.public_entries_by_id(db, str(entry), PUBLIC_KINDS, pages.limit, pages.offset)
    if found.total == 0:
        asked = {"leaf_hash": leaf_hash, "index": index, "entry": entry}[given[0]]
        raise not_found(f"no entry in the log with {given[0]} {asked!r}")
    return Page(
        items=[_feed(e) for e in found.items], total=found.total, limit=pages.limit, offset=pages.offset
    )


def _feed(e: lookups.LoggedEntry) -> LogEntryOut:
    return LogEntryOut(
        index=e.index, leaf_hash=e.leaf_hash.hex(), private=e.private, entry=None if e.private else e.entry()
    )
