"""GET /v1/proofs/{entry_id}: the proof file of an entry, `.rlproof` JSON or C2SP tlog-proof.

Public kinds for anyone; a private entry only for its member or licensee (with its salt) and for
auditors and admins (leaf hash only, unless they ask for the entry with full=true). For anyone
else a private entry answers 404 exactly like an unknown id."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Path, Query, Response

from registry.api.deps import NO_NUL, Caller, Db, State, rate_limited
from registry.api.problems import problem_responses

router = APIRouter(prefix="/v1", tags=["proofs"], dependencies=[Depends(rate_limited)])


@router.get(
    "/proofs/{entry_id}",
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
)
def proof(
    entry_id: Annotated[str, Path(min_length=1, max_length=200, pattern=NO_NUL)],
    db: Db,
    caller: Caller,
    app_state: State,
    kind: Annotated[
        str | None, Query(max_length=40, pattern=NO_NUL, description="when the id names several kinds")
    ] = None,
    version: Annotated[int | None, Query(ge=1, le=2**31 - 1, description="default: the latest")] = None,
    format: Annotated[Literal["rlproof", "tlog-proof"], Query()] = "rlproof",
    full: Annotated[
        bool, Query(description="auditors and admins: the private entry itself, with its salt")
    ] = False,
) -> Response:
    document = app_state.proofs.proof(db, caller, entry_id, kind=kind, version=version, fmt=format, full=full)
    return Response(
        document.text,
        media_type=document.media_type,
        headers={"Content-Disposition": f'inline; filename="{_ascii(document.filename)}"'},
    )


def _ascii(name: str) -> str:
    return "".join(c if c.isascii() and c.isprintable() and c not in '"\\' else "_" for c in name)
