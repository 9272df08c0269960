"""Licenses, public: lookup by number, licensee name, city and status (computed on today's date,
so a license past its end reads expired), a license, and its ledger history."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Path, Query, Request, Response
from fastapi.concurrency import run_in_threadpool

from payloads.licensing import LicenseOut
from payloads.log import VersionOut
from payloads.paging import Page
from registry.api import views
from registry.api.deps import NO_NUL, AppState, Db, Pages, rate_limited
from registry.api.problems import not_found, problem_responses
from registry.services.licensing import lookups as licensing_lookups
from registry.services.reporting import lookups

router = APIRouter(prefix="/v1/licenses", tags=["licenses"], dependencies=[Depends(rate_limited)])
Text = Annotated[str | None, Query(min_length=1, max_length=200, pattern=NO_NUL)]
Number = Annotated[str, Path(max_length=40, pattern=NO_NUL, description="LIC-2026-000123")]


@router.get("", response_model=Page[LicenseOut], responses=problem_responses(422, 429))
def search(
    db: Db,
    pages: Pages,
    number: Annotated[
        str | None, Query(min_length=1, max_length=40, pattern=NO_NUL, description="starts with")
    ] = None,
    name: Text = None,
    city: Text = None,
    status: Annotated[Literal["active", "suspended", "revoked", "expired"] | None, Query()] = None,
) -> Page[LicenseOut]:
    """Licenses by number (starts with), licensee name (contains), city, or status today."""
    query = licensing_lookups.LicenseQuery(number=number, name=name, city=city, status=status)
    page = licensing_lookups.search_licenses(db, query, pages.limit, pages.offset)
    stated = lookups.latest_stated(db, "license", (lic.number for lic in page.items))
    return Page(
        items=[views.license(lic, stated[lic.number]) for lic in page.items],
        total=page.total,
        limit=pages.limit,
        offset=pages.offset,
    )


@router.get("/{number}", response_model=LicenseOut, responses=problem_responses(404, 422, 429))
async def detail(number: Number, request: Request) -> Response:
    # Rendered once per log epoch and day: from memory on the event loop, else one trip to the
    # thread pool (RememberedLookups serves the same bytes to anonymous callers even earlier).
    app_state: AppState = request.app.state.rl
    answer = app_state.licenses.from_memory(number)
    if answer is None:
        answer = await run_in_threadpool(_from_database, app_state, number)
    if answer is None:
        raise not_found(f"no license {number!r}")
    return Response(answer, media_type="application/json")


def _from_database(app_state: AppState, number: str) -> bytes | None:
    with app_state.sessions() as session:
        return app_state.licenses.answer(session, number)


@router.get("/{number}/history", response_model=Page[VersionOut], responses=problem_responses(404, 422, 429))
def history(number: Number, db: Db, pages: Pages) -> Page[VersionOut]:
    """Every recorded version (issued, suspended, revoked...), oldest first, with its anchoring."""
    found = licensing_lookups.license_by_number(db, number)
    if found is None:
        raise not_found(f"no license {number!r}")
    page = lookups.versions(db, "license", found.number, pages.limit, pages.offset)
    return Page(
        items=[views.version(v) for v in page.items], total=page.total, limit=pages.limit, offset=pages.offset
    )
