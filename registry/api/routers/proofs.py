"""GET /v1/proofs/{entry_id}: the proof file of an entry, `.rlproof` JSON or C2SP tlog-proof.

Public kinds for anyone; a private entry only for its member or licensee (with its salt) and for
auditors and admins (leaf hash only, unless they ask for the entry with full=true). For anyone
else a private entry answers 404 exactly like an unknown id."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query, Request, Response
from fastapi.concurrency import run_in_threadpool

from ledger.proof_formats import dump_rlproof
from registry.api.deps import NO_NUL, OPTIONAL_AUTH, AppState, PublicCaller
from registry.api.problems import problem_responses
from registry.api.remembered_lookups import ascii_filename
from registry.services.access.proof_access import ProofDocument
from registry.services.access.users import Principal
from registry.services.anchoring.proofs import fingerprint_proof

router = APIRouter(prefix="/v1", tags=["proofs"])


@router.get(
    "/fingerprints/{leaf_hash}",
    responses={
        200: {
            "description": "the proof file with the entry withheld",
            "content": {
                "application/json": {"schema": {"type": "object", "description": "rightsledger-proof/v1"}}
            },
        },
        **problem_responses(404, 422, 429),
    },
)
async def fingerprint(
    leaf_hash: Annotated[str, Path(pattern="^[0-9a-f]{64}$", description="the entry's leaf hash, hex")],
    request: Request,
) -> Response:
    """The proof that an entry's fingerprint (its leaf hash) is in the log and anchored, for
    anyone, with the entry withheld: a member's statement QR code opens this check. Private
    entries' leaf hashes are public in the log already, so this reveals nothing new."""
    app_state: AppState = request.app.state.rl

    def read() -> str:
        with app_state.sessions() as session:
            return dump_rlproof(fingerprint_proof(session, bytes.fromhex(leaf_hash)))

    return Response(await run_in_threadpool(read), media_type="application/json")


@router.get(
    "/proofs/{entry_id:path}",
    responses={
        200: {
            "description": "the proof file",
            "content": {
                "application/json": {"schema": {"type": "object", "description": "rightsledger-proof/v1"}},
                "text/plain": {"schema": {"type": "string", "description": "c2sp.org/tlog-proof@v1"}},
            },
        },
        **problem_responses(401, 404, 409, 422, 429),
    },
    openapi_extra=OPTIONAL_AUTH,
)
async def proof(
    entry_id: Annotated[str, Path(min_length=1, max_length=200, pattern=NO_NUL)],
    caller: PublicCaller,
    request: Request,
    kind: Annotated[
        str | None, Query(max_length=40, pattern=NO_NUL, description="when the id names several kinds")
    ] = None,
    version: Annotated[int | None, Query(ge=1, le=2**31 - 1, description="default: the latest")] = None,
    format: Annotated[Literal["rlproof", "tlog-proof"], Query()] = "rlproof",
    full: Annotated[
        bool, Query(description="auditors and admins: the private entry itself, with its salt")
    ] = False,
) -> Response:
    # A proof answered before for this epoch comes from memory, on the event loop; anything
    # else asks the database in one trip to the thread pool.
    app_state: AppState = request.app.state.rl
    options: dict[str, Any] = {"kind": kind, "version": version, "fmt": format, "full": full}
    document = app_state.proofs.from_memory(caller, entry_id, **options)
    if document is None:
        document = await run_in_threadpool(_from_database, app_state, caller, entry_id, options)
    return Response(
        document.text,
        media_type=document.media_type,
        headers={"Content-Disposition": f'inline; filename="{ascii_filename(document.filename)}"'},
    )


def _from_database(
    app_state: AppState, caller: Principal, entry_id: str, options: dict[str, Any]
) -> ProofDocument:
    with app_state.sessions() as session:
        return app_state.proofs.proof(session, caller, entry_id, **options)
